/**
 * Shapes of the sync channels (sync:run, sync:cancel, sync:jobs); progress arrives as `sync:progress`.
 *
 * Invariants:
 * - sync:run returns as soon as the run holds the sync lock (it runs in the background); a second run
 *   while one is active is refused with the error code `sync_busy`, never interleaved.
 * - Every string is safe to show: source descriptions and errors are redacted by main.
 * - Times are ISO 8601 strings; counts are non-negative integers.
 */
import { z } from 'zod';

export const syncTargetSchema = z.enum(['odoo', 'apn', 'billing', 'all']);
export type SyncTargetInput = z.infer<typeof syncTargetSchema>;

export const syncRunInputSchema = z
  .strictObject({
    /** odoo, apn, billing (the billing tables of the Odoo database alone) or all (default). */
    target: syncTargetSchema.optional(),
    /** Read every row again and check deletions by key, instead of the changes since the last sync. */
    full: z.boolean().optional(),
  })
  .optional()
  .transform((v) => ({ target: v?.target ?? 'all', full: v?.full ?? false }));

export const syncRunOutputSchema = z.object({ runId: z.string() });

export const syncCancelInputSchema = z
  .strictObject({ runId: z.string().optional() })
  .optional()
  .transform((v) => v ?? {});
export const syncCancelOutputSchema = z.object({ cancelled: z.boolean() });

export const syncJobsInputSchema = z
  .strictObject({ limit: z.number().int().min(1).max(200).optional() })
  .optional()
  .transform((v) => ({ limit: v?.limit ?? 20 }));

const count = z.number().int().nonnegative();

export const syncJobSchema = z.object({
  jobId: z.string(),
  runId: z.string(),
  source: z.enum(['odoo', 'apn']),
  scope: z.enum(['all', 'billing']),
  jobType: z.enum(['full', 'incremental']),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: count.nullable(),
  attempts: count,
  tablesSynced: count,
  rowsRead: count,
  inserted: count,
  updated: count,
  deleted: count,
  failed: count,
  error: z.string().nullable(),
  warnings: z.array(z.string()),
  /** Where the data came from (redacted). */
  sourceDescription: z.string().nullable(),
});
export type SyncJob = z.infer<typeof syncJobSchema>;

export const syncJobsOutputSchema = z.object({
  /** The run in progress in this app, if any. */
  running: z.object({ runId: z.string() }).nullable(),
  jobs: z.array(syncJobSchema),
});
export type SyncJobs = z.infer<typeof syncJobsOutputSchema>;
