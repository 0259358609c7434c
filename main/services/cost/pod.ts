/**
 * POD realized (issue 7 §4): for each ACE opportunity whose POD decision is approved (automatically or by an
 * analyst, as app/rules deriveState says), the partner-originated discount seen in billing on its AWS
 * accounts since the POD start month — the 1st of the month after the target close date — against what the
 * decision expected.
 *
 * What "expected" means: the decision records eligibility, not an amount, so the expectation is
 * expectedPct × the gross AWS spend of those accounts over the same months (default DEFAULT_POD_PCT; the
 * caller passes the partner's contracted rate). The discount is read from the marts' discount_pod bucket
 * (CUR `Discount` rows), shown positive.
 */
import { addMonths, parseMonth, roundCents } from '../../../app/cost';
import type { CostPodRealizedOutput } from '../../../app/contract/cost';
import type { Queryable } from '../../../db/types';
import { deriveState, type AnalystAction, type AutoOutcome, type DecisionEvent } from '../../../app/rules';

export const DEFAULT_POD_PCT = 0.03;

export function podStartMonth(targetCloseDate: string | null): string | null {
  const m = targetCloseDate ? parseMonth(targetCloseDate) : null;
  return m ? addMonths(m, 1) : null;
}

export async function podRealized(db: Queryable, opts: { tenant: string; expectedPct?: number | undefined }): Promise<CostPodRealizedOutput> {
  const expectedPct = opts.expectedPct ?? DEFAULT_POD_PCT;
  const current = await db.query<{ ace: string; decision_id: string; outcome: AutoOutcome; close: string | null; accounts: string[]; customer: string | null }>(
    `SELECT ace_source_id AS ace, decision_id::text, outcome, facts ->> 'target_close_date' AS close,
       ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(facts -> 'aws_account_ids') = 'array' THEN facts -> 'aws_account_ids' ELSE '[]'::jsonb END)) AS accounts,
       facts ->> 'customer_name' AS customer
     FROM ops.pod_decisions_current WHERE tenant = $1 ORDER BY ace_source_id`,
    [opts.tenant],
  );
  const events = await db.query<{ ace: string; action: AnalystAction; reason: string; actor: string; at: string; decision_id: string | null }>(
    `SELECT ace_source_id AS ace, action, reason, actor, created_at::text AS at, decision_id::text FROM ops.pod_decision_events WHERE tenant = $1 ORDER BY seq`,
    [opts.tenant],
  );
  const eventsOf = new Map<string, DecisionEvent[]>();
  for (const e of events.rows) eventsOf.set(e.ace, [...(eventsOf.get(e.ace) ?? []), { action: e.action, reason: e.reason, actor: e.actor, at: e.at, decisionId: e.decision_id }]);
  const approved = current.rows
    .map((d) => ({ aceId: d.ace, customerName: d.customer, state: deriveState(d.outcome, d.decision_id, eventsOf.get(d.ace) ?? []).state }))
    .filter((d) => d.state === 'approved' || d.state === 'auto_approve');
  if (approved.length === 0) return { currency: 'USD', tenant: opts.tenant, expectedPct, rows: [] };
  const byAce = new Map(current.rows.map((f) => [f.ace, f]));
  const pairs: { ace: string; account: string; start: string | null }[] = [];
  for (const d of approved) {
    const f = byAce.get(d.aceId);
    const start = podStartMonth(f?.close ?? null);
    for (const a of f?.accounts ?? []) pairs.push({ ace: d.aceId, account: a, start });
  }
  const sums = await db.query<{ ace: string; account: string; gross: number; pod: number; months: number }>(
    `SELECT p.ace, p.account, coalesce(sum(m.gross_cost), 0)::float8 AS gross, coalesce(-sum(m.discount_pod), 0)::float8 AS pod, count(DISTINCT m.month)::int AS months
     FROM unnest($1::text[], $2::text[], $3::text[]) AS p(ace, account, start)
     LEFT JOIN core.cost_mart_account_months m ON m.account_id = p.account AND p.start IS NOT NULL AND m.month >= (p.start || '-01')::date
     GROUP BY p.ace, p.account`,
    [pairs.map((p) => p.ace), pairs.map((p) => p.account), pairs.map((p) => p.start)],
  );
  const sumOf = new Map(sums.rows.map((s) => [`${s.ace}|${s.account}`, s]));
  const rows: CostPodRealizedOutput['rows'] = [];
  for (const d of approved) {
    const f = byAce.get(d.aceId);
    for (const a of f?.accounts ?? []) {
      const s = sumOf.get(`${d.aceId}|${a}`);
      const gross = s?.gross ?? 0;
      const realized = s?.pod ?? 0;
      const expected = gross * expectedPct;
      rows.push({
        aceId: d.aceId, customerName: f?.customer ?? d.customerName, accountId: a, state: d.state, targetCloseDate: f?.close ?? null,
        startMonth: podStartMonth(f?.close ?? null), months: s?.months ?? 0, gross: roundCents(gross), realized: roundCents(realized),
        expected: roundCents(expected), gap: roundCents(realized - expected),
      });
    }
    if ((f?.accounts ?? []).length === 0) {
      rows.push({ aceId: d.aceId, customerName: f?.customer ?? d.customerName, accountId: '', state: d.state, targetCloseDate: f?.close ?? null, startMonth: podStartMonth(f?.close ?? null), months: 0, gross: 0, realized: 0, expected: 0, gap: 0 });
    }
  }
  return { currency: 'USD', tenant: opts.tenant, expectedPct, rows };
}
