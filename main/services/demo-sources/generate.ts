/**
 * `generateDemoSources`: the whole generator run (issue 2 §3).
 * Order: validate parameters (nothing written on bad input) → build the CRM/ACE world in memory →
 * Odoo DB (our tables, then the billing half streams CUR/bills/invoices into it) → APN DB → truth DB →
 * self-checks → checksums → manifest → swap the new databases in. Any failure leaves the previous
 * sources untouched and removes the half-built ones.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../../db/types';
import { redactUrl } from '../../../db/errors';
import type { BillingFacts, GenParams } from './universe-types';
import { parseParams, UsageError } from './params';
import { scaleConfig } from './scale';
import { buildWorld } from './build-world';
import { generateBilling } from './billing/index';
import { ODOO_TABLES, CROSS_FKS } from './odoo/schema';
import { APN_TABLES } from './apn/schema';
import { TRUTH_SCHEMA, TRUTH_TABLES } from './truth/schema';
import { truthRows } from './truth/rows';
import { fkSql, quote, type TableDef } from './write/table';
import { sourceWriter, writeTables, type Progress } from './write/source-writer';
import { checksumDb, tablesOf } from './checksum';
import { checkApn, checker, checkOdoo, checkTruth, finish } from './self-checks';
import { embeddedTarget, serverTarget, type BuildTarget, type DemoManifest } from './location';
import type { World } from './world';

export { readDemoManifest } from './location';
export type { DemoManifest } from './location';

export type GenerateOptions = {
  dataDir: string;
  databaseUrl?: string;
  scale: unknown;
  seed: unknown;
  asOf?: unknown;
  log: (line: string) => void;
  onProgress?: Progress;
  /** server mode: database name prefix (default 'revops_demo'; tests use their own) */
  databasePrefix?: string;
} & Partial<Omit<GenParams, 'scale' | 'seed' | 'asOf'>>;

export type GenerateResult = {
  checksums: { odoo: string; apn: string };
  counts: Record<string, number>;
  durationMs: number;
  location: { engine: 'pglite' | 'postgres'; odoo: string; apn: string; truth: string };
  manifest: DemoManifest;
};

async function addFks(db: Db, tables: readonly TableDef[], cross: { table: string; column: string; ref: string }[] = []): Promise<void> {
  const present = new Set(await tablesOf(db, 'public'));
  for (const t of tables) for (const stmt of fkSql(t)) await db.exec(stmt);
  for (const x of cross) {
    if (!present.has(x.ref) || !present.has(x.table)) continue;
    await db.exec(`ALTER TABLE ${quote(x.table)} ADD CONSTRAINT ${quote(`${x.table}_${x.column}_fkey`)} FOREIGN KEY (${quote(x.column)}) REFERENCES ${quote(x.ref)} ("id")`);
  }
}

async function tableCounts(db: Db, schema: string, prefix: string, out: Record<string, number>): Promise<void> {
  for (const t of await tablesOf(db, schema)) {
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(`${schema}.${t}`)}`);
    out[`${prefix}.${t}`] = Number(r.rows[0]?.n ?? 0);
  }
}

async function withDb<T>(target: BuildTarget, name: 'odoo' | 'apn' | 'truth', fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await target.open(name);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export async function generateDemoSources(opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const params = parseParams({ scale: opts.scale, seed: opts.seed, asOf: opts.asOf });
  const prefix = opts.databasePrefix ?? 'revops_demo';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new UsageError(`Bad database prefix '${prefix}'`);
  const { log } = opts;
  const secs = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const progress: Progress = (p) => {
    opts.onProgress?.(p);
    if (p.table) log(`  ${p.step}: ${p.table} ${p.rows ?? 0} rows`);
    else log(`[${secs()}] ${p.step}`);
  };
  const cfg = scaleConfig(params.scale);
  progress({ step: 'plan' });
  const { world, universe } = buildWorld(params, log);
  const target = opts.databaseUrl ? await serverTarget(opts.dataDir, opts.databaseUrl, prefix) : await embeddedTarget(opts.dataDir);
  log(`Writing demo sources to ${opts.databaseUrl ? redactUrl(opts.databaseUrl) : 'embedded PGlite databases'}`);
  const c = checker();
  const counts: Record<string, number> = {};
  const ids = { leadIds: new Set<number>(), aceIds: new Set<string>(), partnerIds: new Set<number>() };
  const billing: { facts: BillingFacts | null } = { facts: null };
  try {
    const odoo = await withDb(target, 'odoo', async (db) => {
      const writer = sourceWriter(db, 'odoo', progress);
      await writeTables(writer, ODOO_TABLES, (t) => world.rows.get(t) ?? []);
      progress({ step: 'billing' });
      billing.facts = await generateBilling(universe, writer, log);
      progress({ step: 'self-checks odoo' });
      await checkOdoo(c, db, cfg);
      if (c.failures.length === 0) await addFks(db, ODOO_TABLES, CROSS_FKS);
      for (const r of (await db.query<{ id: number }>('SELECT id FROM crm_lead')).rows) ids.leadIds.add(Number(r.id));
      for (const r of (await db.query<{ id: number }>('SELECT id FROM res_partner')).rows) ids.partnerIds.add(Number(r.id));
      await tableCounts(db, 'public', 'odoo', counts);
      progress({ step: 'checksum odoo' });
      return checksumDb(db);
    });
    const apn = await withDb(target, 'apn', async (db) => {
      await writeTables(sourceWriter(db, 'apn', progress), APN_TABLES, (t) => world.rows.get(t) ?? []);
      progress({ step: 'self-checks apn' });
      await checkApn(c, db, cfg, params);
      if (c.failures.length === 0) await addFks(db, APN_TABLES);
      for (const r of (await db.query<{ apn_crm_unique_identifier: string }>('SELECT apn_crm_unique_identifier FROM apn_opportunity')).rows) ids.aceIds.add(r.apn_crm_unique_identifier);
      await tableCounts(db, 'public', 'apn', counts);
      progress({ step: 'checksum apn' });
      return checksumDb(db);
    });
    await withDb(target, 'truth', async (db) => {
      progress({ step: 'truth' });
      await db.exec(`CREATE SCHEMA ${TRUTH_SCHEMA}`);
      const rows = truthRows(world, billing.facts as BillingFacts);
      await writeTables(sourceWriter(db, 'truth', progress), TRUTH_TABLES, (t) => rows.get(t) ?? []);
      await checkTruth(c, db, ids, true);
      if (c.failures.length === 0) await addFks(db, TRUTH_TABLES);
      await tableCounts(db, TRUTH_SCHEMA, 'truth', counts);
    });
    finish(c);
    log(`Self-checks passed (${c.ok} checks).`);
    logPod(world, log, billing.facts as BillingFacts);
    const durationMs = Math.round(performance.now() - started);
    const manifest: DemoManifest = {
      version: 1, scale: params.scale, seed: params.seed, asOf: params.asOf, engine: target.engine,
      location: { odoo: target.location('odoo'), apn: target.location('apn') }, truth: target.location('truth'),
      checksums: { odoo, apn }, counts, generatedAt: new Date().toISOString(), durationMs,
    };
    progress({ step: 'commit' });
    await target.commit(manifest);
    return { checksums: { odoo, apn }, counts, durationMs, location: { engine: target.engine, odoo: target.location('odoo'), apn: target.location('apn'), truth: target.location('truth') }, manifest };
  } catch (err) {
    await target.abort().catch(() => undefined);
    throw err;
  }
}

/** One line on the POD ground truth, so a run shows whether the eligible share is in the spec's band. */
function logPod(w: World, log: (l: string) => void, facts: BillingFacts): void {
  const rows = truthRows(w, facts).get(`${TRUTH_SCHEMA}.gt_pod_expected`) ?? [];
  const po = rows.filter((r) => r.partner_originated && !(r.reason_codes as string[]).includes('not_open'));
  const eligible = po.filter((r) => r.expected_eligible).length;
  log(`POD ground truth: ${eligible} of ${po.length} open partner-originated ACE opportunities expected eligible (${po.length ? ((100 * eligible) / po.length).toFixed(1) : '0'}%).`);
}
