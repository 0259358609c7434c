/**
 * `advanceDemoSources` — the deltas mode (DELTAS.md): applies the next daily change set(s) to the existing demo
 * source databases (embedded PGlite under the data folder, or the server databases), so a sync can be tested
 * incrementally: generate → sync → advance 1 day → sync → compare → repeat.
 *
 * Crash safety: each database applies a day in ONE transaction that also records the day it reached (Odoo and APN:
 * a comment on schema `public`, invisible to the sync; truth: gt_run 'delta_day'). Order per day: plan Odoo and APN
 * (read only) → truth → Odoo → APN. A run that finds the databases at different days completes the interrupted day
 * for the ones behind (planning depends only on the database's own state and static ground truth, so it re-plans
 * the same changes). The manifest (day, checksums, counts) is written last.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPglite } from '../../../../db/pglite';
import { openPostgres } from '../../../../db/postgres';
import { withDatabase } from '../../../../db/server-database';
import type { Db, Queryable } from '../../../../db/types';
import { checksumDb, tablesOf } from '../checksum';
import { demoSourcesDir, readDemoManifest, writeManifest, type DemoManifest } from '../location';
import { UsageError } from '../params';
import { checker, finish, SelfCheckError } from '../self-checks';
import { TRUTH_SCHEMA } from '../truth/schema';
import { quote } from '../write/table';
import { planAce } from './ace';
import { planCur, planInvoices } from './billing';
import { checkApnDay, checkOdooDay, checkTruthDay } from './checks';
import { crmRefs, planCrm } from './crm';
import { countOps, dayContext, emptyPlan, type DayPlan, type Op, type TableCounts } from './day';
import { planLeadMerges, planPartnerMerges } from './merge';

export type AdvanceOptions = {
  dataDir: string;
  /** server mode: the server the demo sources were generated on (their database names come from the manifest) */
  databaseUrl?: string;
  /** days to apply (default 1) */
  days?: number;
  log?: (line: string) => void;
  /** tests only: simulate a crash right after this database committed the first day (throws AdvanceInterrupted) */
  interruptAfter?: 'truth' | 'odoo';
};

export class AdvanceInterrupted extends Error {
  override readonly name = 'AdvanceInterrupted';
}

export type AdvanceDay = { day: number; date: string; counts: TableCounts };

export type AdvanceResult = {
  /** day reached before this call (0 = the generated snapshot) and after it */
  fromDay: number;
  day: number;
  /** calendar date of the last day applied (asOf + day) */
  date: string;
  days: AdvanceDay[];
  /** per table ('odoo.crm_lead', 'apn.apn_opportunity', 'truth.gt_deleted', …): rows inserted/updated/deleted, all days */
  counts: TableCounts;
  checksums: { odoo: string; apn: string };
  durationMs: number;
};

export const MAX_DAYS = 366;
const MARK = /revops demo sources: day (\d+)/;

async function sourceDay(db: Queryable): Promise<number> {
  const r = await db.query<{ c: string | null }>(`SELECT obj_description('public'::regnamespace, 'pg_namespace') AS c`);
  return Number(MARK.exec(r.rows[0]?.c ?? '')?.[1] ?? 0);
}

async function truthDay(db: Queryable): Promise<number> {
  const r = await db.query<{ value: string | null }>(`SELECT value FROM ${TRUTH_SCHEMA}.gt_run WHERE key = 'delta_day'`);
  return Number(r.rows[0]?.value ?? 0);
}

type Dbs = { odoo: Db; apn: Db; truth: Db };

async function openSources(dataDir: string, manifest: DemoManifest, databaseUrl: string | undefined): Promise<Dbs> {
  const open = (name: string): Promise<Db> => (manifest.engine === 'postgres'
    ? openPostgres(withDatabase(databaseUrl as string, name), { applicationName: 'revops demo advance' })
    : openPglite(join(demoSourcesDir(dataDir), name)));
  const opened: Db[] = [];
  try {
    for (const name of [manifest.location.odoo, manifest.location.apn, manifest.truth]) opened.push(await open(name));
  } catch (err) {
    for (const db of opened) await db.close();
    throw err;
  }
  const [odoo, apn, truth] = opened as [Db, Db, Db];
  return { odoo, apn, truth };
}

async function apply(tx: Queryable, ops: Op[]): Promise<void> {
  // stable by time: a row touched twice ends with the later write_date
  const ordered = ops.map((op, i) => ({ op, i })).sort((a, b) => a.op.at - b.op.at || a.i - b.i);
  for (const { op } of ordered) await tx.query(op.sql, op.params ?? []);
}

async function planDay(dbs: Dbs, manifest: DemoManifest, day: number, need: { odoo: boolean; apn: boolean }): Promise<DayPlan> {
  const ctx = dayContext(manifest.seed, manifest.scale, manifest.asOf, day);
  const plan = emptyPlan();
  if (need.odoo) {
    const out = { odoo: plan.odoo, truth: plan.truth };
    const leads = await planLeadMerges(dbs.odoo, dbs.truth, ctx, out);
    const partners = await planPartnerMerges(dbs.odoo, dbs.truth, ctx, out);
    await planCrm(dbs.odoo, dbs.truth, ctx, await crmRefs(dbs.odoo), { leads, partners }, out);
    await planCur(dbs.odoo, ctx, plan.odoo);
    await planInvoices(dbs.odoo, ctx, plan.odoo);
  }
  if (need.apn) await planAce(dbs.apn, dbs.truth, ctx, { apn: plan.apn, truth: plan.truth });
  return plan;
}

export async function advanceDemoSources(opts: AdvanceOptions): Promise<AdvanceResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const days = opts.days ?? 1;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new UsageError(`Bad --days ${String(days)} (expected a whole number from 1 to ${MAX_DAYS})`);
  const manifest = await readDemoManifest(opts.dataDir);
  if (!manifest) throw new UsageError('No demo sources yet: run `revops demo sources --scale tiny --seed demo` first.');
  if (manifest.engine === 'postgres' && !opts.databaseUrl) throw new UsageError('The demo sources were generated on a PostgreSQL server: set DATABASE_URL to the same server to advance them.');
  if (manifest.engine === 'pglite' && opts.databaseUrl) throw new UsageError('The demo sources were generated embedded (no DATABASE_URL): unset DATABASE_URL, or regenerate them on the server first.');
  const dbs = await openSources(opts.dataDir, manifest, opts.databaseUrl);
  try {
    // truth databases generated before the deltas mode lack this column (the truth is ours; no source changes)
    await dbs.truth.exec(`ALTER TABLE ${TRUTH_SCHEMA}.gt_odoo_partner ADD COLUMN IF NOT EXISTS merged_into int4`);
    const at = { odoo: await sourceDay(dbs.odoo), apn: await sourceDay(dbs.apn), truth: await truthDay(dbs.truth) };
    const fromDay = Math.min(at.odoo, at.apn, at.truth);
    if (at.odoo !== at.apn || at.apn !== at.truth) log(`Demo sources were left between days (odoo ${at.odoo}, apn ${at.apn}, truth ${at.truth}): completing day ${fromDay + 1} first.`);
    const result: AdvanceDay[] = [];
    const total: TableCounts = {};
    for (let day = fromDay + 1; day <= fromDay + days; day++) {
      const date = dayContext(manifest.seed, manifest.scale, manifest.asOf, day).date;
      const t0 = performance.now();
      const plan = await planDay(dbs, manifest, day, { odoo: at.odoo < day, apn: at.apn < day });
      const tPlan = performance.now();
      const counts: TableCounts = {};
      if (at.truth < day) {
        await dbs.truth.transaction(async (tx) => {
          await apply(tx, plan.truth);
          await tx.query(`INSERT INTO ${TRUTH_SCHEMA}.gt_run (key, value) VALUES ('delta_day', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [String(day)]);
        });
        countOps(plan.truth, 'truth', counts);
        if (opts.interruptAfter === 'truth') throw new AdvanceInterrupted(`interrupted after the truth database committed day ${day}`);
      }
      for (const name of ['odoo', 'apn'] as const) {
        if (at[name] >= day) continue;
        const c = checker();
        await dbs[name].transaction(async (tx) => {
          await apply(tx, plan[name]);
          // keep the serial sequence ahead of the ids the day inserted explicitly (as Odoo's own inserts would)
          if (name === 'odoo') await tx.query(`SELECT setval(pg_get_serial_sequence('c_billing_internal_cur', 'id'), coalesce((SELECT max(id) FROM c_billing_internal_cur), 0) + 1, false)`);
          if (name === 'odoo') await checkOdooDay(c, tx, manifest.scale);
          else await checkApnDay(c, tx);
          finish(c); // throws: the day rolls back in this database
          await tx.exec(`COMMENT ON SCHEMA public IS 'revops demo sources: day ${day} (${date})'`);
        });
        countOps(plan[name], name, counts);
        if (opts.interruptAfter === name) throw new AdvanceInterrupted(`interrupted after the ${name} database committed day ${day}`);
      }
      const t1 = performance.now();
      const c = checker();
      await checkTruthDay(c, dbs.truth, dbs.odoo, dbs.apn);
      finish(c);
      at.odoo = at.apn = at.truth = day;
      for (const [k, v] of Object.entries(counts)) {
        const t = total[k] ?? { inserted: 0, updated: 0, deleted: 0 };
        total[k] = { inserted: t.inserted + v.inserted, updated: t.updated + v.updated, deleted: t.deleted + v.deleted };
      }
      result.push({ day, date, counts });
      log(`Day ${day} (${date}): ${summarize(counts)} [${((performance.now() - t0) / 1000).toFixed(1)} s, of which plan ${((tPlan - t0) / 1000).toFixed(1)} s, truth checks ${((performance.now() - t1) / 1000).toFixed(1)} s]`);
    }
    log('Checksums…');
    const checksums = { odoo: await checksumDb(dbs.odoo), apn: await checksumDb(dbs.apn) };
    const rowCounts: Record<string, number> = { ...manifest.counts };
    for (const [prefix, db, schema] of [['odoo', dbs.odoo, 'public'], ['apn', dbs.apn, 'public'], ['truth', dbs.truth, TRUTH_SCHEMA]] as const) {
      for (const t of await tablesOf(db, schema)) rowCounts[`${prefix}.${t}`] = Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(`${schema}.${t}`)}`)).rows[0]?.n ?? 0);
    }
    const last = result[result.length - 1] as AdvanceDay;
    await writeManifest(demoSourcesDir(opts.dataDir), { ...manifest, checksums, counts: rowCounts, delta: { day: last.day, date: last.date, advancedAt: new Date().toISOString() } });
    return { fromDay, day: last.day, date: last.date, days: result, counts: total, checksums, durationMs: Math.round(performance.now() - started) };
  } finally {
    for (const db of [dbs.odoo, dbs.apn, dbs.truth]) await db.close();
  }
}

export function summarize(counts: TableCounts): string {
  const parts = Object.entries(counts).filter(([k]) => !k.startsWith('truth.')).sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k} ${[v.inserted ? `+${v.inserted}` : '', v.updated ? `~${v.updated}` : '', v.deleted ? `-${v.deleted}` : ''].filter(Boolean).join(' ')}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

export { SelfCheckError };
