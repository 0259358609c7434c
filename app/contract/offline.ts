/**
 * Offline work: offline:status (online or not, the outbox, conflicts, the replica), offline:sync (try the
 * warehouse now and flush), offline:resolve (a conflict: apply anyway or discard); `offline:changed` pushes
 * the same status whenever it changes.
 *
 * Invariants:
 * - When the warehouse is unreachable, decision:list / decision:explain / rules:active answer from a local
 *   replica and decision:set appends to a durable outbox (answer `queued: true`); nothing else changes for
 *   the caller.
 * - Every outbox event carries a client-generated event id (uuid) that becomes the warehouse event's
 *   primary key: a flush applies it exactly once, however often it is retried (also across restarts).
 * - An event whose opportunity changed in the warehouse since what the analyst saw (another analyst's
 *   event, or a new automatic decision) is never applied silently: it is a conflict until the analyst
 *   applies it anyway or discards it.
 * - `online` is null until main has tried the warehouse; times are ISO 8601.
 */
import { z } from 'zod';
import { decisionEventSchema, decisionStateSchema } from './decisions';

const action = z.enum(['approve', 'reject', 'reopen']);

export const offlineQueuedSchema = z.object({
  eventId: z.string(),
  aceId: z.string(),
  tenant: z.string(),
  action,
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
  /** the state the analyst saw when deciding */
  seenState: decisionStateSchema,
  /** the last failure to flush it other than "unreachable" (it is retried), null when none */
  lastError: z.string().nullable(),
});

export const offlineConflictSchema = offlineQueuedSchema.extend({
  /** one line: what changed in the warehouse */
  why: z.string(),
  /** the warehouse's state when the flush found the conflict */
  current: z.object({
    state: decisionStateSchema,
    by: z.enum(['rules', 'analyst']),
    decisionId: z.string(),
    lastEvent: decisionEventSchema.nullable(),
  }),
  detectedAt: z.string(),
});

export const offlineStatusSchema = z.object({
  online: z.boolean().nullable(),
  /** last time main tried the warehouse */
  checkedAt: z.string().nullable(),
  /** why the warehouse is unreachable (one line, redacted); null when online */
  lastError: z.string().nullable(),
  /** outbox events not yet in the warehouse (conflicts excluded) */
  pending: z.number().int().nonnegative(),
  queue: z.array(offlineQueuedSchema),
  conflicts: z.array(offlineConflictSchema),
  /** events flushed to the warehouse by this process */
  flushed: z.number().int().nonnegative(),
  lastFlushAt: z.string().nullable(),
  replica: z.object({
    refreshedAt: z.string().nullable(),
    decisions: z.number().int().nonnegative(),
    explanations: z.number().int().nonnegative(),
  }),
});

export const offlineResolveInputSchema = z.strictObject({ eventId: z.string().min(1).max(64), resolution: z.enum(['apply', 'discard']) });

export type OfflineStatus = z.infer<typeof offlineStatusSchema>;
export type OfflineConflict = z.infer<typeof offlineConflictSchema>;
export type OfflineQueued = z.infer<typeof offlineQueuedSchema>;
