/**
 * Shapes of the pipeline channels ("Sync & match"): pipeline:run, pipeline:cancel, pipeline:status; each
 * step's progress arrives as `pipeline:progress` (the sync step's tables also as `sync:progress`).
 *
 * Invariants:
 * - One pipeline run at a time per app; it also holds the sync lock while syncing, so a sync:run during it
 *   is refused with `sync_busy` and a pipeline:run during a sync likewise.
 * - pipeline:run returns at once with the run id; the outcome is the last `pipeline:progress` event
 *   (step `done`, `failed` or `cancelled`) and pipeline:status.
 * - Steps run in PIPELINE_STEPS order; a failed step stops the run and earlier steps' results stay.
 */
import { z } from 'zod';

export const PIPELINE_STEPS = ['sync', 'transform', 'quality', 'embed', 'match', 'decide'] as const;
export const pipelineStepSchema = z.enum(PIPELINE_STEPS);
export type PipelineStep = z.infer<typeof pipelineStepSchema>;

export const pipelineRunInputSchema = z.strictObject({}).optional().transform(() => ({}) as Record<string, never>);
export const pipelineRunOutputSchema = z.object({ runId: z.string() });
export const pipelineCancelInputSchema = z
  .strictObject({ runId: z.string().optional() })
  .optional()
  .transform((v) => v ?? {});
export const pipelineCancelOutputSchema = z.object({ cancelled: z.boolean() });

export const pipelineProgressSchema = z.object({
  runId: z.string(),
  step: pipelineStepSchema,
  state: z.enum(['running', 'done', 'skipped', 'failed', 'cancelled']),
  /** One line about the step: what it did or why it failed (redacted). */
  message: z.string().nullable(),
  /** Time the step took (on done / failed), ms. */
  ms: z.number().int().nonnegative().nullable(),
  /** true on the run's last event. */
  final: z.boolean(),
});
export type PipelineProgress = z.infer<typeof pipelineProgressSchema>;

export const pipelineStatusInputSchema = z.strictObject({}).optional().transform(() => ({}) as Record<string, never>);
export const pipelineStatusOutputSchema = z.object({
  /** The run in progress, or the last one this app ran (null when none since start). */
  run: z
    .object({
      runId: z.string(),
      running: z.boolean(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      outcome: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
      error: z.string().nullable(),
      steps: z.array(pipelineProgressSchema),
    })
    .nullable(),
});
export type PipelineStatus = z.infer<typeof pipelineStatusOutputSchema>;
