/**
 * Labelled ACE↔Odoo pairs (spec §6 gt_opportunity_pair): every positive (same deal), every same-customer
 * pair, every same-group pair, and one pair per hard-negative confuser (HN10: the AWS vendor partner).
 */
import type { AcePlan, LeadPlan, Pair } from '../model';
import type { World } from '../world';

/** Does the ACE aws_account_id (digits only, leading zero restored) name one of the entity's accounts? */
export function accountMatches(w: World, a: AcePlan): boolean {
  const raw = a.row.aws_account_id;
  if (typeof raw !== 'string') return false;
  const digits = raw.split(',')[0]?.replace(/\D/g, '') ?? '';
  const id = digits.length === 11 ? `0${digits}` : digits;
  return (w.accounts.byEntity.get(a.entityId) ?? []).some((x) => x.awsAccountId === id);
}

export function buildPairs(w: World): void {
  const leadsOf = new Map<string, LeadPlan[]>();
  for (const l of w.leads) {
    if (l.merged || l.type !== 'opportunity' || !l.entityId) continue;
    leadsOf.set(l.entityId, [...(leadsOf.get(l.entityId) ?? []), l]);
  }
  const pairs: Pair[] = [];
  const seen = new Set<string>();
  const push = (p: Pair): void => {
    const key = `${p.aceId}|${p.leadId ?? `p${p.odooPartnerId}`}`;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push(p);
  };
  // hard negatives first, so their family wins over a generic same-group label
  for (const hn of w.plan.hardNegatives) {
    const confuserAce = w.aces.find((a) => a.entityId === hn.confuserId);
    if (!confuserAce) continue;
    if (hn.family === 'HN10') {
      const vendorName = w.byId.get(hn.confuserId)?.hn?.vendorPartnerName ?? '';
      push({ aceId: confuserAce.aceId, leadId: null, odooPartnerId: w.vendorPartnerIds[vendorName] ?? null, label: 'hard_negative', family: 'HN10', accountMatchExpected: false });
      continue;
    }
    const lead = (leadsOf.get(hn.targetId ?? '') ?? [])[0];
    if (!lead) continue;
    push({ aceId: confuserAce.aceId, leadId: lead.id, odooPartnerId: null, label: hn.family === 'HN12' ? 'same_group_other_entity' : 'hard_negative', family: hn.family, accountMatchExpected: false });
  }
  const members = new Map<string, string[]>();
  for (const e of w.entities) {
    if (e.groupId !== e.entityId || w.plan.groupOf.has(e.entityId)) members.set(e.groupId, [...(members.get(e.groupId) ?? []), e.entityId]);
  }
  for (const a of w.aces) {
    const deal = a.dealId ? w.dealById.get(a.dealId) : undefined;
    const linked = deal && (deal.set === 'both' || deal.set === 'phased');
    const own = leadsOf.get(a.entityId) ?? [];
    for (const l of own) {
      if (linked && l.dealId === a.dealId) {
        push({ aceId: a.aceId, leadId: l.id, odooPartnerId: null, label: 'match', family: a.renderOps[0] ?? 'exact', accountMatchExpected: accountMatches(w, a) });
      }
    }
    for (const l of own) {
      if (!(linked && l.dealId === a.dealId)) push({ aceId: a.aceId, leadId: l.id, odooPartnerId: null, label: 'same_customer_other_deal', family: 'same_customer', accountMatchExpected: accountMatches(w, a) });
    }
    const group = w.byId.get(a.entityId)?.groupId;
    for (const other of group ? (members.get(group) ?? []) : []) {
      if (other === a.entityId) continue;
      for (const l of leadsOf.get(other) ?? []) push({ aceId: a.aceId, leadId: l.id, odooPartnerId: null, label: 'same_group_other_entity', family: 'group', accountMatchExpected: false });
    }
  }
  w.pairs = pairs;
}
