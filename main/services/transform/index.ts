/**
 * `runTransform`: raw → core (seed 002 CORE design), full or incremental.
 *
 * Invariants:
 * - Incremental = the raw changes of sync jobs not consumed yet: rows whose `_sync_batch_id` is such a job
 *   (the sync writes a job in one transaction, so a job is either wholly visible or not at all) and the keys
 *   in ops.sync_deleted_rows for those jobs. Each step re-derives only the core rows those changes reach.
 * - All core writes, the lineage rows (ops.transformation_log) and the consumed-job marks commit in ONE
 *   transaction: a crash leaves core as it was and the same jobs pending. Only the normalization caches
 *   (pure functions of their input) are filled before it.
 * - Two transforms never interleave: the transaction takes an advisory lock first.
 * - The sync jobs a run consumes are read once, before the normalization caches are filled; a job finishing
 *   during the run stays pending (its rows are re-derived by the next run).
 * - A new NORMALIZER_VERSION, a first run or `full` recomputes everything; rows are still only rewritten
 *   when a value changed.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db, Queryable } from '../../../db/types';
import { NORMALIZER_VERSION } from '../../../app/normalize';
import { fillNormalizationCache, type CacheFill } from './norm-cache';
import { runStep, type Step, type StepContext, type StepResult } from './step';
import { AWS_ACCOUNTS, AWS_ACCOUNT_PAYERS, COMPANIES } from './steps-entities';
import { ACE_OPPORTUNITIES, ODOO_OPPORTUNITIES } from './steps-opportunities';
import { BILLING_BILLS, BILLING_BILL_LINES, BILLING_COSTS, INVOICES, INVOICE_LINES } from './steps-billing';
import { refreshCostMart } from '../cost/mart';

/** Dependency order: accounts need cost months and payers; opportunities need accounts. */
export const STEPS: readonly Step[] = [
  BILLING_COSTS, AWS_ACCOUNT_PAYERS, AWS_ACCOUNTS, COMPANIES, ODOO_OPPORTUNITIES, ACE_OPPORTUNITIES, BILLING_BILLS, BILLING_BILL_LINES, INVOICES, INVOICE_LINES,
];

const LOCK_KEY = 7_262_011_403;

export class TransformError extends Error {
  override name = 'TransformError';
}

export type TransformProgress = { step: string; index: number; total: number; result?: StepResult };

export type TransformOptions = {
  db: Db;
  log?: (line: string) => void;
  full?: boolean;
  onProgress?: (p: TransformProgress) => void;
};

export type TransformResult = {
  batchId: string;
  mode: 'full' | 'incremental' | 'up-to-date';
  durationMs: number;
  consumedJobs: number;
  normalization: CacheFill;
  steps: StepResult[];
  totals: { considered: number; inserted: number; updated: number; deleted: number };
};

async function rawTables(db: Queryable): Promise<Set<string>> {
  const r = await db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'raw' AND table_type = 'BASE TABLE'`);
  return new Set(r.rows.map((x) => x.t));
}

async function pendingJobs(db: Queryable): Promise<string[]> {
  const r = await db.query<{ job_id: string }>(
    `SELECT j.job_id FROM ops.sync_jobs j WHERE j.status = 'succeeded'
       AND NOT EXISTS (SELECT 1 FROM core.transform_consumed_jobs c WHERE c.job_id = j.job_id) ORDER BY j.started_at, j.job_id`,
  );
  return r.rows.map((x) => x.job_id);
}

/**
 * pg_temp.changed(raw_table, id): ids of raw rows written or deleted by `jobs`. Returns the raw tables with
 * deletions and the raw tables with any change.
 */
async function collectChanges(tx: Queryable, tables: ReadonlySet<string>, jobs: readonly string[]): Promise<{ deleted: Set<string>; changed: Set<string> }> {
  await tx.exec('CREATE TEMP TABLE changed (raw_table text NOT NULL, id bigint NOT NULL) ON COMMIT DROP');
  const withId = await tx.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'raw' AND column_name = 'id'
       AND table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = 'raw' AND column_name = '_sync_batch_id')`,
  );
  // The sync records per job and table what it wrote: scan only those raw tables (a job without such rows,
  // e.g. from an older sync, means every table).
  const perJob = await tx.query<{ recorded: boolean; tables: string[] }>(
    `SELECT EXISTS (SELECT 1 FROM ops.sync_job_tables t WHERE t.job_id = j.job_id) AS recorded,
       ARRAY(SELECT t.raw_table FROM ops.sync_job_tables t WHERE t.job_id = j.job_id AND t.inserted + t.updated > 0) AS tables
     FROM unnest($1::uuid[]) AS j(job_id)`,
    [jobs],
  );
  const scanAll = perJob.rows.some((r) => !r.recorded);
  const scan = new Set(perJob.rows.flatMap((r) => r.tables).map((t) => t.replace(/^raw\./, '')));
  for (const { t } of withId.rows) {
    if (!tables.has(t) || !/^[a-z0-9_]+$/.test(t) || (!scanAll && !scan.has(t))) continue;
    await tx.query(`INSERT INTO pg_temp.changed SELECT $1, id FROM raw."${t}" WHERE _sync_batch_id = ANY ($2::uuid[])`, [t, jobs]);
  }
  const deleted = await tx.query<{ t: string }>(
    `WITH d AS (
       INSERT INTO pg_temp.changed SELECT regexp_replace(raw_table, '^raw\\.', ''), (source_key ->> 'id')::bigint
       FROM ops.sync_deleted_rows WHERE job_id = ANY ($1::uuid[]) AND source_key ->> 'id' ~ '^[0-9]+$'
       RETURNING raw_table)
     SELECT DISTINCT raw_table AS t FROM d`,
    [jobs],
  );
  await tx.exec('CREATE INDEX ON pg_temp.changed (raw_table, id)');
  await tx.exec('ANALYZE pg_temp.changed');
  const changed = await tx.query<{ t: string }>('SELECT DISTINCT raw_table AS t FROM pg_temp.changed');
  return { deleted: new Set(deleted.rows.map((x) => x.t)), changed: new Set(changed.rows.map((x) => x.t)) };
}

export async function runTransform(opts: TransformOptions): Promise<TransformResult> {
  const { db } = opts;
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const batchId = randomUUID();
  const tables = await rawTables(db);
  if (tables.size === 0) throw new TransformError('Nothing to transform: the raw layer is empty. Run `revops sync all` first.');
  const state = (await db.query<{ normalizer_version: number }>(`SELECT normalizer_version FROM core.transform_state WHERE name = 'core'`)).rows[0];
  const mode: 'full' | 'incremental' = opts.full || !state || state.normalizer_version !== NORMALIZER_VERSION ? 'full' : 'incremental';
  const totals = { considered: 0, inserted: 0, updated: 0, deleted: 0 };
  // The jobs this run consumes are fixed here, before the normalization caches are filled: a job that
  // finishes later stays pending for the next run, which re-derives (and normalizes) its rows.
  const pending = await pendingJobs(db);
  if (mode === 'incremental' && pending.length === 0) {
    log('Core is up to date: no sync job since the last transform.');
    return { batchId, mode: 'up-to-date', durationMs: Math.round(performance.now() - started), consumedJobs: 0, normalization: { names: 0, domains: 0, awsIds: 0 }, steps: [], totals };
  }
  log(`Transform ${mode} (batch ${batchId.slice(0, 8)}): normalizing names, domains and AWS account ids…`);
  const normalization = await fillNormalizationCache(db, tables, NORMALIZER_VERSION, mode === 'incremental' ? pending : undefined);
  log(`  normalized ${normalization.names} new names, ${normalization.domains} websites/e-mails, ${normalization.awsIds} AWS account id fields (${Math.round(performance.now() - started)} ms)`);
  const steps: StepResult[] = [];
  const consumed = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [LOCK_KEY]);
    const jobs = pending;
    await tx.query('CREATE TEMP TABLE batch ON COMMIT DROP AS SELECT $1::uuid AS batch_id', [batchId]);
    const t0 = performance.now();
    const changes = mode === 'incremental' ? await collectChanges(tx, tables, jobs) : { deleted: new Set<string>(), changed: new Set<string>() };
    if (mode === 'incremental') log(`  changes of ${jobs.length} sync job(s) in ${changes.changed.size} raw tables (${Math.round(performance.now() - t0)} ms)`);
    if (mode === 'full') await tx.exec('CREATE TEMP TABLE changed (raw_table text NOT NULL, id bigint NOT NULL) ON COMMIT DROP');
    const ctx: StepContext = { mode, batchId, rawTables: tables, normalizerVersion: NORMALIZER_VERSION };
    for (const [i, step] of STEPS.entries()) {
      opts.onProgress?.({ step: step.target, index: i, total: STEPS.length });
      const forceFull = (step.fullOnDeleteOf ?? []).some((t) => changes.deleted.has(t)) || (step.fullOnChangeOf ?? []).some((t) => changes.changed.has(t));
      const r = await runStep(tx, step, ctx, forceFull);
      steps.push(r);
      totals.considered += r.considered;
      totals.inserted += r.inserted;
      totals.updated += r.updated;
      totals.deleted += r.deleted;
      log(`  ${r.target.padEnd(28)} ${r.mode === 'skipped' ? `skipped: ${r.note ?? ''}` : `${r.mode.padEnd(11)} ${r.considered} rows: +${r.inserted} ~${r.updated} -${r.deleted} (${r.durationMs} ms)`}`);
      opts.onProgress?.({ step: step.target, index: i + 1, total: STEPS.length, result: r });
      await tx.query(
        `INSERT INTO ops.transformation_log (batch_id, source_table, target_table, transformation_type, status, rows_considered, rows_inserted, rows_updated,
           rows_deleted, duration_ms, sync_job_ids, transformation_rules)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid[], $12::jsonb)`,
        [batchId, r.sources.map((s) => `raw.${s}`).join(', ') || 'core', r.target, r.mode === 'skipped' ? mode : r.mode, r.mode === 'skipped' ? 'skipped' : 'succeeded',
          r.considered, r.inserted, r.updated, r.deleted, r.durationMs, jobs, JSON.stringify({ normalizer_version: NORMALIZER_VERSION, note: r.note ?? null })],
      );
    }
    if (jobs.length > 0) {
      await tx.query('INSERT INTO core.transform_consumed_jobs (job_id, batch_id) SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING', [jobs, batchId]);
    }
    await tx.query(
      `INSERT INTO core.transform_state (name, normalizer_version, last_batch_id, last_full_at, last_run_at)
       VALUES ('core', $1, $2, CASE WHEN $3 THEN now() END, now())
       ON CONFLICT (name) DO UPDATE SET normalizer_version = EXCLUDED.normalizer_version, last_batch_id = EXCLUDED.last_batch_id,
         last_full_at = coalesce(EXCLUDED.last_full_at, core.transform_state.last_full_at), last_run_at = EXCLUDED.last_run_at`,
      [NORMALIZER_VERSION, batchId, mode === 'full'],
    );
    // The cost explorer marts (issue 7) are rebuilt from the core just written, in the same transaction.
    const mart = await refreshCostMart(tx, { mode, batchId, steps });
    log(`  ${'core.cost_mart'.padEnd(28)} ${mart.mode.padEnd(11)} ${mart.accountMonthsRebuilt === null ? 'all' : mart.accountMonthsRebuilt} account-months rebuilt → ${mart.rows} rows (${mart.durationMs} ms)`);
    return jobs.length;
  });
  const durationMs = Math.round(performance.now() - started);
  log(`Transform ${mode} done in ${(durationMs / 1000).toFixed(1)} s: ${totals.inserted} inserted, ${totals.updated} updated, ${totals.deleted} deleted.`);
  return { batchId, mode, durationMs, consumedJobs: consumed, normalization, steps, totals };
}
