/**
 * Test helpers for code built on raw (transform, quality): a populated raw schema from the tiny demo
 * sources, on whatever warehouse `db` is (PGlite or the test server).
 *
 *   const { db } = …; const dataDir = await mkdtemp(…);
 *   await syncTinyDemo(db, dataDir);          // raw.odoo_* and raw.apn_* now mirror the tiny sources
 *
 * The tiny sources are generated once per test process (≈25 s) into a cache folder and copied into each
 * `dataDir` (embedded PGlite sources, served on loopback during the sync whatever the warehouse engine).
 */
import { cp, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../db/types';
import { saveSettings, DEFAULT_SETTINGS } from '../../config/settings';
import { generateDemoSources } from '../demo-sources/generate';
import { demoSourcesDir } from '../demo-sources/location';
import { runSync } from './index';
import type { SyncRunResult } from './index';
import type { SyncTarget } from './types';

/** 'b' is a seed whose tiny dataset passes every generator self-check (see demo-sources tests). */
export const TINY_SEED = 'b';

const generated = new Map<string, Promise<string>>();

/** A folder holding `demo-sources/` generated at tiny scale with `seed` (once per process). */
export function tinyDemoCache(seed = TINY_SEED): Promise<string> {
  let p = generated.get(seed);
  if (!p) {
    p = (async () => {
      const dir = await mkdtemp(join(tmpdir(), `revops-tiny-${seed}-`));
      await generateDemoSources({ dataDir: dir, scale: 'tiny', seed, log: () => undefined });
      return dir;
    })();
    p.catch(() => generated.delete(seed));
    generated.set(seed, p);
  }
  return p;
}

/** Puts the tiny demo sources into `dataDir` (if it has none) and makes them its configured sources. */
export async function installTinyDemo(dataDir: string, seed = TINY_SEED): Promise<void> {
  const exists = await stat(demoSourcesDir(dataDir)).then(() => true, () => false);
  if (!exists) await cp(demoSourcesDir(await tinyDemoCache(seed)), demoSourcesDir(dataDir), { recursive: true });
  await saveSettings(dataDir, { ...DEFAULT_SETTINGS, sources: { odoo: { kind: 'demo-embedded' }, apn: { kind: 'demo-embedded' } } });
}

/** Installs the tiny demo sources in `dataDir` and syncs them into `db`; throws if a job did not succeed. */
export async function syncTinyDemo(db: Db, dataDir: string, opts: { seed?: string; systems?: SyncTarget; full?: boolean } = {}): Promise<SyncRunResult> {
  await installTinyDemo(dataDir, opts.seed);
  const result = await runSync({ db, dataDir, systems: opts.systems ?? 'all', full: opts.full ?? false, env: {} });
  const bad = result.jobs.filter((j) => j.status !== 'succeeded');
  if (bad.length > 0) throw new Error(`syncTinyDemo: ${bad.map((j) => `${j.system} ${j.status}: ${j.error}`).join('; ')}`);
  return result;
}

/**
 * Adds `bulk_rows` (300,000 rows) to the embedded Odoo demo source of `dataDir`: a table big enough that a
 * sync is still copying it when a test reacts to its first progress report.
 */
export async function addBulkTable(dataDir: string, rows = 300_000): Promise<void> {
  const { openPglite } = await import('../../../db/pglite');
  const db = await openPglite(join(demoSourcesDir(dataDir), 'odoo'));
  try {
    await db.exec(`CREATE TABLE bulk_rows (id integer PRIMARY KEY, label varchar, amount numeric, write_date timestamp);
      INSERT INTO bulk_rows SELECT g, 'row ' || g || repeat(' pad', 10), g / 7.0, timestamp '2026-01-01' + g * interval '1 second' FROM generate_series(1, ${Math.trunc(rows)}) g;`);
  } finally {
    await db.close();
  }
}

export type TableDiff = { table: string; rawTable: string; sourceRows: number; rawRows: number; same: boolean };

/**
 * Compares every table of a source with its raw mirror, row by row (a hash of each row's text in key
 * order, over the source's columns). `url` is the source (e.g. from serveDemoSources).
 */
export async function compareRawToSource(db: Db, system: 'odoo' | 'apn', url: string): Promise<TableDiff[]> {
  const { openSource } = await import('./source');
  const { endpointFor } = await import('./connection');
  const { rawTableName } = await import('./catalog');
  const { quoteIdent: q } = await import('../../../db/sql');
  const reader = await openSource(endpointFor(system, url, { allowInsecure: true }));
  try {
    const { tables } = await reader.discover('all');
    const out: TableDiff[] = [];
    for (const t of tables) {
      const cols = t.columns.map((c) => q(c.name)).join(', ');
      const order = (t.key.length > 0 ? t.key : t.columns.map((c) => c.name)).map(q).join(', ');
      const fp = (from: string) => `SELECT count(*)::int AS n, md5(coalesce(string_agg(md5(ROW(${cols})::text), '' ORDER BY ${order}), '')) AS h FROM ${from}`;
      const s = (await reader.query<{ n: number; h: string }>(fp(q(`public.${t.name}`))))[0] as { n: number; h: string };
      const rawTable = rawTableName(system, t.name);
      const r = (await db.query<{ n: number; h: string }>(fp(q(rawTable)))).rows[0] as { n: number; h: string };
      out.push({ table: t.name, rawTable, sourceRows: s.n, rawRows: r.n, same: s.n === r.n && s.h === r.h });
    }
    return out;
  } finally {
    await reader.close();
  }
}
