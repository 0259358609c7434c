/**
 * The sync channels' services (sync:run, sync:cancel, sync:jobs) for the handler registry: one run at a
 * time per runtime, in the background, progress pushed as `sync:progress` events.
 */
import type { SyncJob, SyncJobs } from '../../../app/contract';
import { HostError } from '../../../app/contract';
import { listJobs } from '../../../db/queries/sync';
import type { SyncJobRow } from '../../../db/queries/sync';
import type { Db } from '../../../db/types';
import { runSync } from './index';
import type { SyncLog, SyncProgress, SyncTarget } from './types';

export type SyncServiceDeps = {
  dataDir: string;
  databaseUrl: string | undefined;
  warehouse: () => Promise<Db>;
  emitProgress: (p: SyncProgress) => void;
  log: SyncLog;
  /** Source URLs with the credential store's passwords (main/services/settings/secrets-env.ts); default process.env. */
  env?: () => Promise<Record<string, string | undefined>>;
};

export function toSyncJob(r: SyncJobRow): SyncJob {
  return {
    jobId: r.job_id,
    runId: r.run_id,
    source: r.source_system as SyncJob['source'],
    scope: r.scope as SyncJob['scope'],
    jobType: r.job_type as SyncJob['jobType'],
    status: r.status as SyncJob['status'],
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    durationMs: r.duration_ms,
    attempts: r.attempts,
    tablesSynced: r.tables_synced,
    rowsRead: r.rows_read,
    inserted: r.records_inserted,
    updated: r.records_updated,
    deleted: r.records_deleted,
    failed: r.records_failed,
    error: r.error_message,
    warnings: r.warnings,
    sourceDescription: r.source_description,
  };
}

/** The channels, plus `shutdown` for the runtime: cancels a running sync and waits for it to end. */
export function createSyncService(deps: SyncServiceDeps) {
  let current: { runId: string; controller: AbortController; done: Promise<unknown> } | null = null;
  let lastJobs: SyncJob[] | null = null;

  async function start(input: { target: SyncTarget; full: boolean }): Promise<{ runId: string }> {
    const db = await deps.warehouse();
    if (db.engine === 'pglite') lastJobs = (await listJobs(db, 200)).map(toSyncJob);
    const env = await deps.env?.();
    const controller = new AbortController();
    let started: (runId: string) => void = () => undefined;
    const startedP = new Promise<string>((r) => (started = r));
    let mine: string | null = null;
    const run = runSync({
      db,
      dataDir: deps.dataDir,
      databaseUrl: deps.databaseUrl,
      systems: input.target,
      full: input.full,
      env,
      signal: controller.signal,
      log: deps.log,
      onProgress: deps.emitProgress,
      onStart: (runId) => {
        mine = runId;
        current = { runId, controller, done: run };
        started(runId);
      },
    });
    const finished = run.then(
      (r) => ({ err: null, result: r }),
      (err: unknown) => ({ err, result: null }),
    );
    void finished.then(({ err, result }) => {
      if (mine === null) return; // refused before it started: the running one stays current
      if (current?.runId === mine) current = null;
      if (err) deps.log('error', `sync run ${mine} failed: ${(err as Error).message}`);
      else deps.log(result?.ok ? 'info' : 'warn', `sync run ${mine} finished: ${result?.jobs.map((j) => `${j.system} ${j.status}`).join(', ')}`);
    });
    // Either the run got the lock (runId) or it failed before (busy, warehouse): report that.
    const first = await Promise.race([startedP, finished]);
    if (typeof first === 'string') return { runId: first };
    throw first.err ?? new HostError({ code: 'internal', message: 'The sync ended before it started.' });
  }

  const channels = {
    'sync:run': (input: { target: SyncTarget; full: boolean }) => start(input),
    'sync:cancel': async (input: { runId?: string }) => {
      const run = current;
      if (!run || (input.runId && input.runId !== run.runId)) return { cancelled: false };
      run.controller.abort();
      await run.done.catch(() => undefined);
      return { cancelled: true };
    },
    'sync:jobs': async (input: { limit: number }): Promise<SyncJobs> => {
      const db = await deps.warehouse();
      const running = current ? { runId: current.runId } : null;
      // The embedded warehouse has one connection, held by the running job's transaction: answer from
      // what we read last rather than wait for the sync to end.
      if (running && db.engine === 'pglite' && lastJobs) return { running, jobs: lastJobs.slice(0, input.limit) };
      const jobs = (await listJobs(db, input.limit)).map(toSyncJob);
      lastJobs = jobs;
      return { running: current ? { runId: current.runId } : null, jobs };
    },
  } as const;
  return {
    channels,
    async shutdown(): Promise<void> {
      const run = current;
      if (!run) return;
      run.controller.abort();
      await run.done.catch(() => undefined);
    },
  };
}

export function syncServices(deps: SyncServiceDeps) {
  return createSyncService(deps).channels;
}
