/**
 * The matcher on the tiny demo sources (Appendix E verbatim) on both engines: real sync, real transform,
 * real match; the expectations come from the generator's ground truth and the spec's labelled examples.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../../db/testing';
import type { Db } from '../../../db/types';
import type { TruthAce } from '../../../app/match/metrics';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';
import { evaluateMatch } from './eval';
import { openTruth, readTruth } from './truth';
import { MatchError, runMatch, type MatchResult } from './index';

type Assignment = { ace_source_id: string; status: string; decided_by: string | null; odoo_source_ids: number[]; probability: number; explanation: string };

/** Appendix E ACE company names: positives (#1–#12) and hard negatives (#13–#22, HN11). */
const POSITIVES = ['NORDLICHT LOGISTIK GMBH', 'Mueller Praezisionstechnik GmbH', 'Bluepeak Analytics LLC', 'IBM', 'Helios Energy Trading GmbH', 'Finwave Ltd',
  'Sakura Tech Co., Ltd.', 'Odegaard Bygg', 'Bank of Northshore', 'Vantx Labs', 'Nordlicht Logistik - Data Lake Migration', 'Schmidt, Anna'];
const NEGATIVES = ['Nordlicht Software GmbH', 'Orion Systems Inc.', 'Stadtwerke Hallein GmbH', 'Apex Capital Partners GmbH', 'ABC (Arctic Blue Consulting)',
  'Vantiq Labs Inc.', 'Markus Weber Consulting', 'Greyrock Foods', 'Urban Fitness Hamburg GmbH', 'Amazonas Turismo Ltda.', 'Bluefin Payments Ltd'];

describeEngines('revops match on the tiny demo sources', (getDb) => {
  let dataDir: string;
  let first: MatchResult;
  let truth: Map<string, TruthAce>;
  const assignments = async (db: Db) => (await db.query<Assignment>('SELECT * FROM core.match_assignments ORDER BY ace_source_id')).rows;
  const aceByName = async (db: Db, name: string) =>
    (await db.query<{ source_id: string }>('SELECT source_id FROM core.ace_opportunities WHERE account_name = $1 ORDER BY source_id', [name])).rows.map((r) => r.source_id);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'revops-match-'));
    await syncTinyDemo(getDb(), dataDir);
    await runTransform({ db: getDb() });
    first = await runMatch({ db: getDb() });
    const t = await openTruth(dataDir, undefined);
    try {
      truth = new Map((await readTruth(t.db)).map((x) => [x.ace, x]));
    } finally {
      await t.db.close();
    }
  }, 240_000);

  it('decides every ACE opportunity once, with candidates, probabilities and contributions that add up', async () => {
    const db = getDb();
    const a = await assignments(db);
    expect(a).toHaveLength(first.ace);
    expect(first.matched + first.review + first.noMatch).toBe(first.ace);
    expect(first.semantic.on).toBe(false);
    for (const r of a) {
      expect(r.probability).toBeGreaterThanOrEqual(0);
      expect(r.probability).toBeLessThanOrEqual(1);
      expect(r.explanation.length).toBeGreaterThan(10);
    }
    const c = await db.query<{ probability: number; contributions: { bits: number }[] }>('SELECT probability, contributions FROM core.match_candidates');
    expect(c.rows.length).toBeGreaterThan(0);
    for (const x of c.rows) {
      const bits = x.contributions.reduce((s, y) => s + y.bits, 0);
      // stored rounded (probability to 9 decimals, bits to 4): compare where that rounding is negligible
      const p = x.probability;
      if (p > 1e-6 && p < 1 - 1e-6) expect(Math.abs(bits - Math.log2(p / (1 - p)))).toBeLessThan(0.1);
    }
  });

  it('ranks the true Odoo opportunity first for the labelled examples of Appendix E', async () => {
    const db = getDb();
    for (const name of POSITIVES) {
      // the example's own ACE opportunity (the same customer may have other, unanswerable ones)
      const ids = (await aceByName(db, name)).filter((id) => (truth.get(id)?.matches.size ?? 0) > 0);
      expect(ids.length, name).toBeGreaterThan(0);
      for (const id of ids) {
        const top = (await db.query<{ odoo_source_id: number }>('SELECT odoo_source_id FROM core.match_candidates WHERE ace_source_id = $1 AND rank = 1', [id])).rows[0];
        expect(truth.get(id)?.matches.has(String(top?.odoo_source_id)), `${name} (${id}) top-1 ${top?.odoo_source_id}`).toBe(true);
      }
    }
  });

  it('resolves a stale CRM id typed in ACE to the lead it was merged into (Appendix E #25)', async () => {
    const db = getDb();
    const r = await db.query<{ source_id: string }>("SELECT source_id FROM core.ace_opportunities WHERE partner_crm_unique_identifier = 'ODOO-4711'");
    const id = r.rows[0]?.source_id as string;
    const top = (await db.query<{ odoo_source_id: number }>('SELECT odoo_source_id FROM core.match_candidates WHERE ace_source_id = $1 AND rank = 1', [id])).rows[0];
    expect(top?.odoo_source_id).toBe(4702);
  });

  it('never accepts a hard negative automatically', async () => {
    const db = getDb();
    const a = new Map((await assignments(db)).map((x) => [x.ace_source_id, x]));
    for (const name of NEGATIVES) {
      const ids = await aceByName(db, name);
      expect(ids.length, name).toBeGreaterThan(0);
      for (const id of ids) expect(a.get(id)?.status, `${name} (${id})`).not.toBe('matched');
    }
    // and nothing automatic is wrong on the tiny data
    for (const x of a.values()) {
      if (x.status === 'matched') expect(truth.get(x.ace_source_id)?.matches.has(String(x.odoo_source_ids[0])), x.ace_source_id).toBe(true);
    }
  });

  it('is idempotent: a second run on the same data writes nothing and keeps every result', async () => {
    const db = getDb();
    const before = await db.query('SELECT ace_source_id, odoo_source_id, rank, probability, contributions, run_id FROM core.match_candidates ORDER BY 1, 2');
    const again = await runMatch({ db });
    expect(again.rowsWritten).toBe(0);
    const after = await db.query('SELECT ace_source_id, odoo_source_id, rank, probability, contributions, run_id FROM core.match_candidates ORDER BY 1, 2');
    expect(after.rows).toEqual(before.rows);
    const runs = await db.query<{ status: string; rows_written: number }>('SELECT status, rows_written FROM ops.match_runs ORDER BY started_at');
    expect(runs.rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it("keeps an analyst's accepted match as the cross-reference, whatever the model says", async () => {
    const db = getDb();
    const [ace] = await aceByName(db, 'Vantiq Labs Inc.');
    const other = (await db.query<{ odoo_source_id: number }>('SELECT odoo_source_id FROM core.match_candidates WHERE ace_source_id = $1 ORDER BY rank LIMIT 1', [ace])).rows[0];
    await db.query("INSERT INTO ops.match_decisions (ace_source_id, odoo_source_id, decision, decided_by) VALUES ($1, $2, 'accept', 'test')", [ace, other?.odoo_source_id]);
    await runMatch({ db });
    const x = await db.query<{ odoo_source_id: number; decided_by: string }>('SELECT odoo_source_id, decided_by FROM core.opportunity_matches WHERE ace_source_id = $1', [ace]);
    expect(x.rows).toEqual([{ odoo_source_id: other?.odoo_source_id, decided_by: 'analyst' }]);
    await db.query("UPDATE ops.match_decisions SET superseded_at = now() WHERE decided_by = 'test'");
    await runMatch({ db });
    const y = await db.query('SELECT 1 FROM core.opportunity_matches WHERE ace_source_id = $1', [ace]);
    expect(y.rows).toHaveLength(0);
  });

  it('evaluates itself against the ground truth', async () => {
    const r = await evaluateMatch({ db: getDb(), dataDir, databaseUrl: undefined });
    expect(r.answerable).toBeGreaterThan(10);
    expect(r.recall_at_20).toBeGreaterThanOrEqual(r.top1_answerable);
    expect(r.auto_precision).toBe(1);
    expect(r.top1_answerable).toBeGreaterThan(0.9);
  });
});

describeEngines('revops match without core data', (getDb) => {
  it('says what to run first', async () => {
    await expect(runMatch({ db: getDb() })).rejects.toThrow(MatchError);
    await expect(runMatch({ db: getDb() })).rejects.toThrow(/revops sync all.*revops transform/);
  });
});
