/**
 * Shape of dashboard:summary: one read of everything the dashboard shows, so its numbers agree with each
 * other (same tenant, same moment).
 *
 * Invariants:
 * - Counts are of the current decision per ACE opportunity for the tenant (ops.pod_decisions_current)
 *   with the analyst's state derived from the events, exactly as decision:list counts them.
 * - Money is USD as stored (ACE "expected monthly AWS revenue", core.ace_opportunities.project_budget);
 *   opportunities without a value count in `withoutValue`, never as 0 in a mean.
 * - Times are ISO 8601; null = never happened.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const money = z.number();

export const dashboardSummaryInputSchema = z
  .strictObject({ tenant: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).optional() })
  .optional()
  .transform((v) => ({ tenant: v?.tenant }));

export const DASHBOARD_STATES = ['auto_approve', 'approved', 'needs_review', 'rejected', 'auto_reject'] as const;

export const dashboardSummarySchema = z.object({
  tenant: z.string(),
  decisions: z.object({
    total: count,
    byState: z.record(z.enum(DASHBOARD_STATES), count),
    /** Decided by the rules without an analyst (auto_approve + auto_reject, no analyst event). */
    autoDecided: count,
    /** autoDecided / total, 0–1; null without decisions. */
    autoShare: z.number().min(0).max(1).nullable(),
    asOf: z.string().nullable(),
    decidedAt: z.string().nullable(),
  }),
  /** Expected monthly AWS revenue of eligible opportunities (auto-approved or approved by an analyst). */
  valueAtStake: z.object({
    eligible: money,
    eligibleCount: count,
    /** Of the opportunities still waiting for an analyst: what would be at stake if approved. */
    inReview: money,
    inReviewCount: count,
    withoutValue: count,
    currency: z.string(),
  }),
  freshness: z.array(
    z.object({
      source: z.enum(['odoo', 'apn']),
      /** The newest successful sync job's end. */
      lastSuccessAt: z.string().nullable(),
      lastStatus: z.enum(['running', 'succeeded', 'failed', 'cancelled']).nullable(),
      lastError: z.string().nullable(),
      rows: count,
    }),
  ),
  /** Latest data-quality run (ops.data_quality_runs). */
  quality: z
    .object({
      score: z.number().min(0).max(100).nullable(),
      at: z.string(),
      checksRun: count,
      checksFailed: count,
      tables: z.array(z.object({ table: z.string(), score: z.number() })),
    })
    .nullable(),
  /** When each later pipeline step last ran. */
  steps: z.array(z.object({ step: z.enum(['transform', 'quality', 'match', 'decide']), at: z.string().nullable() })),
  recentJobs: z.array(
    z.object({
      jobId: z.string(),
      source: z.enum(['odoo', 'apn']),
      scope: z.enum(['all', 'billing']),
      status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
      startedAt: z.string(),
      durationMs: count.nullable(),
      rowsWritten: count,
      error: z.string().nullable(),
    }),
  ),
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;
export type DashboardState = (typeof DASHBOARD_STATES)[number];
