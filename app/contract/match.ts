/**
 * Shapes of the match review channels: match:candidates (one ACE opportunity beside its Odoo candidates,
 * with the scores and the per-signal contributions the matcher stored) and match:choose (an analyst picks
 * the match, or "no match").
 *
 * Invariants:
 * - Contributions are bits of evidence (log2 likelihood ratios) as the matcher stored them
 *   (core.match_candidates.contributions); per candidate they add up to its match weight before the deal
 *   stage and calibration, so a waterfall of them explains the score.
 * - match:choose never edits or deletes an analyst decision: it appends one to ops.match_decisions and
 *   marks the ACE opportunity's earlier ones superseded (the table's audit model). The matcher keeps the
 *   choice on every later run, and the decision's facts follow it on the next decide.
 * - Field values are display strings (or null when the source has none), compared by the renderer with
 *   app/review/compare-fields.ts.
 */
import { z } from 'zod';

const aceId = z.string().min(1).max(40);

export const matchFieldSchema = z.object({ key: z.string(), label: z.string(), value: z.string().nullable() });

export const contributionSchema = z.object({
  id: z.string(),
  label: z.string(),
  stage: z.enum(['company', 'deal', 'prior']),
  level: z.string().nullable(),
  bits: z.number(),
});

export const matchCandidateSchema = z.object({
  odooId: z.number().int(),
  name: z.string(),
  rank: z.number().int().positive(),
  probability: z.number(),
  companyProbability: z.number(),
  matchWeight: z.number(),
  blockKeys: z.array(z.string()),
  levels: z.record(z.string(), z.string().nullable()),
  contributions: z.array(contributionSchema),
  fields: z.array(matchFieldSchema),
  /** true: this candidate is the current match (or the proposal under review) */
  assigned: z.boolean(),
});

export const matchDecisionSchema = z.object({
  decision: z.enum(['accept', 'reject', 'no_match']),
  odooId: z.number().int().nullable(),
  by: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  superseded: z.boolean(),
});

export const matchCandidatesInputSchema = z.strictObject({ aceId });
export const matchCandidatesOutputSchema = z.object({
  aceId: z.string(),
  ace: z.object({ name: z.string(), fields: z.array(matchFieldSchema) }),
  /** null: the matcher has not seen this opportunity yet */
  assignment: z
    .object({
      status: z.enum(['matched', 'review', 'no_match']),
      decidedBy: z.enum(['auto', 'analyst']).nullable(),
      odooIds: z.array(z.number().int()),
      probability: z.number(),
      noMatchProbability: z.number(),
      candidateCount: z.number().int().nonnegative(),
      explanation: z.string(),
    })
    .nullable(),
  /** ranked, best first (the top ones the matcher kept) */
  candidates: z.array(matchCandidateSchema),
  /** the semantic (embedding) signal of the run that produced these candidates */
  semantic: z.object({ on: z.boolean(), reason: z.string().nullable() }),
  /** analyst match decisions of this opportunity, newest first */
  decisions: z.array(matchDecisionSchema),
});

export const matchChooseInputSchema = z.strictObject({
  aceId,
  /** the Odoo opportunity that is the match; null = no Odoo opportunity is this deal */
  odooId: z.number().int().positive().nullable(),
  reason: z.string().trim().min(3, 'say why (at least a few words)').max(2000),
  user: z.string().trim().min(1).max(200),
});
export const matchChooseOutputSchema = z.object({
  aceId: z.string(),
  status: z.enum(['matched', 'no_match']),
  odooId: z.number().int().nullable(),
  decisionId: z.string(),
});

export type MatchField = z.infer<typeof matchFieldSchema>;
export type MatchContribution = z.infer<typeof contributionSchema>;
export type MatchCandidate = z.infer<typeof matchCandidateSchema>;
export type MatchCandidates = z.infer<typeof matchCandidatesOutputSchema>;
export type MatchChooseResult = z.infer<typeof matchChooseOutputSchema>;

// ---- the review queue: decision:list's filters and the match columns of its items --------------------

/** Match score bands of the review queue, on the matcher's probability of the current match / proposal. */
export const SCORE_BANDS = ['high', 'medium', 'low', 'none'] as const;
export const scoreBandSchema = z.enum(SCORE_BANDS);

export const queueFilterSchema = z.object({
  band: scoreBandSchema.optional(),
  /** ACE stage, exactly as exported (e.g. 'Qualified') */
  stage: z.string().min(1).max(100).optional(),
  /** the partner sales rep who owns the ACE opportunity */
  owner: z.string().min(1).max(200).optional(),
  /** case-insensitive substring of the ACE id, customer, Odoo opportunity or owner */
  q: z.string().max(200).optional(),
});

export const queueItemExtraSchema = z.object({
  stage: z.string().nullable().optional(),
  owner: z.string().nullable().optional(),
  matchStatus: z.enum(['matched', 'review', 'no_match']).nullable().optional(),
  /** probability of the current match or proposal; null without a candidate */
  matchProbability: z.number().nullable().optional(),
  odooId: z.number().int().nullable().optional(),
  odooName: z.string().nullable().optional(),
});

export type ScoreBand = z.infer<typeof scoreBandSchema>;
export type QueueFilter = z.infer<typeof queueFilterSchema>;

/** Only the filters that are set (optional keys, so callers building an input by hand need not list them). */
export function queueFilterOf(v: QueueFilter | undefined): QueueFilter {
  const f: QueueFilter = {};
  if (v?.band) f.band = v.band;
  if (v?.stage) f.stage = v.stage;
  if (v?.owner) f.owner = v.owner;
  if (v?.q?.trim()) f.q = v.q;
  return f;
}
