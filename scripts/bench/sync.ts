/**
 * `npm run bench -- sync [--data-dir DIR]` (issue 3 §4): in one run, on a fresh scratch warehouse,
 *   (a) the raw pipe: COPY source TO STDOUT → COPY target FROM STDIN for the same tables (plain tables),
 *       run before and after (b) and averaged (the machine's load drifts);
 *   (b) our full sync (`runSync`, raw empty: schema discovery, snapshot, COPY into raw, cursors, jobs);
 *       plus a full re-sync of the populated warehouse (staging + set-based merge + deletion check);
 *   (c) a no-change incremental sync;
 *   (d) transform full; then one day of source changes (`revops demo advance`, so the demo sources move on by a
 *       day each run), an incremental sync of it and the incremental transform of what it wrote.
 * The sources are the demo sources of the data folder (--data-dir or REVOPS_DATA_DIR): generate them with
 * `npx revops demo sources --scale prod --seed bench` (with DATABASE_URL set for the server engine).
 * Engine: the server in DATABASE_URL (a scratch database `revops_t_*` is created there and dropped),
 * else embedded PGlite (a scratch folder). Last stdout line: the JSON figures (also in .bench/sync-<engine>.json).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStream, to as copyToStream } from 'pg-copy-streams';
import { createServerDatabase } from '../../db/server-database';
import { quoteIdent as q } from '../../db/sql';
import type { Db } from '../../db/types';
import { openWarehouse } from '../../db/warehouse';
import { loadSettings } from '../../main/config/settings';
import { resolveDataDir } from '../../main/config/data-dir';
import { readDemoManifest } from '../../main/services/demo-sources/location';
import { resolveSources } from '../../main/services/sync/connection';
import type { SourceEndpoint } from '../../main/services/sync/connection';
import { advanceDemoSources } from '../../main/services/demo-sources/deltas/advance';
import { runSync } from '../../main/services/sync/index';
import { openSource } from '../../main/services/sync/source';

const err = (line: string) => process.stderr.write(line + '\n');
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const round = (n: number, d = 0) => Number(n.toFixed(d));

function option(args: string[], key: string): string | undefined {
  const i = args.indexOf(`--${key}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** (a) COPY TO STDOUT → COPY FROM STDIN for every table of one source, into plain tables of schema bench_pipe. */
async function rawPipe(db: Db, endpoint: SourceEndpoint, warehouseUrl: string | undefined): Promise<number> {
  const reader = await openSource(endpoint);
  let rows = 0;
  try {
    const { tables } = await reader.discover('all');
    await db.exec('CREATE SCHEMA IF NOT EXISTS bench_pipe');
    for (const t of tables) {
      const target = `bench_pipe.${endpoint.system}_${t.name}`.slice(0, 63 + 11);
      await db.exec(`CREATE TABLE ${q(target)} (${t.columns.map((c) => `${q(c.name)} ${c.type}`).join(', ')})`);
      const select = `SELECT ${t.columns.map((c) => q(c.name)).join(', ')} FROM ${q(`public.${t.name}`)}`;
      if (warehouseUrl) {
        // The baseline at its purest: one stream piped into the other, no JS in between.
        const client = new pg.Client({ connectionString: warehouseUrl });
        await client.connect();
        try {
          const sink = client.query(copyFromStream(`COPY ${q(target)} (${t.columns.map((c) => q(c.name)).join(', ')}) FROM STDIN`));
          const src = new pg.Client({ connectionString: endpoint.url, ssl: endpoint.ssl });
          await src.connect();
          try {
            await pipeline(src.query(copyToStream(`COPY (${select}) TO STDOUT`)), sink);
          } finally {
            await src.end();
          }
          rows += sink.rowCount;
        } finally {
          await client.end();
        }
      } else {
        rows += await db.transaction((tx) => tx.copyFromData(target, t.columns.map((c) => c.name), reader.copyOut(select)));
      }
    }
  } finally {
    await reader.close();
  }
  return rows;
}

async function transformFn(): Promise<((o: { db: Db; log: (...a: unknown[]) => void; full?: boolean }) => Promise<unknown>) | null> {
  try {
    // Resolved at run time: transform is another engineer's module and may not exist yet.
    const mod = (await import(new URL('../../main/services/transform/index.ts', import.meta.url).href)) as Record<string, unknown>;
    return typeof mod.runTransform === 'function' ? (mod.runTransform as never) : null;
  } catch (e) {
    err(`transform: not available (${(e as Error).message.split('\n')[0]})`);
    return null;
  }
}

export async function benchSync(args: string[]): Promise<Record<string, unknown>> {
  const dataDir = option(args, 'data-dir') ? resolveDataDir({ REVOPS_DATA_DIR: option(args, 'data-dir') }) : resolveDataDir();
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const engine = databaseUrl ? 'postgres' : 'pglite';
  const manifest = await readDemoManifest(dataDir);
  if (!manifest) throw new Error(`No demo sources in ${dataDir}: run \`npx revops --data-dir ${dataDir} demo sources --scale prod --seed bench\` first.`);
  err(`bench sync: engine ${engine}, demo sources ${manifest.scale}/${manifest.seed} (${manifest.engine}) in ${dataDir}`);
  const settings = await loadSettings(dataDir);

  const scratch = databaseUrl ? await createServerDatabase(databaseUrl) : null;
  const whDir = scratch ? null : await mkdtemp(join(tmpdir(), 'revops-bench-sync-'));
  const db = await openWarehouse({ dataDir: whDir ?? dataDir, databaseUrl: scratch?.url });
  const figures: Record<string, unknown> = { engine, scale: manifest.scale, seed: manifest.seed };
  try {
    // (a) raw pipe, measured before AND after (b) and averaged: on a shared machine the load drifts
    // during a run, and the ratio should compare like with like.
    const pipe = async (): Promise<{ rows: number; s: number }> => {
      const sources = await resolveSources(['odoo', 'apn'], { dataDir, settings, databaseUrl });
      let rows = 0;
      const t = performance.now();
      try {
        for (const s of ['odoo', 'apn'] as const) rows += await rawPipe(db, sources.endpoint(s), scratch?.url);
      } finally {
        await sources.close();
      }
      const secs = (performance.now() - t) / 1000;
      await db.exec('DROP SCHEMA bench_pipe CASCADE');
      err(`(a) raw pipe: ${rows} rows in ${secs.toFixed(1)} s = ${Math.round(rows / secs)} rows/s`);
      return { rows, s: secs };
    };
    const pipe1 = await pipe();

    // (b) full sync into an empty raw
    const log = (level: string, m: string) => level !== 'debug' && err(`  ${m}`);
    const t1 = performance.now();
    const full = await runSync({ db, dataDir, settings, databaseUrl, full: true, log });
    const fullS = (performance.now() - t1) / 1000;
    if (!full.ok) throw new Error(`full sync failed: ${full.jobs.map((j) => j.error).join('; ')}`);
    const syncRows = full.jobs.reduce((n, j) => n + j.totals.rowsRead, 0);
    err(`(b) full sync: ${syncRows} rows in ${fullS.toFixed(1)} s = ${Math.round(syncRows / fullS)} rows/s`);
    const pipe2 = await pipe();
    const pipeRows = pipe1.rows + pipe2.rows;
    const pipeS = pipe1.s + pipe2.s;

    // (c) no-change incremental
    const t2 = performance.now();
    const incr = await runSync({ db, dataDir, settings, databaseUrl, log });
    const incrS = (performance.now() - t2) / 1000;
    if (!incr.ok) throw new Error(`incremental sync failed: ${incr.jobs.map((j) => j.error).join('; ')}`);
    const written = incr.jobs.reduce((n, j) => n + j.totals.inserted + j.totals.updated + j.totals.deleted, 0);
    err(`(c) no-change incremental: ${incrS.toFixed(2)} s (${incr.jobs.reduce((n, j) => n + j.totals.rowsRead, 0)} rows re-read in the cursor overlap, ${written} written)`);

    // Peak RSS so far: raw pipe + full sync + no-change sync (maxRSS only grows; transform comes later).
    const rssAfterSync = peakRssMb();

    // full re-sync over a populated raw: the merge path
    const t3 = performance.now();
    const resync = await runSync({ db, dataDir, settings, databaseUrl, full: true, log });
    const resyncS = (performance.now() - t3) / 1000;
    if (!resync.ok) throw new Error(`full re-sync failed: ${resync.jobs.map((j) => j.error).join('; ')}`);
    err(`full re-sync (merge): ${resyncS.toFixed(1)} s = ${Math.round(syncRows / resyncS)} rows/s`);

    // (d) transform
    const runTransform = await transformFn();
    let transformFull: number | null = null;
    let transformIncr: number | null = null;
    let deltaSyncS: number | null = null;
    let deltaRows: number | null = null;
    if (runTransform) {
      const tlog = (...a: unknown[]) => err(`  transform: ${a.map(String).join(' ')}`);
      try {
        const t4 = performance.now();
        await runTransform({ db, log: tlog, full: true });
        transformFull = (performance.now() - t4) / 1000;
        // Incremental transform over a real day of source changes (`revops demo advance`: lead edits,
        // same-second bursts, merges that delete, CUR re-emitted, invoices posted/paid), synced incrementally.
        const advanced = await advanceDemoSources({ dataDir, databaseUrl: manifest.engine === 'postgres' ? databaseUrl : undefined, days: 1, log: () => undefined });
        const t6 = performance.now();
        const delta = await runSync({ db, dataDir, settings, databaseUrl, log });
        deltaSyncS = (performance.now() - t6) / 1000;
        if (!delta.ok) throw new Error(`delta sync failed: ${delta.jobs.map((j) => j.error).join('; ')}`);
        deltaRows = delta.jobs.reduce((n, j) => n + j.totals.inserted + j.totals.updated + j.totals.deleted, 0);
        const t5 = performance.now();
        await runTransform({ db, log: tlog });
        transformIncr = (performance.now() - t5) / 1000;
        err(`(d) one day of changes (day ${advanced.day}): incremental sync ${deltaSyncS.toFixed(2)} s (${deltaRows} raw rows written)`);
        err(`(d) transform: full ${transformFull.toFixed(1)} s, incremental after that day ${transformIncr.toFixed(2)} s`);
      } catch (e) {
        figures.transform_error = (e as Error).message.split('\n')[0];
        err(`(d) transform failed: ${String(figures.transform_error)}`);
      }
    } else err('(d) transform: main/services/transform has no runTransform yet; transform_full_s and transform_incr_s are null');

    Object.assign(figures, {
      rows: syncRows,
      copy_rows_per_s: Math.round(pipeRows / pipeS),
      sync_rows_per_s: Math.round(syncRows / fullS),
      ratio: round(syncRows / fullS / (pipeRows / pipeS), 2),
      copy_s: round(pipeS / 2, 1),
      copy_rows_per_s_runs: [Math.round(pipe1.rows / pipe1.s), Math.round(pipe2.rows / pipe2.s)],
      sync_full_s: round(fullS, 1),
      resync_full_s: round(resyncS, 1),
      resync_rows_per_s: Math.round(syncRows / resyncS),
      nochange_s: round(incrS, 2),
      transform_full_s: transformFull === null ? null : round(transformFull, 1),
      transform_incr_s: transformIncr === null ? null : round(transformIncr, 2),
      delta_sync_s: deltaSyncS === null ? null : round(deltaSyncS, 2),
      delta_rows_written: deltaRows,
      peak_rss_mb: peakRssMb(),
      peak_rss_through_sync_mb: rssAfterSync,
      sources: manifest.engine === 'pglite' ? 'embedded PGlite served in-process over pglite-socket' : 'databases on the same server',
    });
    return figures;
  } finally {
    await db.close();
    await scratch?.drop();
    if (whDir) await rm(whDir, { recursive: true, force: true });
  }
}

export async function recordBench(name: string, engine: string, figures: Record<string, unknown>): Promise<void> {
  await mkdir('.bench', { recursive: true });
  const line = JSON.stringify({ bench: name, ...figures, engine });
  await writeFile(join('.bench', `${name}-${engine}.json`), line + '\n');
  process.stdout.write(line + '\n');
}
