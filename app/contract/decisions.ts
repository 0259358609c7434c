/**
 * Shapes of the POD decision channels: decision:list, decision:explain, decision:set (analyst approve /
 * reject / reopen) and rules:active (the rule set in force, its parameters and texts, the last load error).
 *
 * Invariants:
 * - `tenant` defaults to the settings' tenant ('default' = rules/pod.yaml).
 * - decision:set appends an event (never changes a decision); the answer is the derived state.
 * - Dates are YYYY-MM-DD strings, times ISO 8601; fact values are JSON values as stored.
 */
import { z } from 'zod';
import { queueFilterOf, queueFilterSchema, queueItemExtraSchema } from './match';

const tenant = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).optional();
const aceId = z.string().min(1).max(40);

export const outcomeSchema = z.enum(['auto_approve', 'needs_review', 'auto_reject']);
export const decisionStateSchema = z.enum(['auto_approve', 'needs_review', 'auto_reject', 'approved', 'rejected']);

export const decisionListInputSchema = z
  .strictObject({
    tenant,
    state: decisionStateSchema.optional(),
    limit: z.number().int().min(1).max(5000).optional(),
    offset: z.number().int().min(0).optional(),
    /** review queue filters (match score band, ACE stage, owner, search): see match.ts */
    ...queueFilterSchema.shape,
  })
  .optional()
  .transform((v) => ({ tenant: v?.tenant, state: v?.state, limit: v?.limit ?? 200, offset: v?.offset ?? 0, ...queueFilterOf(v) }));

export const decisionListItemSchema = z.object({
  aceId: z.string(),
  customerName: z.string().nullable(),
  outcome: outcomeSchema,
  state: decisionStateSchema,
  by: z.enum(['rules', 'analyst']),
  stale: z.boolean(),
  /** ids of the rules that failed or are unknown */
  open: z.array(z.string()),
  programVersion: z.string(),
  asOf: z.string(),
  decidedAt: z.string(),
  /** true: an analyst event of this opportunity waits in the offline outbox (state includes it) */
  pending: z.boolean().optional(),
  /** what the review queue shows and filters on (ACE stage and owner, the match): see match.ts */
  ...queueItemExtraSchema.shape,
});
export const decisionListOutputSchema = z.object({
  tenant: z.string(),
  total: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  items: z.array(decisionListItemSchema),
});

export const decisionExplainInputSchema = z.strictObject({ aceId, tenant }).transform((v) => ({ aceId: v.aceId, tenant: v.tenant }));

export const ruleResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(['reject', 'review']),
  status: z.enum(['pass', 'fail', 'unknown', 'skipped']),
  effect: z.enum(['reject', 'review']).nullable(),
  facts: z.record(z.string(), z.unknown()),
  explanation: z.string(),
  error: z.string().optional(),
});

export const decisionEventSchema = z.object({
  action: z.enum(['approve', 'reject', 'reopen']),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
  decisionId: z.string().nullable(),
});

export const decisionExplainOutputSchema = z.object({
  aceId: z.string(),
  tenant: z.string(),
  decisionId: z.string(),
  outcome: outcomeSchema,
  state: decisionStateSchema,
  by: z.enum(['rules', 'analyst']),
  stale: z.boolean(),
  programVersion: z.string(),
  ruleSetHash: z.string(),
  ruleSetFiles: z.array(z.string()),
  asOf: z.string(),
  decidedAt: z.string(),
  rules: z.array(ruleResultSchema),
  facts: z.record(z.string(), z.unknown()),
  events: z.array(decisionEventSchema),
  /** earlier automatic decisions for this opportunity (newest first) */
  history: z.array(z.object({ decisionId: z.string(), outcome: outcomeSchema, ruleSetHash: z.string(), asOf: z.string(), decidedAt: z.string() })),
});

export const decisionSetInputSchema = z.strictObject({
  aceId,
  tenant,
  action: z.enum(['approve', 'reject', 'reopen']),
  reason: z.string().trim().min(3, 'say why (at least a few words)').max(2000),
  user: z.string().trim().min(1).max(200),
  /** client-generated id of the analyst event (uuid): the idempotency key; a retry with the same id applies once */
  eventId: z.uuid().optional(),
});
export const decisionSetOutputSchema = z.object({
  aceId: z.string(),
  state: decisionStateSchema,
  by: z.enum(['rules', 'analyst']),
  eventId: z.string(),
  /** true: the warehouse was unreachable; the event waits in the offline outbox (see offline.ts) */
  queued: z.boolean().optional(),
});

export const rulesActiveInputSchema = z.strictObject({ tenant }).optional().transform((v) => ({ tenant: v?.tenant }));

const problemSchema = z.object({ file: z.string(), rule: z.string().nullable(), line: z.number().int().nullable(), message: z.string() });

export const rulesActiveOutputSchema = z.object({
  tenant: z.string(),
  /** null when neither the files nor an earlier run give a usable rule set */
  ruleSetHash: z.string().nullable(),
  ruleSetId: z.string().nullable(),
  title: z.string().nullable(),
  /** the files of the chain, base first */
  files: z.array(z.string()),
  /** true: the files have problems and this is the last good rule set */
  fallback: z.boolean(),
  loadErrors: z.array(problemSchema),
  versions: z.array(z.object({
    id: z.string(),
    title: z.string().nullable(),
    from: z.string(),
    to: z.string().nullable(),
    rules: z.array(z.object({
      id: z.string(),
      title: z.string(),
      description: z.string().nullable(),
      severity: z.enum(['reject', 'review']),
      enabled: z.boolean(),
      parameters: z.record(z.string(), z.unknown()),
      condition: z.string(),
      explain: z.record(z.string(), z.string()),
      /** where the rule is defined, e.g. rules/pod.yaml:42 */
      source: z.string().nullable(),
    })),
  })),
});

export type DecisionListItem = z.infer<typeof decisionListItemSchema>;
export type DecisionList = z.infer<typeof decisionListOutputSchema>;
export type DecisionExplain = z.infer<typeof decisionExplainOutputSchema>;
export type DecisionSetResult = z.infer<typeof decisionSetOutputSchema>;
export type RulesActive = z.infer<typeof rulesActiveOutputSchema>;
