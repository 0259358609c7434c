/**
 * The source sync (issue 3 §1): `runSync` is what the CLI (`revops sync …`), the UI's buttons (contract
 * channels sync:run / sync:cancel / sync:jobs) and tests call.
 *
 * A run: take the sync lock (refuse when another sync runs), resolve the sources (serving the embedded
 * demo sources on loopback for as long as the run needs them), then one job per source, one after the
 * other. A source that fails does not stop the others. Each job applies all or nothing (see job.ts).
 *
 * What raw looks like afterwards, for consumers (transform):
 * - raw.odoo_<table> / raw.apn_<table>: the source columns and types, plus _raw_id, _ingested_at,
 *   _source_system, _sync_batch_id (= the job id). _ingested_at/_sync_batch_id change only when the row's
 *   source values changed; rows deleted in the source are deleted from raw and their keys recorded in
 *   ops.sync_deleted_rows.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/types';
import type { Settings } from '../../config/settings';
import { loadSettings } from '../../config/settings';
import { resolveSources } from './connection';
import { runJob } from './job';
import { withSyncLock } from './lock';
import { planJobs } from './types';
import type { JobResult, SyncLog, SyncProgress, SyncTarget } from './types';

export { SyncBusyError, isSyncRunning } from './lock';
export { SyncCancelledError } from './job';
export { rawTableName, isBillingTable } from './catalog';
export type { JobResult, SyncLog, SyncProgress, SyncTarget, SourceSystem, TableResult } from './types';

export type RunSyncOptions = {
  db: Db;
  dataDir: string;
  /** Default: loaded from `<dataDir>/settings.json`. */
  settings?: Settings;
  /** The warehouse server URL, when there is one (demo sources generated on it live there). */
  databaseUrl?: string | undefined;
  /** odoo | apn | billing | all (default all). */
  systems?: SyncTarget;
  /** Read every row (and detect deletions by key) instead of the changes since the last sync. */
  full?: boolean;
  log?: SyncLog;
  onProgress?: (p: SyncProgress) => void;
  signal?: AbortSignal;
  /** Called once the run holds the lock, with its id (before any job starts). */
  onStart?: (runId: string) => void;
  /** Tests: retry delay base (default 2000 ms) and attempts (default 3). */
  retryDelayMs?: number;
  attempts?: number;
  /** Source URLs from the environment (default process.env): ODOO_DATABASE_URL, APN_DATABASE_URL. */
  env?: Record<string, string | undefined>;
};

export type SyncRunResult = { runId: string; jobs: JobResult[]; ok: boolean };

const quiet: SyncLog = () => undefined;

export async function runSync(opts: RunSyncOptions): Promise<SyncRunResult> {
  const runId = randomUUID();
  const log = opts.log ?? quiet;
  const plans = planJobs(opts.systems ?? 'all');
  return withSyncLock(opts.db, runId, async () => {
    opts.onStart?.(runId);
    const settings = opts.settings ?? (await loadSettings(opts.dataDir));
    const systems = [...new Set(plans.map((p) => p.system))];
    const sources = await resolveSources(systems, { dataDir: opts.dataDir, settings, databaseUrl: opts.databaseUrl, env: opts.env });
    const jobs: JobResult[] = [];
    try {
      for (const plan of plans) {
        if (opts.signal?.aborted && jobs.length > 0) break;
        log('info', `sync ${plan.system}${plan.scope === 'billing' ? ' (billing tables)' : ''}: ${opts.full ? 'full' : 'incremental'} sync starting`);
        jobs.push(
          await runJob({
            db: opts.db,
            sources,
            plan,
            runId,
            jobId: randomUUID(),
            full: opts.full ?? false,
            log,
            onProgress: opts.onProgress,
            signal: opts.signal,
            retryDelayMs: opts.retryDelayMs,
            attempts: opts.attempts,
          }),
        );
      }
    } finally {
      await sources.close();
    }
    return { runId, jobs, ok: jobs.every((j) => j.status === 'succeeded') };
  });
}
