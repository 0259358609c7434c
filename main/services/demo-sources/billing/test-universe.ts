/**
 * `makeTestUniverse(params)`: a hand-shaped but realistic Universe for the billing half's tests and benchmark,
 * independent of the CRM half. Small sizes use curated names (spec Appendix D/E) and pin the edge cases the
 * self-checks need (leading-zero AWS id, a payer move, the 4,999.99 / 5,000.00 threshold entities);
 * `accounts: 660` reproduces the prod shape (3 SPP payers, 4 internal, 25 customer payers, 628 linked).
 */
import { stream } from '../rng';
import { ODOO_IDS, type AwsAccount, type BillingCustomer, type Entity, type Scale, type ServiceOrder, type Universe } from '../universe-types';
import { addDays, addMonths, historyMonths, monthOf, type Month } from './calendar';
import { serviceCatalog } from './catalog';

export type TestUniverseParams = {
  seed?: string;
  scale?: Scale;
  asOf?: string;
  historyMonths?: number;
  /** commercial customers with AWS accounts (default 20) */
  customers?: number;
  /** total AWS accounts incl. payers (default ≈ 1.9 × customers + payers) */
  accounts?: number;
  /** services-only customers (sale orders, no AWS) */
  servicesOnlyCustomers?: number;
  serviceOrders?: number;
  exactCounts?: boolean;
};

const NAMES = ['Nordlicht Logistik', 'Müller Präzisionstechnik', 'Bluepeak Analytics', 'Helios Energy Trading', 'Finwave', 'Sakura Tech', 'Ødegaard Bygg', 'Northshore Bank', 'Vantix Labs', 'Orion Systems', 'Stadtwerke Halle', 'Apex', 'Urban Fitness Berlin-Mitte', 'Greyrock Foods', 'Lumière Numérique', 'Beaulieu Assurances', 'Horizonte Sol', 'Zielona Dolina', 'Šumava Data', 'Yıldız Lojistik', 'Fjordline Reisen', 'Björkvik Skog', 'Järvinen', 'Hanbit Soft', 'Alpenblick Hotels', 'Rheintal Maschinenbau', 'Schäfer Logistik', 'Löwenherz Versicherung', 'Mistral Énergie', 'Vesuvio Alimentari'];
const COUNTRIES: readonly (readonly [string, number])[] = [['DE', 19], ['US', 18], ['GB', 9], ['AT', 5], ['CH', 5], ['FR', 5], ['NL', 4], ['ES', 3], ['IT', 3], ['SE', 3], ['IN', 3], ['PL', 2], ['DK', 2], ['NO', 2], ['JP', 2], ['AU', 1.5], ['BE', 1.5], ['IE', 1.5], ['FI', 1], ['CZ', 1], ['SG', 1], ['CA', 1]];
const INDUSTRIES: readonly (readonly [string, number])[] = [['Software and Internet', 16], ['Financial Services', 10], ['Manufacturing', 9], ['Retail', 6], ['Healthcare', 6], ['Professional Services', 6], ['Transportation and Logistics', 5], ['Media and Entertainment', 4], ['Education', 4], ['Government', 4], ['Travel', 2], ['Gaming', 1], ['Consumer Goods', 3]];
const ACCOUNT_SUFFIX = ['prod', 'dev', 'test', 'shared', 'log-archive', 'security', 'sandbox-1', 'sandbox-2', 'data', 'staging'];

function awsId(rng: ReturnType<typeof stream>, taken: Set<string>, leadingZero: boolean): string {
  for (;;) {
    let id = leadingZero ? '0' : String(rng.int(1, 9));
    for (let i = 1; i < 12; i++) id += String(rng.int(0, 9));
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function makeTestUniverse(p: TestUniverseParams = {}): Universe {
  const seed = p.seed ?? 'test-seed';
  const scale = p.scale ?? 'small';
  const asOf = p.asOf ?? '2026-06-30';
  const history = p.historyMonths ?? (scale === 'tiny' ? 12 : 36);
  const months = historyMonths(asOf, history);
  const nCustomers = p.customers ?? 20;
  const nAccounts = p.accounts ?? Math.round(nCustomers * 1.9) + (scale === 'prod' ? 7 : 3);
  const rng = stream(seed, 'test-universe');
  const taken = new Set<string>(['012345678901']);
  const sppRegions = scale === 'prod' ? (['EU', 'US', 'APJ'] as const) : (['EU'] as const);
  const sppPayers = sppRegions.map((region) => ({ awsAccountId: awsId(rng, taken, false), region }));
  const users = Array.from({ length: scale === 'prod' ? 60 : 8 }, (_, i) => ({ userId: 6 + i, partnerId: 100_000 + i, login: `user${i + 1}@partner.example`, name: `User ${i + 1}`, teamId: 1 + (i % 3) }));
  const entities: Entity[] = [];
  const customers: BillingCustomer[] = [];
  let partnerId = 7;
  const addCustomer = (i: number, withAws: boolean): BillingCustomer => {
    const crng = stream(seed, `test-customer|${i}`);
    const entityId = `E${String(i + 1).padStart(6, '0')}`;
    const base = NAMES[i % NAMES.length] as string;
    const name = i < NAMES.length ? base : `${base} ${Math.floor(i / NAMES.length) + 1}`;
    const country = i === 0 ? 'DE' : crng.weighted(COUNTRIES);
    const industry = crng.weighted(INDUSTRIES);
    const isIndividual = crng.chance(0.02);
    entities.push({
      entityId, groupId: entityId, canonicalName: `${name} GmbH`, canonicalNameLatin: `${name} GmbH`, shortName: name, acronym: null, legalForm: 'GmbH',
      countryCode: country, industry, primaryDomain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`, otherDomains: [], formerNames: [], rebrandDate: null,
      isIndividual, kind: 'customer',
    });
    const c: BillingCustomer = {
      partnerId: partnerId++, entityId, countryCode: country, vatId: isIndividual || crng.chance(0.05) ? null : `${country}${crng.int(100_000_000, 999_999_999)}`,
      isIndividual, industry, currency: crng.weighted([['EUR', 60], ['USD', 32], ['GBP', 5], ['CHF', 3]] as const),
      userId: (users[crng.int(0, users.length - 1)] as (typeof users)[number]).userId, teamId: crng.int(1, 3), aiUseCase: crng.chance(0.1) && withAws,
    };
    customers.push(c);
    return c;
  };
  const awsCustomers = Array.from({ length: nCustomers }, (_, i) => addCustomer(i, true));
  const nServicesOnly = p.servicesOnlyCustomers ?? Math.max(2, Math.round(nCustomers * 0.15));
  const servicesOnly = Array.from({ length: nServicesOnly }, (_, i) => addCustomer(nCustomers + i, false));

  const accounts: AwsAccount[] = [];
  let odooId = 1;
  const account = (a: Omit<AwsAccount, 'odooId' | 'accountEmail' | 'status'> & { status?: AwsAccount['status'] }): AwsAccount => {
    const full: AwsAccount = { ...a, odooId: odooId++, status: a.status ?? (a.offboardingDate ? 'closed' : 'active'), accountEmail: `aws+${a.name}@partner-msp.example` };
    accounts.push(full);
    return full;
  };
  const start = months[0] as Month;
  for (const p0 of sppPayers) account({ awsAccountId: p0.awsAccountId, name: `partner-payer-${p0.region.toLowerCase()}`, payerAccountId: p0.awsAccountId, isPayer: true, previousPayer: null, entityId: null, partnerId: null, leadId: null, billingMode: 'internal', onboardingDate: addDays(start, -400), offboardingDate: null, supportPlan: 'business' });
  const internalCount = scale === 'prod' ? 4 : 1;
  const euPayer = (sppPayers[0] as (typeof sppPayers)[number]).awsAccountId;
  for (let i = 0; i < internalCount; i++) account({ awsAccountId: awsId(rng, taken, false), name: `partner-internal-${i + 1}`, payerAccountId: euPayer, isPayer: false, previousPayer: null, entityId: null, partnerId: ODOO_IDS.companyPartner, leadId: null, billingMode: 'internal', onboardingDate: addDays(start, -200), offboardingDate: null, supportPlan: 'business' });
  const customerPayers = new Map<number, string>();
  const nCustomerPayers = scale === 'prod' ? 25 : Math.max(1, Math.round(nCustomers / 25));
  const linkedTarget = nAccounts - accounts.length - nCustomerPayers;
  // Accounts per customer: 1 → 78%, 2 → 12%, 3–5 → 7%, 6–20 → 2.5%, 21–60 → 0.5% (spec §4.7), rescaled to the target.
  const perCustomer = awsCustomers.map((c, i) => (i === 0 ? 3 : stream(seed, `test-accounts|${c.partnerId}`).weighted([[1, 78], [2, 12], [rng.int(3, 5), 7], [rng.int(6, 20), 2.5], [rng.int(21, 60), 0.5]] as const)));
  let total = perCustomer.reduce((s, x) => s + x, 0);
  for (let i = 0; total !== linkedTarget && i < 100_000; i++) {
    const j = i % perCustomer.length;
    const cur = perCustomer[j] ?? 1;
    if (total > linkedTarget && cur > 1) { perCustomer[j] = cur - 1; total--; }
    else if (total < linkedTarget && (i / perCustomer.length) % 3 < 1) { perCustomer[j] = cur + 1; total++; }
  }
  awsCustomers.forEach((c, i) => {
    const crng = stream(seed, `test-customer-accounts|${c.partnerId}`);
    const region = c.countryCode === 'US' || c.countryCode === 'CA' ? 'US' : ['JP', 'SG', 'AU', 'IN'].includes(c.countryCode) ? 'APJ' : 'EU';
    const spp = (sppPayers.find((s) => s.region === region) ?? sppPayers[0]) as (typeof sppPayers)[number];
    const ownsPayer = i > 0 && i % Math.max(1, Math.floor(nCustomers / nCustomerPayers)) === 3 && customerPayers.size < nCustomerPayers;
    const entity = entities[i] as Entity;
    let payer = spp.awsAccountId;
    if (ownsPayer) {
      const pid = awsId(crng, taken, false);
      customerPayers.set(c.partnerId, pid);
      account({ awsAccountId: pid, name: `${entity.shortName.toLowerCase().replace(/[^a-z0-9]+/g, '')}-payer`, payerAccountId: pid, isPayer: true, previousPayer: null, entityId: c.entityId, partnerId: c.partnerId, leadId: null, billingMode: 'direct_customer_payer', onboardingDate: addDays(start, -crng.int(30, 900)), offboardingDate: null, supportPlan: 'business' });
      payer = pid;
    }
    const n = perCustomer[i] ?? 1;
    for (let k = 0; k < n; k++) {
      const leadingZero = i === 0 && k === 0;
      const id = leadingZero ? '012345678901' : awsId(crng, taken, crng.chance(0.07));
      const onboarding = crng.chance(0.55) ? addDays(start, -crng.int(10, 700)) : addDays(start, crng.int(0, months.length * 30 - 45));
      const offboard = crng.chance(0.08) ? addDays(onboarding, crng.int(120, 900)) : null;
      const unmapped = i > 0 && crng.chance(0.04);
      const plsRoll = crng.next();
      const moved = (i === 1 && k === 0) || (i > 1 && !ownsPayer && crng.chance(0.01));
      account({
        awsAccountId: id, name: `${entity.shortName.toLowerCase().replace(/[^a-z0-9]+/g, '')}-${ACCOUNT_SUFFIX[k % ACCOUNT_SUFFIX.length]}${k >= ACCOUNT_SUFFIX.length ? `-${k}` : ''}`,
        payerAccountId: payer, isPayer: false,
        previousPayer: moved ? { payerAccountId: customerPayers.values().next().value ?? awsId(crng, taken, false), untilMonth: addMonths(start, Math.floor(months.length / 2)) } : null,
        entityId: unmapped ? null : c.entityId, partnerId: unmapped ? null : c.partnerId, leadId: null,
        billingMode: ownsPayer ? 'direct_customer_payer' : plsRoll < 0.1 ? 'partner_led_support' : 'spp_resold',
        onboardingDate: i < 4 ? addDays(start, -60) : onboarding, offboardingDate: i < 4 || (offboard && offboard > asOf) ? null : offboard,
        supportPlan: plsRoll < 0.1 ? 'partner_led' : crng.weighted([['business', 35], ['developer', 10], ['basic', 50], ['enterprise', 5]] as const),
      });
    }
  });
  let leads = 0;
  for (const a of accounts) if (a.partnerId !== null && a.billingMode !== 'internal' && leads < Math.round(accounts.length * 0.1)) { a.leadId = 1000 + leads; leads++; }

  const spendEvents = awsCustomers.filter((_, i) => i > 4 && stream(seed, `test-event|${i}`).chance(0.25)).map((c) => {
    const r = stream(seed, `test-event-date|${c.partnerId}`);
    return { entityId: c.entityId, kind: r.chance(0.7) ? ('migration' as const) : ('other' as const), closeDate: addDays(start, r.int(30, months.length * 30 - 90)) };
  });
  const creditGrants = accounts.filter((a) => a.partnerId !== null && a.billingMode === 'spp_resold' && stream(seed, `test-grant|${a.awsAccountId}`).chance(0.08)).map((a) => {
    const r = stream(seed, `test-grant-amount|${a.awsAccountId}`);
    return { awsAccountId: a.awsAccountId, amountUsd: Math.round(r.uniform(2000, 40000)), startMonth: monthOf(addDays(start, r.int(0, months.length * 30 - 60))), months: 12, source: `FR-${String(r.int(1, 9_999_999_999)).padStart(10, '0')}` };
  });
  const catalog = serviceCatalog();
  const orderCount = p.serviceOrders ?? Math.round((nCustomers + nServicesOnly) * (scale === 'prod' ? 3.8 : 2.2));
  const buyers = [...awsCustomers, ...servicesOnly];
  const serviceOrders: ServiceOrder[] = Array.from({ length: orderCount }, (_, i) => {
    const r = stream(seed, `test-order|${i}`);
    const buyer = buyers[i < servicesOnly.length ? awsCustomers.length + i : r.int(0, buyers.length - 1)] as BillingCustomer;
    const kind = r.weighted([['time_and_materials', 45], ['fixed_fee', 30], ['subscription', 25]] as const);
    const kinds = kind === 'time_and_materials' ? ['tm'] : kind === 'fixed_fee' ? ['map_fixed'] : ['managed', 'admin_fee'];
    const pool = catalog.filter((s) => kinds.includes(s.kind));
    const nLines = r.int(1, Math.min(5, pool.length + 1));
    const lines = Array.from({ length: nLines }, () => {
      const prod = r.pick(pool);
      return { productId: prod.productId, amountEur: Math.round(r.lognormal(Math.log(kind === 'subscription' ? 18_000 : 12_000), 0.8)), description: prod.name };
    });
    return { saleOrderId: i + 1, name: `S${String(i + 1).padStart(5, '0')}`, partnerId: buyer.partnerId, confirmedDate: addDays(start, r.int(-60, months.length * 30 - 20)), kind, lines };
  }).filter((o) => o.confirmedDate <= asOf);

  const targetsFrom = awsCustomers.slice(2, 8);
  const spendTargets: Universe['spendTargets'] = [
    { entityId: (targetsFrom[0] as BillingCustomer).entityId, target: 'force-4999.99' },
    { entityId: (targetsFrom[1] as BillingCustomer).entityId, target: 'force-5000.00' },
    { entityId: (targetsFrom[2] as BillingCustomer).entityId, target: 'near-threshold' },
    { entityId: (targetsFrom[3] as BillingCustomer).entityId, target: 'gross-over-net-under' },
  ];
  for (const c of awsCustomers.slice(8)) if (stream(seed, `test-target|${c.partnerId}`).chance(0.04)) spendTargets.push({ entityId: c.entityId, target: 'near-threshold' });
  return {
    params: { seed, scale, asOf, historyMonths: history, companyCurrency: 'EUR', exactCounts: p.exactCounts ?? scale === 'prod' },
    entities, customers, accounts, sppPayers, spendEvents, creditGrants, users,
    awsVendorPartnerIds: { 'Amazon Web Services EMEA SARL': 3, 'Amazon Web Services, Inc.': 4, 'Amazon Internet Services Private Limited': 5 },
    serviceOrders, companyId: ODOO_IDS.company, spendTargets,
  };
}
