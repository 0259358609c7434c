/**
 * Expected POD decisions (spec §6 default definitions) for every ACE opportunity not Launched/Closed Lost:
 * partner originated ⇔ ownership normalises to Partner Referral; spend rule = prior-month gross known and
 * < 5,000.00 USD (entity level); close rule = 0 ≤ target − asOf ≤ 90 days; competing = other open ACE opps
 * of the entity with target close within ±180 days → must be 0; a `match` pair must exist.
 */
import type { BillingFacts } from '../universe-types';
import type { AcePlan } from '../model';
import { daysBetween, monthStart, addMonths } from '../dates';
import type { World } from '../world';

export type PodRow = {
  ace_id: string; partner_originated: boolean; entity_id: string; linked_lead_id: number | null; prior_month: string;
  prior_month_gross_usd: string | null; prior_month_net_usd: string | null; spend_known: boolean; spend_rule_pass: boolean;
  days_to_target_close: number | null; close_rule_pass: boolean; competing_open_opps: number; competing_rule_pass: boolean;
  expected_eligible: boolean; reason_codes: string[];
};

export function normalisedOwnership(raw: unknown): 'Partner Referral' | 'AWS Referral' | null {
  const s = String(raw ?? '').trim().toLowerCase();
  if (s === 'partner referral' || s === 'partner originated') return 'Partner Referral';
  if (s === 'aws referral' || s === 'aws originated') return 'AWS Referral';
  return null;
}

export function priorMonth(w: World): string {
  return monthStart(addMonths(Date.parse(`${monthStart(w.clock.asOf)}T00:00:00Z`), -1));
}

export function podRows(w: World, facts: BillingFacts): PodRow[] {
  const openByEntity = new Map<string, AcePlan[]>();
  for (const a of w.aces) if (a.open) openByEntity.set(a.entityId, [...(openByEntity.get(a.entityId) ?? []), a]);
  const matchLead = new Map<string, number>();
  for (const p of w.pairs) if (p.label === 'match' && p.leadId !== null && !matchLead.has(p.aceId)) matchLead.set(p.aceId, p.leadId);
  const prior = priorMonth(w);
  const out: PodRow[] = [];
  for (const a of w.aces) {
    if (a.life.stage === 'Launched' || a.life.stage === 'Closed Lost') continue;
    const reasons: string[] = [];
    const po = normalisedOwnership(a.row.opportunity_ownership) === 'Partner Referral';
    if (!po) reasons.push('not_partner_originated');
    if (!a.open) reasons.push('not_open');
    const spend = facts.priorMonthSpend.get(a.entityId);
    const spendPass = spend !== undefined && spend.grossUsd < 5000;
    if (!spend) reasons.push('spend_unknown');
    else if (!spendPass) reasons.push('spend_over_threshold');
    const target = typeof a.row.target_close_date === 'string' ? Date.parse(`${a.row.target_close_date}T00:00:00Z`) : null;
    const days = target === null ? null : daysBetween(w.clock.asOf, target);
    const closePass = days !== null && days >= 0 && days <= 90;
    if (days === null) reasons.push('close_date_missing');
    else if (!closePass) reasons.push('close_outside_window');
    const competing = (openByEntity.get(a.entityId) ?? []).filter((o) => {
      if (o === a) return false;
      const t = typeof o.row.target_close_date === 'string' ? Date.parse(`${o.row.target_close_date}T00:00:00Z`) : null;
      return target !== null && t !== null && Math.abs(daysBetween(target, t)) <= 180;
    }).length;
    if (competing > 0) reasons.push('competing_opportunities');
    const lead = matchLead.get(a.aceId) ?? null;
    if (lead === null) reasons.push('no_crm_match');
    out.push({
      ace_id: a.aceId, partner_originated: po, entity_id: a.entityId, linked_lead_id: lead, prior_month: prior,
      prior_month_gross_usd: spend ? spend.grossUsd.toFixed(2) : null, prior_month_net_usd: spend ? spend.netUsd.toFixed(2) : null,
      spend_known: spend !== undefined, spend_rule_pass: spendPass, days_to_target_close: days, close_rule_pass: closePass,
      competing_open_opps: competing, competing_rule_pass: competing === 0, expected_eligible: reasons.length === 0, reason_codes: reasons,
    });
  }
  return out;
}
