/**
 * Ground-truth rows (spec §6) derived from the plan objects — never re-read from the source databases —
 * plus the billing half's facts (prior-month spend for gt_pod_expected, anomalies for gt_billing_anomaly).
 */
import type { BillingFacts } from '../universe-types';
import type { Row } from '../model';
import { tsTz } from '../dates';
import { podRows } from '../universe/pod';
import type { World } from '../world';
import { TRUTH_SCHEMA } from './schema';

export function truthRows(w: World, facts: BillingFacts): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  const put = (table: string, rows: Row[]): void => void out.set(`${TRUTH_SCHEMA}.${table}`, rows);
  put('gt_run', [
    { key: 'seed', value: w.params.seed }, { key: 'scale', value: w.params.scale }, { key: 'as_of', value: w.params.asOf },
    { key: 'history_months', value: String(w.params.historyMonths) }, { key: 'mode', value: 'snapshot' },
  ].sort((a, b) => (a.key < b.key ? -1 : 1)));
  put('gt_entity', w.entities.map((e) => ({
    entity_id: e.entityId, group_id: e.groupId, canonical_name: e.canonicalName, canonical_name_latin: e.canonicalNameLatin, short_name: e.shortName,
    acronym: e.acronym, legal_form: e.legalForm || null, country_code: e.countryCode, industry: e.industry, primary_domain: e.primaryDomain,
    other_domains: e.otherDomains, former_names: e.formerNames, rebrand_date: e.rebrandDate, is_individual: e.isIndividual, kind: e.kind,
  })));
  const aliases: Row[] = [];
  const seen = new Set<string>();
  const alias = (entity_id: string, value: string | null, kind: string): void => {
    if (!value) return;
    const k = `${entity_id}|${value}|${kind}`;
    if (seen.has(k)) return;
    seen.add(k);
    aliases.push({ entity_id, alias: value, kind });
  };
  for (const e of w.entities) {
    alias(e.entityId, e.canonicalName, 'legal');
    alias(e.entityId, e.shortName, 'short');
    alias(e.entityId, e.acronym, 'acronym');
    for (const f of e.formerNames) alias(e.entityId, f, 'former');
    if (e.template === 'script') {
      alias(e.entityId, e.canonicalName, 'local_script');
      alias(e.entityId, e.canonicalNameLatin, 'romanized');
    }
    alias(e.entityId, e.tradingName, 'trading');
  }
  aliases.sort((a, b) => (a.entity_id as string).localeCompare(b.entity_id as string) || (a.alias as string).localeCompare(b.alias as string) || (a.kind as string).localeCompare(b.kind as string));
  put('gt_entity_alias', aliases);
  put('gt_odoo_partner', [...w.partnerRole.entries()].sort((a, b) => a[0] - b[0]).map(([partner_id, r]) => ({ partner_id, entity_id: r.entityId, role: r.role, is_canonical: r.canonical })));
  put('gt_ace_end_user', (w.rows.get('apn_end_user') ?? []).map((r) => ({ end_user_id: r.id, entity_id: endUserEntity(w, r.id as number) })));
  put('gt_aws_account', [...w.accounts.accounts].sort((a, b) => (a.awsAccountId < b.awsAccountId ? -1 : 1)).map((a) => ({
    aws_account_id: a.awsAccountId, entity_id: w.accounts.ownerOf.get(a.awsAccountId) ?? null, payer_account_id: a.payerAccountId, billing_mode: a.billingMode,
  })));
  put('gt_deal', w.deals.map((d) => ({
    deal_id: d.dealId, entity_id: d.entityId, workload: d.workload, use_case: d.useCase, origin: d.origin, created_at: tsTz(d.createdAt),
    true_close_date: new Date(d.closeAt).toISOString().slice(0, 10), outcome: d.outcome, rendering: d.set,
  })));
  put('gt_crm_lead', [...w.leads].sort((a, b) => a.id - b.id).map((l) => ({ lead_id: l.id, deal_id: l.dealId, entity_id: l.entityId, render_ops: l.renderOps, merged_into: l.merged ? l.mergedInto : null })));
  put('gt_ace_opportunity', [...w.aces].sort((a, b) => (a.aceId < b.aceId ? -1 : 1)).map((a) => ({ ace_id: a.aceId, deal_id: a.dealId, entity_id: a.entityId, render_ops: a.renderOps, difficulty: a.difficulty })));
  put('gt_opportunity_pair', w.pairs.map((p, i) => ({ pair_id: i + 1, ace_id: p.aceId, lead_id: p.leadId, odoo_partner_id: p.odooPartnerId, label: p.label, family: p.family, account_match_expected: p.accountMatchExpected })));
  put('gt_pod_expected', podRows(w, facts).sort((a, b) => (a.ace_id < b.ace_id ? -1 : 1)));
  put('gt_billing_anomaly', facts.anomalies.map((a, i) => ({ anomaly_id: i + 1, kind: a.kind, bill_id: a.billId, move_id: a.moveId, aws_account_id: a.awsAccountId, period: a.period, detail: a.detail })));
  put('gt_deleted', []);
  return out;
}

function endUserEntity(w: World, endUserId: number): string {
  const a = w.aces.find((x) => x.endUserId === endUserId);
  if (!a) throw new Error(`apn_end_user ${endUserId} has no opportunity`);
  return a.entityId;
}
