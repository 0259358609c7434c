/**
 * The event map: pushes from main to the renderer (Electron IPC `webContents.send`, or the host's WebSocket).
 *
 * Invariants:
 * - Events are fire-and-forget notifications; nothing depends on receiving every one (a client that
 *   connects late asks for current state with an invoke channel).
 * - Payloads are JSON-safe and contain no secrets (log messages are redacted by the emitter).
 * - On the WebSocket each message is one EventEnvelope as JSON text.
 */
import { z } from 'zod';
import type { EventName } from './channels';
import { offlineStatusSchema } from './offline';
import { pipelineProgressSchema } from './pipeline';

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

export const eventContract = {
  'app:log': z.object({
    level: logLevelSchema,
    message: z.string(),
    /** ISO 8601 timestamp. */
    time: z.string(),
  }),
  /** Per-table progress of a sync job (main/services/sync; throttled to ~4 per second per table; the shape may grow, not change). */
  'sync:progress': z.object({
    jobId: z.string(),
    source: z.string(),
    table: z.string(),
    phase: z.enum(['queued', 'copying', 'merging', 'done', 'failed', 'cancelled']),
    rowsDone: z.number().int().nonnegative(),
    /** null while unknown. */
    rowsTotal: z.number().int().nonnegative().nullable(),
    /** Rows read per second for this table so far (0 at its start). */
    rowsPerSecond: z.number().nonnegative().optional(),
    /** Seconds left for this table at the current rate; null while unknown. */
    etaSeconds: z.number().nonnegative().nullable().optional(),
    /** Position of this table in the job (0-based) and the job's table count. */
    tableIndex: z.number().int().nonnegative().optional(),
    tableCount: z.number().int().nonnegative().optional(),
    /** 1, or the retry attempt (2, 3) after a transient source failure. */
    attempt: z.number().int().positive().optional(),
  }),
  /** A pipeline step ("Sync & match") started, finished, was skipped or failed; see pipeline.ts. */
  'pipeline:progress': pipelineProgressSchema,
  /** The offline status (main/services/offline) whenever it changes: online/offline, outbox, conflicts. */
  'offline:changed': offlineStatusSchema,
} as const satisfies { [E in EventName]: z.ZodType };

export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

export type EventEnvelope = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export const eventEnvelopeSchema = z.object({ event: z.string(), payload: z.unknown() });
