/**
 * AWS accounts (spec §4.7): partner SPP payers, partner-internal accounts, customer-owned payers and
 * linked accounts under the partner payers. Ids are 12-digit strings, 6–8% with a leading zero.
 * Invariant: `lead_id` is resolved after crm_lead ids exist (`leadDealOf` keeps the deal per account).
 */
import { stream, type Rng } from '../rng';
import type { AwsAccount } from '../universe-types';
import { ODOO_IDS } from '../universe-types';
import type { Deal, EntityRec } from '../model';
import type { ScaleConfig } from '../scale';
import { addDays, isoDate, monthStart, addMonths, type Clock } from '../dates';
import { slug } from '../text/translit';
import { PARTNER_SELF } from './vendors';

export type Region = 'EU' | 'US' | 'APJ';

export type AccountPlan = {
  accounts: AwsAccount[];
  sppPayers: { awsAccountId: string; region: Region }[];
  /** account odooId → deal whose Odoo lead becomes c_aws_accounts.lead_id */
  leadDealOf: Map<number, string>;
  /** AWS customer entity → its accounts (mapped or not: the truth) */
  byEntity: Map<string, AwsAccount[]>;
  /** true owner of every account (including unmapped ones) */
  ownerOf: Map<string, string | null>;
};

export type AccountFixture = { entityId: string; ids: string[] };

export function regionOf(countryCode: string): Region {
  if (countryCode === 'US' || countryCode === 'CA' || countryCode === 'MX' || countryCode === 'BR') return 'US';
  if (['JP', 'SG', 'AU', 'IN', 'CN', 'KR', 'VN'].includes(countryCode)) return 'APJ';
  return 'EU';
}

function newId(rng: Rng, taken: Set<string>, leadingZero: boolean): string {
  for (;;) {
    let id = leadingZero ? '0' : String(rng.int(1, 9));
    for (let i = 1; i < 12; i++) id += String(rng.int(0, 9));
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** Swap two different adjacent digits near the end ('…9012' → '…9021'): HN8 near-collision. */
export function transposeId(id: string, taken: Set<string>): string {
  for (let i = id.length - 2; i >= 1; i--) {
    if (id[i] !== id[i + 1]) {
      const t = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
      if (!taken.has(t)) {
        taken.add(t);
        return t;
      }
    }
  }
  throw new Error(`cannot transpose AWS id ${id}`);
}

const SUFFIXES = ['prod', 'dev', 'test', 'shared', 'log-archive', 'security'];

function accountCount(rng: Rng): number {
  const b = rng.weighted([[1, 78], [2, 12], [3, 7], [6, 2.5], [21, 0.5]] as const);
  return b === 1 || b === 2 ? b : b === 3 ? rng.int(3, 5) : b === 6 ? rng.int(6, 20) : rng.int(21, 60);
}

export function planAccounts(
  seed: string, cfg: ScaleConfig, clock: Clock, entities: readonly EntityRec[], deals: readonly Deal[], fixtures: readonly AccountFixture[],
): AccountPlan {
  const rng = stream(seed, 'accounts|plan');
  const taken = new Set<string>(fixtures.flatMap((f) => f.ids));
  const regions: Region[] = cfg.accounts.sppPayers >= 3 ? ['EU', 'US', 'APJ'] : ['EU'];
  const sppPayers = regions.map((region) => ({ awsAccountId: newId(rng, taken, false), region }));
  const euPayer = (sppPayers[0] as { awsAccountId: string }).awsAccountId;
  const accounts: AwsAccount[] = [];
  const leadDealOf = new Map<number, string>();
  const byEntity = new Map<string, AwsAccount[]>();
  const ownerOf = new Map<string, string | null>();
  const self = entities.find((e) => e.kind === 'partner_self');
  const historyMonths = Math.round((clock.asOf - clock.historyStart) / (30.44 * 86_400_000)) + 1;
  const add = (a: Omit<AwsAccount, 'odooId'>, owner: string | null): AwsAccount => {
    const full = { ...a, odooId: accounts.length + 1 };
    accounts.push(full);
    ownerOf.set(full.awsAccountId, owner);
    if (owner && owner !== self?.entityId) byEntity.set(owner, [...(byEntity.get(owner) ?? []), full]);
    return full;
  };
  for (const p of sppPayers) {
    add({ awsAccountId: p.awsAccountId, name: `nordwolke-spp-payer-${p.region.toLowerCase()}`, payerAccountId: p.awsAccountId, isPayer: true, previousPayer: null,
      entityId: null, partnerId: null, leadId: null, billingMode: 'internal', status: 'active', onboardingDate: isoDate(addDays(clock.historyStart, -900)),
      offboardingDate: null, supportPlan: 'business', accountEmail: `aws-payer-${p.region.toLowerCase()}@${PARTNER_SELF.domain}` }, self?.entityId ?? null);
  }
  for (let i = 0; i < cfg.accounts.internal; i++) {
    const name = ['nordwolke-internal-tools', 'nordwolke-demo', 'nordwolke-training', 'nordwolke-sandbox'][i] ?? `nordwolke-internal-${i + 1}`;
    add({ awsAccountId: newId(rng, taken, rng.chance(0.07)), name, payerAccountId: euPayer, isPayer: false, previousPayer: null, entityId: null,
      partnerId: ODOO_IDS.companyPartner, leadId: null, billingMode: 'internal', status: 'active', onboardingDate: isoDate(addDays(clock.historyStart, -400)),
      offboardingDate: null, supportPlan: 'business', accountEmail: `aws+${name}@${PARTNER_SELF.domain}` }, self?.entityId ?? null);
  }

  // Which customers buy AWS through us: forced ones first, then weighted by the deals that make AWS spend likely.
  const score = new Map<string, number>();
  for (const d of deals) {
    if (d.set === 'ace_absent' || d.set === 'ace_in_odoo') continue;
    const w = d.outcome === 'open' && d.origin === 'Partner Referral' ? 12 : d.outcome === 'won' && d.migration ? 5 : d.outcome !== 'lost' ? 2 : 0.5;
    score.set(d.entityId, (score.get(d.entityId) ?? 1) + w);
  }
  const fixed = new Set(fixtures.map((f) => f.entityId));
  const candidates = entities.filter((e) => e.kind === 'customer' && e.pool === 'odoo' && !fixed.has(e.entityId));
  const forcedFirst = candidates.filter((e) => e.needsAws);
  const ranked = candidates
    .filter((e) => !e.needsAws)
    .map((e) => ({ e, key: -Math.log(1 - stream(seed, `accounts|rank|${e.entityId}`).next()) / (score.get(e.entityId) ?? 1) }))
    .sort((a, b) => a.key - b.key || (a.e.entityId < b.e.entityId ? -1 : 1))
    .map((x) => x.e);
  const linkedTarget = cfg.accounts.total - accounts.length - cfg.accounts.customerPayers;
  const hn8 = entities.filter((e) => e.hn?.family === 'HN8');
  const owners: { e: EntityRec; n: number; ids: string[] }[] = fixtures.map((f) => ({ e: entities.find((x) => x.entityId === f.entityId) as EntityRec, n: f.ids.length, ids: f.ids }));
  // ≈ 1.93 linked accounts per AWS customer (spec §4.7: 628 accounts ↔ ≈ 325 customers); heavy tail kept.
  const fixedTotal = owners.reduce((s, o) => s + o.n, 0) + hn8.length;
  // tiny (9 linked accounts, ≈ 110 bills over 12 months): one account per customer, like the spec's fixture
  const perCustomer = cfg.accounts.total <= 12 ? 1 : 1.93;
  const customerCount = Math.max(1, Math.round(linkedTarget / perCustomer) - owners.length - hn8.length);
  const picked = [...forcedFirst, ...ranked].slice(0, customerCount);
  const wants = picked.map((e) => accountCount(stream(seed, `accounts|count|${e.entityId}`)));
  const room = linkedTarget - fixedTotal;
  let sum = wants.reduce((s, x) => s + x, 0);
  // Rescale to the exact total: trim the largest first, pad round-robin (each customer keeps ≥ 1).
  while (sum > room) {
    const i = wants.indexOf(Math.max(...wants));
    if ((wants[i] ?? 1) <= 1) break;
    wants[i] = (wants[i] ?? 1) - 1;
    sum--;
  }
  for (let i = 0; sum < room && wants.length > 0; i = (i + 1) % wants.length) {
    wants[i] = (wants[i] ?? 1) + 1;
    sum++;
  }
  picked.forEach((e, i) => owners.push({ e, n: wants[i] ?? 1, ids: [] }));
  const movers = Math.max(1, Math.round(linkedTarget * 0.01));
  const customerPayerOwners = [...owners.slice(fixtures.length, fixtures.length + Math.min(movers, cfg.accounts.customerPayers)).map((o) => o.e)];
  for (const e of ranked) {
    if (customerPayerOwners.length >= cfg.accounts.customerPayers) break;
    if (!owners.some((o) => o.e === e) && !customerPayerOwners.includes(e)) customerPayerOwners.push(e);
  }
  const customerPayerOf = new Map<string, AwsAccount>();
  for (const e of customerPayerOwners) {
    const r = stream(seed, `accounts|payer|${e.entityId}`);
    const alias = slug(e.shortName).slice(0, 20) || 'customer';
    customerPayerOf.set(e.entityId, add({ awsAccountId: newId(r, taken, r.chance(0.07)), name: `${alias}-payer`, payerAccountId: '', isPayer: true, previousPayer: null,
      entityId: e.entityId, partnerId: null, leadId: null, billingMode: 'direct_customer_payer', status: 'active',
      onboardingDate: isoDate(addDays(clock.historyStart, -r.int(30, 900))), offboardingDate: null, supportPlan: 'business',
      accountEmail: `aws-root@${e.primaryDomain ?? `${alias}.example`}` }, e.entityId));
  }
  for (const a of customerPayerOf.values()) a.payerAccountId = a.awsAccountId;

  let moved = 0;
  let zeroDone = [...taken].some((x) => x.startsWith('0'));
  const linked = (o: { e: EntityRec; n: number; ids: string[] }): void => {
    const e = o.e;
    const r = stream(seed, `accounts|entity|${e.entityId}`);
    const payer = sppPayers.find((p) => p.region === regionOf(e.countryCode)) ?? (sppPayers[0] as (typeof sppPayers)[number]);
    const alias = slug(e.shortName).slice(0, 20) || 'customer';
    const own = customerPayerOf.get(e.entityId);
    for (let k = 0; k < o.n; k++) {
      // the edge case 'AWS id with a leading 0' must exist at every scale (spec §7)
      const forceZero = !zeroDone && k === 0 && o.ids.length === 0;
      if (forceZero) zeroDone = true;
      const id = o.ids[k] ?? newId(r, taken, forceZero || r.chance(0.07));
      const suffix = k < SUFFIXES.length ? SUFFIXES[k] : `sandbox-${k - SUFFIXES.length + 1}`;
      const isMover = own !== undefined && k === 0 && moved < movers;
      const robust = o.ids.length > 0 || e.needsAws || isMover;
      const onboarding = isMover ? addDays(clock.historyStart, -r.int(30, 300)) : robust ? addDays(clock.asOf, -r.int(150, 700)) : r.chance(0.55) ? addDays(clock.historyStart, -r.int(10, 700)) : addDays(clock.historyStart, r.int(0, Math.max(30, Math.round((clock.asOf - clock.historyStart) / 86_400_000) - 45)));
      const closed = r.chance(0.08) && !robust;
      const offboarding = closed ? Math.min(addDays(onboarding, r.int(120, 900)), addDays(clock.asOf, -r.int(20, 200))) : null;
      const pls = r.chance(0.12);
      if (isMover) moved++;
      add({
        awsAccountId: id, name: `${alias}-${suffix}`, payerAccountId: payer.awsAccountId, isPayer: false,
        previousPayer: isMover && own ? { payerAccountId: own.awsAccountId, untilMonth: monthStart(addMonths(clock.historyStart, r.int(3, Math.max(3, historyMonths - 4)))) } : null,
        entityId: e.entityId, partnerId: null, leadId: null, billingMode: pls ? 'partner_led_support' : 'spp_resold',
        status: closed ? 'closed' : !robust && r.chance(0.01) ? 'suspended' : 'active', onboardingDate: isoDate(Math.min(onboarding, clock.asOf - 30 * 86_400_000)),
        offboardingDate: offboarding !== null && offboarding > onboarding ? isoDate(offboarding) : null,
        supportPlan: pls ? 'partner_led' : r.weighted([['business', 35], ['developer', 10], ['basic', 50], ['enterprise', 5]] as const),
        accountEmail: r.chance(0.6) ? `aws+${alias}-${suffix}@${PARTNER_SELF.msp}` : `aws-${suffix}@${e.primaryDomain ?? `${alias}.example`}`,
      }, e.entityId);
    }
  };
  for (const o of owners) linked(o);
  // HN8: the confuser's real account is the target's first id with two digits transposed.
  for (const c of hn8) {
    const target = byEntity.get(c.hn?.targetId ?? '')?.[0];
    const id = target ? transposeId(target.awsAccountId, taken) : newId(rng, taken, false);
    linked({ e: c, n: 1, ids: [id] });
  }
  if (!accounts.some((a) => a.awsAccountId.startsWith('0'))) {
    throw new Error('no AWS account id with a leading zero was generated (edge case required by spec §7)');
  }
  // Unmapped (4%): no partner in Odoo; the truth keeps no entity either (spec §6).
  for (const a of accounts) {
    if (a.isPayer || a.billingMode === 'internal' || !a.entityId) continue;
    const e = entities.find((x) => x.entityId === a.entityId);
    if (e?.kind === 'confuser' || e?.needsAws || fixed.has(a.entityId)) continue;
    if (stream(seed, `accounts|unmapped|${a.awsAccountId}`).chance(0.04)) {
      ownerOf.set(a.awsAccountId, null);
      a.entityId = null;
    }
  }
  chooseLeadAccounts(seed, cfg, accounts, deals, leadDealOf);
  return { accounts, sppPayers, leadDealOf, byEntity, ownerOf };
}

/** Exactly cfg.accounts.withLead accounts point at a won/open (migration first) Odoo deal of their owner. */
function chooseLeadAccounts(seed: string, cfg: ScaleConfig, accounts: AwsAccount[], deals: readonly Deal[], out: Map<number, string>): void {
  const odooDeals = deals.filter((d) => (d.set === 'both' || d.set === 'phased' || d.set === 'odoo_only') && d.outcome !== 'lost');
  const best = new Map<string, Deal>();
  for (const d of odooDeals) {
    const cur = best.get(d.entityId);
    if (!cur || (d.migration && !cur.migration) || (d.migration === cur.migration && d.outcome === 'won' && cur.outcome !== 'won')) best.set(d.entityId, d);
  }
  const cands = accounts
    .filter((a) => !a.isPayer && a.entityId && a.billingMode !== 'internal' && best.has(a.entityId))
    .map((a) => ({ a, d: best.get(a.entityId as string) as Deal, u: stream(seed, `accounts|lead|${a.awsAccountId}`).next() }))
    .sort((x, y) => Number(y.d.migration) - Number(x.d.migration) || x.u - y.u);
  if (cands.length < cfg.accounts.withLead) throw new Error(`only ${cands.length} accounts can carry a lead_id, need ${cfg.accounts.withLead}`);
  for (const c of cands.slice(0, cfg.accounts.withLead)) out.set(c.a.odooId, c.d.dealId);
}
