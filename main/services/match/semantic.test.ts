/**
 * The matcher with embeddings present: `revops embed` (real worker, tiny random-weight BGE-M3-shaped model)
 * then `revops match` — ANN neighbours join the blocking, dense / sparse similarities are comparisons of the
 * model (in the stored contributions), the run records the semantic signal on, and the decisions stay as good
 * as without a model (random weights carry no meaning: the other signals decide). With the signal off again,
 * the semantic features are gone and the decisions equal the no-model run's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { annCandidates, annNeighbours } from '../../../db/queries/search';
import { describeEngines } from '../../../db/testing';
import type { Db } from '../../../db/types';
import { writeTinyBgeM3 } from '../../../worker/testing/tiny-model';
import { runEmbed } from '../embed/embed';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';
import { evaluateMatch } from './eval';
import { runMatch, type MatchResult } from './index';

describeEngines('revops match with embeddings', (getDb) => {
  let root: string;
  let dataDir: string;
  let before: MatchResult;
  let after: MatchResult;
  let off: MatchResult;
  let decisionsBefore: string[];
  let contributionsBefore: string[];
  let contributionsAfter: string[];
  let decisionsOff: string[];
  let contributionsOff: string[];
  let levelsAfter: { d: string | null; s: string | null }[];
  let runSemanticAfter: boolean | undefined;
  let evalAfter: Awaited<ReturnType<typeof evaluateMatch>>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'revops-match-sem-'));
    dataDir = join(root, 'data');
    const modelDir = join(root, 'tiny-bge-m3');
    await writeTinyBgeM3(modelDir, { flavour: 'heads', hidden: 32 });
    await syncTinyDemo(getDb(), dataDir);
    await runTransform({ db: getDb() });
    before = await runMatch({ db: getDb() });
    decisionsBefore = await decisions(getDb());
    contributionsBefore = await contributionIds(getDb());
    const e = await runEmbed({ db: getDb(), modelDir });
    expect(e.status).toBe('done');
    after = await runMatch({ db: getDb() });
    contributionsAfter = await contributionIds(getDb());
    levelsAfter = (await getDb().query<{ d: string | null; s: string | null }>("SELECT levels->>'semantic_dense' AS d, levels->>'semantic_sparse' AS s FROM core.match_candidates")).rows;
    evalAfter = await evaluateMatch({ db: getDb(), dataDir, databaseUrl: undefined });
    runSemanticAfter = (await getDb().query<{ semantic: boolean }>('SELECT semantic FROM ops.match_runs ORDER BY started_at DESC LIMIT 1')).rows[0]?.semantic;
    // The next embed run finds no model: the signal is off again although vectors remain.
    expect((await runEmbed({ db: getDb(), modelDir: join(root, 'no-model-here') })).status).toBe('no_model');
    off = await runMatch({ db: getDb() });
    decisionsOff = await decisions(getDb());
    contributionsOff = await contributionIds(getDb());
    return () => rm(root, { recursive: true, force: true });
  }, 300_000);

  it('uses ANN neighbours as a blocking key when the semantic signal is on', async () => {
    expect(before.semantic.on).toBe(false);
    expect(after.semantic.on).toBe(true);
    expect(after.blocking.semantic ?? 0).toBeGreaterThan(0);
    expect(after.candidatePairs).toBeGreaterThanOrEqual(before.candidatePairs);
    expect(runSemanticAfter).toBe(true);
  });

  it('scores dense and sparse similarities as comparisons, only when the semantic signal is on', async () => {
    expect(contributionsBefore).not.toContain('semantic_dense');
    expect(contributionsBefore).not.toContain('semantic_sparse');
    expect(contributionsAfter).toContain('semantic_dense');
    expect(contributionsAfter).toContain('semantic_sparse');
    expect(after.model.company.comparisons.map((c) => c.id)).toEqual(expect.arrayContaining(['semantic_dense', 'semantic_sparse']));
    // Every stored candidate of the semantic run has a level for both (a band or 'missing'), never null.
    expect(levelsAfter.length).toBeGreaterThan(0);
    for (const r of levelsAfter) {
      expect(r.d).not.toBeNull();
      expect(r.s).not.toBeNull();
    }
    expect(off.semantic.on).toBe(false);
    expect(contributionsOff).not.toContain('semantic_dense');
    expect(off.model.company.comparisons.map((c) => c.id)).not.toContain('semantic_dense');
    expect(decisionsOff).toEqual(decisionsBefore);
  });

  it('finds the ANN neighbours of all ACE opportunities chunk by chunk, the same as one query per the whole set', async () => {
    const db = getDb();
    const model = (await db.query<{ model_id: string }>('SELECT model_id FROM search.embedding_models LIMIT 1')).rows[0]!.model_id;
    const ids = (await db.query<{ source_id: string }>("SELECT source_id FROM search.text_embeddings WHERE entity = 'ace_opportunity' AND kind = 'identity' ORDER BY 1")).rows.map((r) => r.source_id);
    expect(ids.length).toBeGreaterThan(3);
    const chunks: number[] = [];
    const got = await annNeighbours(db, { model, kind: 'identity', k: 5, sourceIds: ids, chunk: 3, onChunk: (done) => chunks.push(done) });
    expect(chunks.length).toBe(Math.ceil(ids.length / 3));
    expect(chunks.at(-1)).toBe(ids.length);
    const one = await annCandidates(db, { model, kind: 'identity', k: 5, sourceIds: ids });
    const expected = new Map<string, string[]>();
    for (const c of one) expected.set(c.query, [...(expected.get(c.query) ?? []), c.candidate]);
    expect(got.size).toBe(ids.length);
    for (const [q, list] of expected) expect([...(got.get(q) ?? [])].sort()).toEqual([...list].sort());
  });

  it('keeps every automatic decision right', async () => {
    const r = evalAfter;
    expect(r.auto_precision).toBe(1);
    expect(r.top1_answerable).toBeGreaterThan(0.9);
  });
});

async function decisions(db: Db): Promise<string[]> {
  const r = await db.query<{ x: string }>(
    "SELECT ace_source_id || ' ' || status || ' ' || coalesce(decided_by, '-') || ' ' || array_to_string(odoo_source_ids, '+') || ' ' || round(probability::numeric, 6) AS x FROM core.match_assignments ORDER BY ace_source_id",
  );
  return r.rows.map((x) => x.x);
}

async function contributionIds(db: Db): Promise<string[]> {
  const r = await db.query<{ id: string }>('SELECT DISTINCT c->>\'id\' AS id FROM core.match_candidates, jsonb_array_elements(contributions) c ORDER BY 1');
  return r.rows.map((x) => x.id);
}
