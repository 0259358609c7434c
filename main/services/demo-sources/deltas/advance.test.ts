/**
 * The deltas mode on real engines (PGlite always, the server when TEST_DATABASE_URL is set): generate tiny sources,
 * apply day 1, and check what an incremental sync relies on — every changed or new row carries the day's write_date
 * (ACE: last_modified_date), deletions are logged in gt_deleted, same-second bursts exist, invariants hold — plus
 * determinism (same seed and day → same checksums, on both engines), an interrupted day completing on the next run,
 * and a broken invariant rolling the day back.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../../db/pglite';
import { openPostgres } from '../../../../db/postgres';
import { withDatabase } from '../../../../db/server-database';
import { testEngines } from '../../../../db/testing';
import type { Db, EngineKind } from '../../../../db/types';
import { generateDemoSources } from '../generate';
import { readDemoManifest, SOURCE_NAMES } from '../location';
import { SelfCheckError } from '../self-checks';
import { advanceDemoSources, AdvanceInterrupted, type AdvanceResult } from './advance';

const serverUrl = process.env.TEST_DATABASE_URL;
const quiet = (): void => {};
const SEED = 'b';
const DAY1 = '2026-07-01';

type Site = { engine: EngineKind; dir: string; prefix: string; databaseUrl?: string };

async function site(engine: EngineKind, label: string): Promise<Site> {
  const dir = await mkdtemp(join(tmpdir(), `revops-deltas-${label}-`));
  const prefix = `revops_t_delta_${randomBytes(4).toString('hex')}`;
  return engine === 'postgres' ? { engine, dir, prefix, databaseUrl: serverUrl } : { engine, dir, prefix };
}

async function generate(s: Site, seed = SEED) {
  return generateDemoSources({ dataDir: s.dir, databaseUrl: s.databaseUrl, databasePrefix: s.prefix, scale: 'tiny', seed, log: quiet });
}

async function advance(s: Site, days = 1, extra: Partial<Parameters<typeof advanceDemoSources>[0]> = {}): Promise<AdvanceResult> {
  return advanceDemoSources({ dataDir: s.dir, databaseUrl: s.databaseUrl, days, log: quiet, ...extra });
}

/** Opens one source database for inspection (embedded: close it before advancing — PGlite has one writer). */
async function open(s: Site, name: 'odoo' | 'apn' | 'truth'): Promise<Db> {
  return s.engine === 'postgres' ? openPostgres(withDatabase(s.databaseUrl as string, `${s.prefix}_${name}`), { max: 1 }) : openPglite(join(s.dir, 'demo-sources', name));
}

async function withDb<T>(s: Site, name: 'odoo' | 'apn' | 'truth', fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await open(s, name);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

type Snapshot = Map<string, Map<number, { text: string; stamp: string | null }>>;

/** Every table with an id and a change stamp: row text and stamp per id. */
async function snapshot(db: Db, stamp: 'write_date' | 'last_modified_date'): Promise<Snapshot> {
  const tables = (await db.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.columns i ON i.table_schema = c.table_schema AND i.table_name = c.table_name AND i.column_name = 'id'
      WHERE c.table_schema = 'public' AND c.column_name = $1 ORDER BY 1`, [stamp])).rows.map((r) => r.table_name);
  const out: Snapshot = new Map();
  for (const t of tables) {
    const rows = (await db.query<{ id: number; text: string; stamp: string | null }>(`SELECT id, row_to_json(x)::text AS text, ${stamp}::text AS stamp FROM "${t}" x`)).rows;
    out.set(t, new Map(rows.map((r) => [Number(r.id), { text: r.text, stamp: r.stamp }])));
  }
  return out;
}

/** Rows changed or added between two snapshots whose stamp is not on `day`. */
function unstamped(before: Snapshot, after: Snapshot, day: string): string[] {
  const bad: string[] = [];
  for (const [t, rows] of after) {
    for (const [id, r] of rows) {
      const old = before.get(t)?.get(id);
      if (old && old.text === r.text) continue;
      if (!r.stamp?.startsWith(day)) bad.push(`${t} ${id} (${r.stamp ?? 'null'})`);
    }
  }
  return bad;
}

function changed(before: Snapshot, after: Snapshot, table: string): number {
  const a = after.get(table) ?? new Map();
  return [...a].filter(([id, r]) => before.get(table)?.get(id)?.text !== r.text).length;
}

async function dropServer(s: Site): Promise<void> {
  if (s.engine !== 'postgres') return;
  const admin = await openPostgres(serverUrl as string, { max: 1 });
  try {
    for (const n of SOURCE_NAMES) await admin.exec(`DROP DATABASE IF EXISTS ${s.prefix}_${n} WITH (FORCE)`);
  } finally {
    await admin.close();
  }
}

const dayOne = new Map<EngineKind, AdvanceResult>();

for (const engine of testEngines()) {
  describe(`demo advance [${engine}]`, () => {
    const sites: Site[] = [];
    let s: Site;
    let base: { odoo: string; apn: string };
    let day1: AdvanceResult;
    const before: { odoo?: Snapshot; apn?: Snapshot; leads?: Set<number>; partners?: Set<number> } = {};
    const after: { odoo?: Snapshot; apn?: Snapshot } = {};

    beforeAll(async () => {
      s = await site(engine, 'main');
      sites.push(s);
      base = (await generate(s)).checksums;
      before.odoo = await withDb(s, 'odoo', (db) => snapshot(db, 'write_date'));
      before.apn = await withDb(s, 'apn', (db) => snapshot(db, 'last_modified_date'));
      before.leads = new Set(before.odoo.get('crm_lead')?.keys());
      before.partners = new Set(before.odoo.get('res_partner')?.keys());
      day1 = await advance(s);
      dayOne.set(engine, day1);
      after.odoo = await withDb(s, 'odoo', (db) => snapshot(db, 'write_date'));
      after.apn = await withDb(s, 'apn', (db) => snapshot(db, 'last_modified_date'));
    }, 180_000);

    afterAll(async () => {
      for (const x of sites) await dropServer(x);
    });

    it('applies day 1 and records it in the manifest with new checksums', async () => {
      expect(day1).toMatchObject({ fromDay: 0, day: 1, date: DAY1 });
      expect(day1.checksums.odoo).not.toBe(base.odoo);
      expect(day1.checksums.apn).not.toBe(base.apn);
      const m = await readDemoManifest(s.dir);
      expect(m?.delta).toMatchObject({ day: 1, date: DAY1 });
      expect(m?.checksums).toEqual(day1.checksums);
      expect(m?.counts['odoo.crm_lead']).toBe((before.leads?.size ?? 0) + (day1.counts['odoo.crm_lead']?.inserted ?? 0) - (day1.counts['odoo.crm_lead']?.deleted ?? 0));
    });

    it('moves write_date (ACE: last_modified_date) on every row it changes or adds, and only then', () => {
      const b = before.odoo as Snapshot;
      const a = after.odoo as Snapshot;
      expect(unstamped(b, a, DAY1)).toEqual([]);
      expect(unstamped(before.apn as Snapshot, after.apn as Snapshot, DAY1)).toEqual([]);
      for (const t of ['crm_lead', 'c_billing_internal_cur', 'apn_opportunity']) {
        const [bb, aa] = t.startsWith('apn') ? [before.apn as Snapshot, after.apn as Snapshot] : [b, a];
        expect(changed(bb, aa, t), t).toBeGreaterThan(0);
        const c = day1.counts[`${t.startsWith('apn') ? 'apn' : 'odoo'}.${t}`];
        expect((c?.updated ?? 0) + (c?.inserted ?? 0), t).toBeGreaterThan(0);
      }
      // untouched rows keep their old stamp: the day did not rewrite everything
      const untouched = [...(a.get('res_partner') ?? new Map())].filter(([id, r]) => b.get('res_partner')?.get(id)?.text === r.text);
      expect(untouched.length).toBeGreaterThan(0);
      expect(untouched.every(([, r]) => !r.stamp?.startsWith(DAY1))).toBe(true);
    });

    it('hard-deletes merged leads and partners, logs them in gt_deleted and re-points their references', async () => {
      const deleted = await withDb(s, 'truth', async (db) => (await db.query<{ table_name: string; id: number; at: string }>(
        `SELECT table_name, id, deleted_at::text AS at FROM synthetic_truth.gt_deleted ORDER BY 1, 2`)).rows);
      const leads = deleted.filter((d) => d.table_name === 'crm_lead');
      const partners = deleted.filter((d) => d.table_name === 'res_partner');
      expect(leads.length).toBeGreaterThan(0);
      expect(partners.length).toBeGreaterThan(0);
      for (const d of deleted) {
        expect(d.at.startsWith(DAY1)).toBe(true);
        const set = d.table_name === 'crm_lead' ? before.leads : before.partners;
        expect(set?.has(Number(d.id))).toBe(true);
        expect(after.odoo?.get(d.table_name)?.has(Number(d.id))).toBe(false);
      }
      expect(day1.counts['odoo.crm_lead']?.deleted).toBe(leads.length);
      expect(day1.counts['odoo.res_partner']?.deleted).toBe(partners.length);
      await withDb(s, 'odoo', async (db) => {
        const dangling = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM crm_lead WHERE partner_id = ANY($1::int[])`, [partners.map((p) => Number(p.id))]);
        expect(dangling.rows[0]?.n).toBe(0);
        const merged = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM crm_lead WHERE description LIKE '%Merged with #' || $1 || '%'`, [String(leads[0]?.id)]);
        expect(merged.rows[0]?.n).toBe(1);
      });
    });

    it('writes bursts of rows with the same write_date to the second (cursors must be (write_date, id))', async () => {
      const burst = async (name: 'odoo' | 'apn', sql: string) => withDb(s, name, async (db) => Number((await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0));
      expect(await burst('odoo', `SELECT max(n)::int AS n FROM (SELECT count(*) n FROM crm_lead WHERE write_date::date = '${DAY1}' GROUP BY write_date) x`)).toBeGreaterThan(5);
      expect(await burst('odoo', `SELECT max(n)::int AS n FROM (SELECT count(*) n FROM c_billing_internal_cur WHERE write_date::date = '${DAY1}' GROUP BY write_date) x`)).toBeGreaterThan(20);
      expect(await burst('apn', `SELECT max(n)::int AS n FROM (SELECT count(*) n FROM apn_opportunity WHERE last_modified_date::date = '${DAY1}' GROUP BY last_modified_date) x`)).toBeGreaterThan(1);
    });

    it('adds new leads, ACE opportunities and CUR rows of the new month, with their ground truth', async () => {
      expect(day1.counts['odoo.crm_lead']?.inserted).toBeGreaterThan(0);
      expect(day1.counts['apn.apn_opportunity']?.inserted).toBeGreaterThan(0);
      expect(day1.counts['odoo.c_billing_internal_cur']?.inserted).toBeGreaterThan(0);
      const months = await withDb(s, 'odoo', async (db) => (await db.query<{ m: string; f: boolean }>(`SELECT DISTINCT usage_month::text AS m, is_final AS f FROM c_billing_internal_cur WHERE usage_month >= '2026-06-01' ORDER BY 1`)).rows);
      expect(months).toEqual([{ m: '2026-06-01', f: false }, { m: '2026-07-01', f: false }]);
      const truth = await withDb(s, 'truth', async (db) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM synthetic_truth.gt_crm_lead WHERE 'delta_new' = ANY(render_ops)`)).rows[0]?.n));
      expect(truth).toBe(day1.counts['odoo.crm_lead']?.inserted);
    });

    it('is deterministic: the same seed and days give the same checksums, in one call or day by day', async () => {
      const twin = await site(engine, 'twin');
      sites.push(twin);
      await generate(twin);
      const d1 = await advance(twin);
      expect(d1.checksums).toEqual(day1.checksums);
      const d2 = await advance(twin);
      const other = await site(engine, 'two-at-once');
      sites.push(other);
      await generate(other);
      const both = await advance(other, 2);
      expect(both.checksums).toEqual(d2.checksums);
      expect(both.days.map((d) => d.date)).toEqual([DAY1, '2026-07-02']);
    }, 180_000);

    it.each(['truth', 'odoo'] as const)('completes a day interrupted after the %s database committed it', async (point) => {
      const x = await site(engine, `crash-${point}`);
      sites.push(x);
      await generate(x);
      await expect(advance(x, 1, { interruptAfter: point })).rejects.toThrow(AdvanceInterrupted);
      expect((await readDemoManifest(x.dir))?.delta).toBeUndefined();
      const lines: string[] = [];
      const done = await advance(x, 1, { log: (l) => lines.push(l) });
      expect(lines.some((l) => l.includes('completing day 1'))).toBe(true);
      expect(done).toMatchObject({ fromDay: 0, day: 1 });
      expect(done.checksums).toEqual(day1.checksums);
    }, 180_000);

    it('rolls the day back when an invariant breaks, and names it', async () => {
      const x = await site(engine, 'broken');
      sites.push(x);
      const gen = await generate(x);
      await withDb(x, 'apn', (db) => db.exec(`UPDATE apn_opportunity SET last_modified_date = created_date - interval '1 day' WHERE id = (SELECT min(id) FROM apn_opportunity)`));
      const err = await advance(x).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SelfCheckError);
      expect((err as SelfCheckError).failures.some((f) => f.includes('last_modified_date >= created_date'))).toBe(true);
      expect((await readDemoManifest(x.dir))?.checksums).toEqual(gen.checksums);
      const apnDay = await withDb(x, 'apn', async (db) => (await db.query<{ c: string | null }>(`SELECT obj_description('public'::regnamespace, 'pg_namespace') AS c`)).rows[0]?.c ?? null);
      expect(apnDay ?? '').not.toContain('day 1');
    }, 180_000);
  });
}

describe.runIf(!!serverUrl)('demo advance on both engines', () => {
  it('gives the same day-1 checksums embedded and on the server', () => {
    expect(dayOne.get('postgres')?.checksums).toEqual(dayOne.get('pglite')?.checksums);
  });
});

describe('demo advance usage errors', () => {
  it('refuses a bad day count and missing sources before touching anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-deltas-none-'));
    await expect(advanceDemoSources({ dataDir: dir, days: 0 })).rejects.toThrow(/Bad --days/);
    await expect(advanceDemoSources({ dataDir: dir })).rejects.toThrow(/No demo sources yet/);
  });
});
