/**
 * The `Universe` handed to the billing half (universe-types.ts): billing customers, accounts, SPP payers,
 * spend events of won deals, credit grants, users, vendor partners, service orders and the POD
 * threshold cohort (spec §5.2) chosen among entities whose open ACE opportunity passes every other rule.
 */
import { stream } from '../rng';
import { ODOO_IDS, type BillingCustomer, type BillingFacts, type CreditGrant, type ServiceOrder, type Universe } from '../universe-types';
import { EU } from '../reference/countries';
import { podRows, priorMonth } from './pod';
import type { World } from '../world';

function currencyFor(countryCode: string, u: number): BillingCustomer['currency'] {
  if (countryCode === 'GB') return 'GBP';
  if (countryCode === 'CH') return u < 0.7 ? 'CHF' : 'EUR';
  if (EU.has(countryCode)) return u < 0.85 ? 'EUR' : 'USD';
  return 'USD';
}

export function billingCustomers(w: World, orders: readonly ServiceOrder[]): BillingCustomer[] {
  const ids = new Set<number>();
  for (const a of w.accounts.accounts) if (a.partnerId !== null && a.partnerId !== ODOO_IDS.companyPartner && a.entityId) ids.add(a.partnerId);
  for (const o of orders) ids.add(o.partnerId);
  const partnerRows = new Map((w.rows.get('res_partner') ?? []).map((r) => [r.id as number, r]));
  const aiEntities = new Set(w.deals.filter((d) => d.ai).map((d) => d.entityId));
  return [...ids].sort((a, b) => a - b).map((partnerId) => {
    const role = w.partnerRole.get(partnerId);
    const e = role?.entityId ? w.byId.get(role.entityId) : undefined;
    if (!e) throw new Error(`billing customer partner ${partnerId} has no entity`);
    const row = partnerRows.get(partnerId);
    const vat = typeof row?.vat === 'string' && row.vat !== '/' ? row.vat : null;
    const am = w.amOf.get(e.entityId) ?? { userId: ODOO_IDS.adminUser, teamId: w.teamIds[0] ?? 1 };
    return {
      partnerId, entityId: e.entityId, countryCode: e.countryCode, vatId: vat, isIndividual: e.isIndividual, industry: e.industry,
      currency: currencyFor(e.countryCode, stream(w.seed, `customer|currency|${partnerId}`).next()), userId: am.userId, teamId: am.teamId,
      aiUseCase: aiEntities.has(e.entityId),
    };
  });
}

function spendTargets(w: World): Universe['spendTargets'] {
  const prior = Date.parse(`${priorMonth(w)}T00:00:00Z`);
  const usable = (entityId: string): boolean =>
    (w.accounts.byEntity.get(entityId) ?? []).some((a) => a.entityId && !a.isPayer && a.status === 'active' && Date.parse(`${a.onboardingDate}T00:00:00Z`) < prior - 90 * 86_400_000);
  const zero: BillingFacts = { priorMonthSpend: new Map(w.entities.map((e) => [e.entityId, { grossUsd: 0, netUsd: 0 }])), anomalies: [] };
  const rank = (id: string): number => stream(w.seed, `spend-target|${id}`).next();
  const eligible = [...new Set(podRows(w, zero).filter((r) => r.expected_eligible).map((r) => r.entity_id))].filter(usable).sort((a, b) => rank(a) - rank(b));
  if (eligible.length < 2) throw new Error(`only ${eligible.length} entities can hold the POD threshold edge cases 4,999.99 / 5,000.00 (need 2)`);
  const out: Universe['spendTargets'] = [
    { entityId: eligible[0] as string, target: 'force-4999.99' },
    { entityId: eligible[1] as string, target: 'force-5000.00' },
  ];
  const taken = new Set(out.map((t) => t.entityId));
  const openEntities = [...new Set(w.aces.filter((a) => a.open).map((a) => a.entityId))].filter((id) => usable(id) && !taken.has(id)).sort((a, b) => rank(a) - rank(b));
  const netUnder = eligible[2] ?? openEntities.shift();
  if (!netUnder) throw new Error('no entity can hold the gross ≥ 5,000 / net < 5,000 edge case');
  out.push({ entityId: netUnder, target: 'gross-over-net-under' });
  taken.add(netUnder);
  const more = Math.round(openEntities.length * 0.04);
  for (const id of openEntities.slice(0, more)) out.push({ entityId: id, target: 'near-threshold' });
  const extraNetUnder = Math.max(0, Math.round(eligible.length * 0.01) - 1);
  for (const id of eligible.slice(3, 3 + extraNetUnder)) if (!out.some((t) => t.entityId === id)) out.push({ entityId: id, target: 'gross-over-net-under' });
  return out;
}

/**
 * Promotional credits (Activate/POC, $1k–$100k, 12 months; spec §5.4) on ~20% of resold customer accounts (with FR credits ≈ the 9% of account-months with Credit rows of §5.4),
 * besides the funding-request credits; at least one at every scale.
 */
export function promoGrants(w: World): CreditGrant[] {
  const months = Math.round((w.clock.asOf - w.clock.historyStart) / (30.44 * 86_400_000));
  const eligible = w.accounts.accounts.filter((a) => !a.isPayer && a.entityId && a.partnerId && a.billingMode === 'spp_resold' && a.status !== 'closed');
  const out: CreditGrant[] = [];
  for (const a of eligible) {
    const rng = stream(w.seed, `promo|${a.awsAccountId}`);
    if (!rng.chance(0.2) && !(out.length === 0 && a === eligible[eligible.length - 1])) continue;
    const onboard = Date.parse(`${a.onboardingDate}T00:00:00Z`);
    const start = Math.max(onboard, w.clock.historyStart) + rng.int(0, Math.max(1, months - 2)) * 30 * 86_400_000;
    if (start > w.clock.asOf) continue;
    const amount = Math.round(Math.min(100_000, Math.max(1_000, rng.lognormal(Math.log(5_000), 1))));
    out.push({ awsAccountId: a.awsAccountId, amountUsd: amount, startMonth: new Date(start).toISOString().slice(0, 8) + '01', months: 12, source: 'promo' });
  }
  return out;
}

export function toUniverse(w: World, orders: ServiceOrder[], grants: CreditGrant[]): Universe {
  const awsCustomers = new Set(w.accounts.byEntity.keys());
  const spendEvents = w.deals
    .filter((d) => d.outcome === 'won' && awsCustomers.has(d.entityId) && (d.set === 'both' || d.set === 'phased' || d.set === 'odoo_only'))
    .map((d) => ({ entityId: d.entityId, kind: d.migration ? ('migration' as const) : ('other' as const), closeDate: new Date(d.closeAt).toISOString().slice(0, 10) }))
    .sort((a, b) => (a.closeDate < b.closeDate ? -1 : a.closeDate > b.closeDate ? 1 : a.entityId < b.entityId ? -1 : 1));
  const aws: Record<string, number> = {};
  for (const name of ['Amazon Web Services EMEA SARL', 'Amazon Web Services, Inc.', 'Amazon Internet Services Private Limited']) {
    const id = w.vendorPartnerIds[name];
    if (id === undefined) throw new Error(`vendor partner ${name} missing`);
    aws[name] = id;
  }
  return {
    params: w.params,
    entities: w.entities,
    customers: billingCustomers(w, orders),
    accounts: w.accounts.accounts,
    sppPayers: w.accounts.sppPayers,
    spendEvents,
    creditGrants: [...grants, ...promoGrants(w)].sort((a, b) => (a.startMonth < b.startMonth ? -1 : a.startMonth > b.startMonth ? 1 : a.awsAccountId < b.awsAccountId ? -1 : 1)),
    users: w.users.map(({ userId, partnerId, login, name, teamId }) => ({ userId, partnerId, login, name, teamId })),
    awsVendorPartnerIds: aws,
    serviceOrders: orders,
    companyId: ODOO_IDS.company,
    spendTargets: spendTargets(w),
  };
}
