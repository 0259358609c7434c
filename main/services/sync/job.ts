/**
 * One sync job: one source, one scope, one snapshot, one warehouse transaction; retried as a whole on
 * transient source failures (exponential backoff, 3 attempts).
 *
 * Invariants:
 * - The job row is inserted ('running') before the work and, on success, updated INSIDE the transaction
 *   that applies the changes: 'succeeded' and the raw changes commit together. Failed/cancelled are
 *   written after the rollback, so they never come with partial changes.
 * - Source and warehouse resources of an attempt are released before the next attempt or the return.
 */
import { hostname } from 'node:os';
import { redactSecrets } from '../../../app/redact';
import { finishJob, insertJob, insertJobTables, loadCursors, markGone, saveCursors } from '../../../db/queries/sync';
import type { CursorRow, CursorUpdate } from '../../../db/queries/sync';
import type { Db } from '../../../db/types';
import type { ResolvedSources } from './connection';
import { ProgressTracker } from './progress';
import { ensureRawTable, loadRawCatalog } from './raw-schema';
import type { RawShape } from './raw-schema';
import { openSource, SourceError } from './source';
import type { SourceReader } from './source';
import { planTable, probeTables, syncTable } from './table-sync';
import type { Probe, TablePlan } from './table-sync';
import { addCounts, emptyCounts } from './types';
import type { JobPlan, JobResult, SyncLog, SyncProgress, TableResult } from './types';
import { rawTableName } from './catalog';

export class SyncCancelledError extends Error {
  override readonly name = 'SyncCancelledError';
  constructor() {
    super('Sync cancelled');
  }
}

export type JobOptions = {
  db: Db;
  sources: ResolvedSources;
  plan: JobPlan;
  runId: string;
  jobId: string;
  full: boolean;
  log: SyncLog;
  onProgress?: ((p: SyncProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Delay before the 2nd attempt; doubles after (default 2000 ms: 2 s, 4 s). */
  retryDelayMs?: number;
  attempts?: number;
};

const RUNNER = `${process.pid}@${hostname()}`;

function oneLine(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return redactSecrets(m.replace(/\s+/g, ' ').trim());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SyncCancelledError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new SyncCancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

type AttemptResult = { tables: TableResult[]; warnings: string[]; source: string };

async function attempt(o: JobOptions, tracker: ProgressTracker, sourceDescription: { value: string | null }): Promise<AttemptResult> {
  const { db, plan, jobId } = o;
  const endpoint = o.sources.endpoint(plan.system);
  sourceDescription.value = endpoint.description;
  let reader: SourceReader | null = null;
  try {
    const t0 = performance.now();
    const step = (what: string) => o.log('debug', `sync ${plan.system}: ${what} at ${Math.round(performance.now() - t0)} ms`);
    reader = await openSource(endpoint);
    const src = reader;
    step('source connected');
    const discovered = await src.discover(plan.scope);
    step(`catalog read (${discovered.tables.length} tables)`);
    const warnings = [...discovered.skipped];
    tracker.plan(discovered.tables.map((t) => t.name));
    const tables: TableResult[] = [];
    await db.transaction(async (tx) => {
      await tx.query("SELECT set_config('revops.sync_batch_id', $1, true)", [jobId]);
      const cursors = await loadCursors(tx, plan.system);
      const known = await loadRawCatalog(tx);
      // Schema first (DDL for every table), then one probe query over all tables, then the data.
      const work: { plan: TablePlan; shape: RawShape; prev: CursorRow | undefined }[] = [];
      for (const table of discovered.tables) {
        const prev = cursors.get(table.name);
        const shape = await ensureRawTable({ tx, jobId, system: plan.system }, table, rawTableName(plan.system, table.name), prev, known);
        warnings.push(...shape.warnings);
        work.push({ plan: planTable(table, shape, prev, o.full), shape, prev });
      }
      step('raw tables checked');
      if (o.signal?.aborted) throw new SyncCancelledError();
      const probes = await probeTables(src, work.map((w) => w.plan));
      step('source probed');
      const cursorUpdates: CursorUpdate[] = [];
      for (const { plan: tablePlan, shape, prev } of work) {
        if (o.signal?.aborted) throw new SyncCancelledError();
        const table = tablePlan.table;
        tracker.start(table.name);
        const out = await syncTable(
          {
            tx,
            reader: src,
            jobId,
            system: plan.system,
            full: o.full,
            signal: o.signal,
            onRows: (done, total, phase) => tracker.rows(table.name, done, total, phase),
            warn: (m) => warnings.push(m),
          },
          tablePlan,
          probes.get(table.name) as Probe,
          shape,
          prev,
        );
        for (const ddl of shape.afterLoad) await tx.exec(ddl);
        tables.push(out.result);
        cursorUpdates.push({
          system: plan.system,
          sourceTable: table.name,
          rawTable: shape.rawTable,
          changeColumn: table.changeColumn,
          cursorValue: out.cursorValue,
          cursorId: out.cursorId,
          keyColumns: table.key,
          sourceColumns: table.columns,
          sourceRows: out.sourceRows,
          jobId,
          full: out.result.mode === 'full' || out.result.mode === 'replace',
        });
        tracker.done(table.name, out.result.rowsRead);
      }
      step('tables synced');
      await saveCursors(tx, cursorUpdates);
      await insertJobTables(
        tx,
        jobId,
        tables.map((t) => ({ source_table: t.sourceTable, raw_table: t.rawTable, mode: t.mode, rows_read: t.rowsRead, inserted: t.inserted, updated: t.updated, deleted: t.deleted, failed: t.failed, duration_ms: t.durationMs })),
      );
      // Tables that left the source: raw keeps them (logged once).
      const present = new Set(discovered.tables.map((t) => t.name));
      for (const [name, c] of cursors) {
        if (plan.scope === 'billing' || present.has(name) || c.gone_from_source_at) continue;
        await markGone(tx, plan.system, name);
        warnings.push(`${c.raw_table}: ${plan.system}.${name} no longer exists in the source; raw keeps its last rows`);
      }
      const totals = tables.reduce((acc, t) => addCounts(acc, t), emptyCounts());
      await finishJob(tx, jobId, {
        status: 'succeeded',
        attempts: tracker.attempt,
        durationMs: tracker.elapsedMs(),
        tablesSynced: tables.length,
        rowsRead: totals.rowsRead,
        inserted: totals.inserted,
        updated: totals.updated,
        deleted: totals.deleted,
        failed: totals.failed,
        error: null,
        warnings: warnings.map(redactSecrets),
        source: endpoint.description,
      });
    });
    return { tables, warnings: warnings.map(redactSecrets), source: endpoint.description };
  } finally {
    await reader?.close();
  }
}

/** Runs one job to its end; never throws for job failures (they are in the result). */
export async function runJob(o: JobOptions): Promise<JobResult> {
  const jobType = o.full ? 'full' : 'incremental';
  await insertJob(o.db, { jobId: o.jobId, runId: o.runId, system: o.plan.system, scope: o.plan.scope, jobType, runner: RUNNER });
  const tracker = new ProgressTracker(o.jobId, o.plan.system, o.onProgress);
  const maxAttempts = o.attempts ?? 3;
  const source = { value: null as string | null };
  const label = `${o.plan.system}${o.plan.scope === 'billing' ? ' (billing)' : ''}`;
  let lastError: unknown = null;
  let status: 'failed' | 'cancelled' = 'failed';
  for (let i = 1; i <= maxAttempts; i++) {
    tracker.attempt = i;
    try {
      const r = await attempt(o, tracker, source);
      const totals = r.tables.reduce((acc, t) => addCounts(acc, t), emptyCounts());
      o.log('info', `sync ${label}: done in ${(tracker.elapsedMs() / 1000).toFixed(1)} s — ${r.tables.length} tables, ${totals.rowsRead} rows read, ${totals.inserted} inserted, ${totals.updated} updated, ${totals.deleted} deleted, ${totals.failed} quarantined`);
      for (const w of r.warnings) o.log('warn', `sync ${label}: ${w}`);
      return { jobId: o.jobId, runId: o.runId, system: o.plan.system, scope: o.plan.scope, jobType, status: 'succeeded', attempts: i, durationMs: tracker.elapsedMs(), totals, tables: r.tables, warnings: r.warnings, error: null, source: r.source };
    } catch (err) {
      lastError = err;
      if (o.signal?.aborted || err instanceof SyncCancelledError) {
        status = 'cancelled';
        break;
      }
      const transient = err instanceof SourceError && err.transient;
      if (!transient || i === maxAttempts) break;
      const delay = (o.retryDelayMs ?? 2000) * 2 ** (i - 1);
      o.log('warn', `sync ${label}: attempt ${i} of ${maxAttempts} failed (${oneLine(err)}); retrying in ${(delay / 1000).toFixed(1)} s`);
      try {
        await sleep(delay, o.signal);
      } catch {
        status = 'cancelled';
        break;
      }
    }
  }
  const error =
    status === 'cancelled'
      ? 'Cancelled; nothing of this job was applied.'
      : lastError instanceof SourceError && lastError.transient
        ? `Source unavailable after ${tracker.attempt} attempts: ${oneLine(lastError)}. Nothing of this job was applied; check the source and sync again.`
        : `${oneLine(lastError).replace(/\.?$/, '.')} Nothing of this job was applied.`;
  tracker.fail(status);
  await finishJob(o.db, o.jobId, {
    status,
    attempts: tracker.attempt,
    durationMs: tracker.elapsedMs(),
    tablesSynced: 0,
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    deleted: 0,
    failed: 0,
    error,
    warnings: [],
    source: source.value,
  });
  o.log(status === 'cancelled' ? 'warn' : 'error', `sync ${label}: ${status} — ${error}`);
  return { jobId: o.jobId, runId: o.runId, system: o.plan.system, scope: o.plan.scope, jobType, status, attempts: tracker.attempt, durationMs: tracker.elapsedMs(), totals: emptyCounts(), tables: [], warnings: [], error, source: source.value };
}
