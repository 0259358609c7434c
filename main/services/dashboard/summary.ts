/**
 * dashboard:summary: decisions by state, the automatic share, value at stake, source freshness, the latest
 * data-quality score, when each step last ran and recent sync jobs — from one warehouse, for one tenant.
 * Decision states are derived exactly as decision:list derives them (app/rules/state.ts over the events).
 */
import type { DashboardState, DashboardSummary } from '../../../app/contract';
import { DASHBOARD_STATES } from '../../../app/contract';
import type { AutoOutcome, DecisionEvent } from '../../../app/rules';
import { deriveState } from '../../../app/rules';
import { readBudgets, readFreshness, readLatestQuality, readStepTimes } from '../../../db/queries/dashboard';
import { listCurrentDecisions, readEvents } from '../../../db/queries/decide';
import { listJobs } from '../../../db/queries/sync';
import type { Queryable } from '../../../db/types';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const day = (d: Date) => d.toISOString().slice(0, 10);
const round2 = (n: number) => Math.round(n * 100) / 100;

async function decisionsAndValue(db: Queryable, tenant: string): Promise<Pick<DashboardSummary, 'decisions' | 'valueAtStake'>> {
  const rows = await listCurrentDecisions(db, tenant);
  const events = new Map<string, DecisionEvent[]>();
  for (const e of await readEvents(db, tenant, null)) {
    const list = events.get(e.ace_source_id) ?? [];
    list.push({ action: e.action as DecisionEvent['action'], reason: e.reason, actor: e.actor, at: e.created_at.toISOString(), decisionId: e.decision_id });
    events.set(e.ace_source_id, list);
  }
  const budgets = new Map((await readBudgets(db)).map((b) => [b.source_id, b]));
  const byState = Object.fromEntries(DASHBOARD_STATES.map((s) => [s, 0])) as Record<DashboardState, number>;
  const currencies = new Map<string, number>();
  let autoDecided = 0;
  let eligible = 0;
  let eligibleCount = 0;
  let inReview = 0;
  let inReviewCount = 0;
  let withoutValue = 0;
  let asOf: Date | null = null;
  let decidedAt: Date | null = null;
  for (const r of rows) {
    const s = deriveState(r.outcome as AutoOutcome, r.decision_id, events.get(r.ace_source_id) ?? []);
    byState[s.state] += 1;
    if (s.by === 'rules' && s.state !== 'needs_review') autoDecided += 1;
    if (!asOf || r.as_of > asOf) asOf = r.as_of;
    if (!decidedAt || r.decided_at > decidedAt) decidedAt = r.decided_at;
    const eligibleNow = s.state === 'auto_approve' || s.state === 'approved';
    if (!eligibleNow && s.state !== 'needs_review') continue;
    const b = budgets.get(r.ace_source_id);
    const value = b?.project_budget === null || b?.project_budget === undefined ? null : Number(b.project_budget);
    if (value === null || !Number.isFinite(value)) {
      withoutValue += 1;
      continue;
    }
    if (b?.currency) currencies.set(b.currency, (currencies.get(b.currency) ?? 0) + 1);
    if (eligibleNow) {
      eligible += value;
      eligibleCount += 1;
    } else {
      inReview += value;
      inReviewCount += 1;
    }
  }
  const currency = [...currencies.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'USD';
  return {
    decisions: { total: rows.length, byState, autoDecided, autoShare: rows.length ? autoDecided / rows.length : null, asOf: asOf ? day(asOf) : null, decidedAt: iso(decidedAt) },
    valueAtStake: { eligible: round2(eligible), eligibleCount, inReview: round2(inReview), inReviewCount, withoutValue, currency },
  };
}

export async function dashboardSummary(db: Queryable, tenant: string): Promise<DashboardSummary> {
  const { decisions, valueAtStake } = await decisionsAndValue(db, tenant);
  const freshness = (await readFreshness(db)).map((f) => ({
    source: f.source as 'odoo' | 'apn',
    lastSuccessAt: iso(f.last_success_at),
    lastStatus: f.last_status as DashboardSummary['freshness'][number]['lastStatus'],
    lastError: f.last_error,
    rows: Number(f.rows),
  }));
  const q = await readLatestQuality(db);
  const quality = q
    ? {
        score: q.overall_score === null ? null : Number(q.overall_score),
        at: (q.finished_at ?? q.started_at).toISOString(),
        checksRun: q.checks_run,
        checksFailed: q.checks_failed,
        tables: Object.entries(q.table_scores).map(([table, score]) => ({ table, score: Number(score) })).sort((a, b) => a.table.localeCompare(b.table)),
      }
    : null;
  const t = await readStepTimes(db);
  const steps = (['transform', 'quality', 'match', 'decide'] as const).map((step) => ({ step, at: iso(t[step]) }));
  const recentJobs = (await listJobs(db, 8)).map((j) => ({
    jobId: j.job_id,
    source: j.source_system as 'odoo' | 'apn',
    scope: j.scope as 'all' | 'billing',
    status: j.status as DashboardSummary['recentJobs'][number]['status'],
    startedAt: j.started_at.toISOString(),
    durationMs: j.duration_ms,
    rowsWritten: j.records_inserted + j.records_updated + j.records_deleted,
    error: j.error_message,
  }));
  return { tenant, decisions, valueAtStake, freshness, quality, steps, recentJobs };
}
