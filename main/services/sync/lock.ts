/**
 * One sync at a time per warehouse: a second run is refused, never interleaved.
 * - In this process: a registry keyed by the Db (PGlite is single-process: its data folder is locked, so a
 *   second process cannot open the warehouse at all).
 * - On a server: a session advisory lock held by a connection kept for the whole run (another app
 *   instance or CLI on the same database is refused).
 * While holding the lock, jobs left 'running' by a dead process are marked failed (interrupted).
 */
import { failInterruptedJobs, runningJob } from '../../../db/queries/sync';
import type { Db } from '../../../db/types';

const LOCK_KEY = 7_262_011_386; // migrations use …385

export class SyncBusyError extends Error {
  override readonly name = 'SyncBusyError';
  readonly contractCode = 'sync_busy';
  readonly hint = 'Wait for the running sync to finish, or cancel it, then try again.';
}

const active = new WeakMap<Db, string>();

async function busy(db: Db, runId: string | undefined): Promise<SyncBusyError> {
  // PGlite: its one connection is held by the running job's transaction; asking would wait for it to end.
  const job = db.engine === 'postgres' ? await runningJob(db).catch(() => null) : null;
  const what = job ? ` (${job.source_system} job ${job.job_id} started ${job.started_at.toISOString()})` : runId ? ` (run ${runId})` : '';
  return new SyncBusyError(`Another sync is running on this warehouse${what}; this one was not started.`);
}

/** Runs `fn` holding the sync lock, or throws SyncBusyError at once. */
export async function withSyncLock<T>(db: Db, runId: string, fn: () => Promise<T>): Promise<T> {
  const mine = active.get(db);
  if (mine) throw await busy(db, mine);
  active.set(db, runId);
  try {
    if (db.engine === 'pglite') {
      await failInterruptedJobs(db);
      return await fn();
    }
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let acquired: (ok: boolean) => void = () => undefined;
    let failed: (err: unknown) => void = () => undefined;
    const got = new Promise<boolean>((resolve, reject) => {
      acquired = resolve;
      failed = reject;
    });
    // The lock lives as long as this transaction's connection: a crashed process releases it with its socket.
    const holder = db.transaction(async (tx) => {
      const r = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS ok', [LOCK_KEY]);
      const ok = r.rows[0]?.ok === true;
      acquired(ok);
      if (ok) await held;
    });
    holder.catch((err: unknown) => failed(err));
    if (!(await got)) {
      await holder.catch(() => undefined);
      throw await busy(db, undefined);
    }
    try {
      await failInterruptedJobs(db);
      return await fn();
    } finally {
      release();
      await holder.catch(() => undefined);
    }
  } finally {
    active.delete(db);
  }
}

export function isSyncRunning(db: Db): boolean {
  return active.has(db);
}
