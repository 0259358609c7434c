/**
 * Builds the billing world from the Universe: one spend model per AWS account (plus a few accounts unknown to
 * c_aws_accounts, spec §4.7 "0.5% of CUR rows reference account ids absent from c_aws_accounts"), spend
 * steps after won migrations, the threshold cohort, the credit schedule and late refunds.
 */
import { stream } from '../rng';
import { ODOO_IDS, type AwsAccount, type BillingCustomer, type Universe } from '../universe-types';
import { addMonths, historyMonths, monthDiff, monthOf, ym, type Month } from './calendar';
import { activity, buildModel, customerIndex, fillSeries, stepsFor, supportUsd, type AccountModel, type SeriesContext } from './spend-model';

export type ThresholdTarget = Universe['spendTargets'][number]['target'];

export type BillingSetup = {
  universe: Universe;
  ctx: SeriesContext;
  /** sorted by AWS account id; models[i].idx === i */
  models: AccountModel[];
  byPartner: Map<number, AccountModel[]>;
  byEntity: Map<string, AccountModel[]>;
  byAwsId: Map<string, AccountModel>;
  customers: Map<number, BillingCustomer>;
  /** index of the prior month (calendar month before asOf) */
  prior: number;
  /** threshold cohort with its gross target in USD (exact for the two forced ones) */
  targets: { entityId: string; target: ThresholdTarget; grossUsd: number }[];
  warnings: string[];
};

function phantomAccounts(universe: Universe, months: Month[]): AwsAccount[] {
  const taken = new Set(universe.accounts.map((a) => a.awsAccountId));
  const count = Math.max(1, Math.round(universe.accounts.length * 0.012));
  const payers = universe.sppPayers.length > 0 ? universe.sppPayers.map((p) => p.awsAccountId) : universe.accounts.filter((a) => a.isPayer).map((a) => a.awsAccountId);
  const out: AwsAccount[] = [];
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const rng = stream(universe.params.seed, `phantom|${i}`);
    let id = '';
    for (let d = 0; d < 12; d++) id += String(rng.int(0, 9));
    if (taken.has(id) || payers.length === 0) continue;
    taken.add(id);
    const start = rng.int(0, Math.max(0, months.length - 4));
    const len = rng.int(3, 15);
    const end = start + len < months.length - 1 ? addMonths(months[start] as Month, len) : null;
    out.push({
      odooId: -1, awsAccountId: id, name: `unknown-${id.slice(-4)}`, payerAccountId: rng.pick(payers), isPayer: false, previousPayer: null,
      entityId: null, partnerId: null, leadId: null, billingMode: 'spp_resold', status: end ? 'closed' : 'active',
      onboardingDate: `${(months[start] as Month).slice(0, 8)}${String(rng.int(1, 20)).padStart(2, '0')}`,
      offboardingDate: end ? `${end.slice(0, 8)}10` : null, supportPlan: 'basic', accountEmail: '',
    });
  }
  return out;
}

export function buildSetup(universe: Universe): BillingSetup {
  const { params } = universe;
  const months = historyMonths(params.asOf, params.historyMonths);
  const sppPayers = new Map(universe.sppPayers.map((p) => [p.awsAccountId, p.region] as const));
  const ctx: SeriesContext = { seed: params.seed, months, asOf: params.asOf, sppPayers };
  const customers = customerIndex(universe);
  const warnings: string[] = [];
  const phantoms = phantomAccounts(universe, months);
  const all = [...universe.accounts.map((a) => ({ a, phantom: false })), ...phantoms.map((a) => ({ a, phantom: true }))];
  // Partner SPP payers that the universe did not list as accounts still carry payer-level rows.
  for (const p of universe.sppPayers) {
    if (all.some((x) => x.a.awsAccountId === p.awsAccountId)) continue;
    all.push({ a: { odooId: -1, awsAccountId: p.awsAccountId, name: `spp-payer-${p.region.toLowerCase()}`, payerAccountId: p.awsAccountId, isPayer: true, previousPayer: null, entityId: null, partnerId: null, leadId: null, billingMode: 'internal', status: 'active', onboardingDate: months[0] as string, offboardingDate: null, supportPlan: 'basic', accountEmail: '' }, phantom: true });
  }
  all.sort((x, y) => (x.a.awsAccountId < y.a.awsAccountId ? -1 : x.a.awsAccountId > y.a.awsAccountId ? 1 : 0));
  const models: AccountModel[] = [];
  const accounts = new Map<AccountModel, AwsAccount>();
  const eventsByEntity = new Map<string, { kind: 'migration' | 'other'; closeDate: string }[]>();
  for (const e of universe.spendEvents) eventsByEntity.set(e.entityId, [...(eventsByEntity.get(e.entityId) ?? []), e]);
  all.forEach(({ a, phantom }, idx) => {
    const customer = a.partnerId === null ? null : (customers.get(a.partnerId) ?? null);
    const model = buildModel(ctx, idx, a, customer, phantom);
    fillSeries(ctx, model, a, a.entityId ? stepsFor(ctx, a.awsAccountId, eventsByEntity.get(a.entityId) ?? []) : []);
    models.push(model);
    accounts.set(model, a);
  });
  const byPartner = new Map<number, AccountModel[]>();
  const byEntity = new Map<string, AccountModel[]>();
  const byAwsId = new Map<string, AccountModel>();
  for (const m of models) {
    byAwsId.set(m.awsId, m);
    if (m.phantom) continue;
    if (m.partnerId !== null) byPartner.set(m.partnerId, [...(byPartner.get(m.partnerId) ?? []), m]);
    if (m.entityId !== null) byEntity.set(m.entityId, [...(byEntity.get(m.entityId) ?? []), m]);
  }
  const orphanPartners = [...byPartner.keys()].filter((id) => !customers.has(id) && id !== ODOO_IDS.companyPartner);
  if (orphanPartners.length > 0) warnings.push(`${orphanPartners.length} partner(s) own AWS accounts but are not billing customers (no staging bills): ${orphanPartners.slice(0, 5).join(', ')}`);
  const prior = months.length - 2;
  const targets = applyThresholdCohort(universe, ctx, byEntity, prior, warnings);
  scheduleCredits(universe, ctx, models, byAwsId, warnings);
  for (const t of targets) if (t.target === 'gross-over-net-under') addNetUnderCredit(ctx, byEntity.get(t.entityId) ?? [], prior);
  scheduleLateRows(ctx, models);
  ensureLateCredit(ctx, models, universe.params.scale === 'tiny');
  ensureTwoPayerMonth(universe, ctx, models, accounts);
  return { universe, ctx, models, byPartner, byEntity, byAwsId, customers, prior, targets, warnings };
}

/** Approximate gross of an account-month from its list usage (support and Marketplace on top). */
export function grossApproxUsd(model: AccountModel, usage: number): number {
  if (usage <= 0) return 0;
  return usage + supportUsd(model.support, usage) + (model.marketplace?.feeUsd ?? 0);
}

function applyThresholdCohort(universe: Universe, ctx: SeriesContext, byEntity: Map<string, AccountModel[]>, prior: number, warnings: string[]): BillingSetup['targets'] {
  const out: BillingSetup['targets'] = [];
  for (const t of universe.spendTargets) {
    const ms = (byEntity.get(t.entityId) ?? []).filter((m) => (m.S[prior] ?? 0) > 0);
    if (ms.length === 0) {
      warnings.push(`threshold target ${t.target} for ${t.entityId}: entity has no account with spend in the prior month`);
      continue;
    }
    const rng = stream(ctx.seed, `threshold|${t.entityId}`);
    const grossUsd = t.target === 'force-4999.99' ? 4999.99 : t.target === 'force-5000.00' ? 5000 : t.target === 'near-threshold' ? Math.round(rng.uniform(4800, 5200) * 100) / 100 : Math.round(rng.uniform(5100, 6500) * 100) / 100;
    const base = ms.map((m) => m.S[prior] ?? 0);
    let f = 1;
    for (let it = 0; it < 8; it++) {
      const g = ms.reduce((s, m, i) => s + grossApproxUsd(m, (base[i] ?? 0) * f), 0);
      if (g <= 0) break;
      f *= grossUsd / g;
    }
    ms.forEach((m, i) => (m.S[prior] = Math.round((base[i] ?? 0) * f * 100) / 100));
    out.push({ entityId: t.entityId, target: t.target, grossUsd });
  }
  return out;
}

/** Approved funding credits and promos are consumed oldest-first, capped by eligible net usage + support. */
function scheduleCredits(universe: Universe, ctx: SeriesContext, models: AccountModel[], byAwsId: Map<string, AccountModel>, warnings: string[]): void {
  const n = ctx.months.length;
  const grants = new Map<AccountModel, { start: number; end: number; left: number }[]>();
  const add = (m: AccountModel, start: number, months: number, usd: number): void => {
    grants.set(m, [...(grants.get(m) ?? []), { start, end: start + months - 1, left: usd }]);
  };
  for (const g of universe.creditGrants) {
    const m = byAwsId.get(g.awsAccountId);
    if (!m) {
      warnings.push(`credit grant ${g.source} for unknown AWS account ${g.awsAccountId}`);
      continue;
    }
    add(m, monthDiff(ctx.months[0] as Month, monthOf(g.startMonth)), g.months, g.amountUsd);
  }
  for (const m of models) {
    if (m.phantom || m.isManagement) continue;
    const rng = stream(ctx.seed, `promo|${m.awsId}`);
    const roll = rng.next();
    const start = rng.int(0, n - 1);
    const usd = Math.min(Math.exp(rng.uniform(Math.log(1000), Math.log(100_000))), m.base * rng.uniform(3, 12));
    // Activate / POC / migration promos (spec §5.4: $1k–$100k, 12-month validity): with the funding grants ≈ 9% of
    // account-months carry a Credit.
    if (roll < 0.45 && (m.S[start] ?? 0) > 0) add(m, start, 12, Math.round(usd));
  }
  for (const [m, list] of grants) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i < n; i++) {
      const s = m.S[i] ?? 0;
      if (s <= 0) continue;
      let eligible = s * (ctx.sppPayers.has(m.payerAt(i)) ? 0.97 : 1) + supportUsd(m.support, s);
      let used = 0;
      for (const g of list) {
        if (i < g.start || i > g.end || g.left <= 0) continue;
        const take = Math.min(g.left, eligible);
        g.left -= take;
        eligible -= take;
        used += take;
      }
      m.credit[i] = Math.floor(used * 100) / 100;
    }
  }
}

/** Gross ≥ 5,000 but net < 5,000: an extra credit in the prior month brings net to ≈ 4,000–4,400. */
function addNetUnderCredit(ctx: SeriesContext, ms: AccountModel[], prior: number): void {
  const gross = ms.reduce((s, m) => s + grossApproxUsd(m, m.S[prior] ?? 0), 0);
  const usage = ms.reduce((s, m) => s + (m.S[prior] ?? 0), 0);
  if (usage <= 0) return;
  const extra = gross - 4000 * stream(ctx.seed, `net-under|${ms[0]?.awsId ?? ''}`).uniform(1, 1.1);
  for (const m of ms) m.credit[prior] = Math.floor(((m.credit[prior] ?? 0) + (extra * (m.S[prior] ?? 0)) / usage) * 100) / 100;
}

/**
 * Restatements (spec §5.1/§5.4): 0.3% of account-months get a Refund and 1.2% a late Credit, posted one or two
 * months after the usage month — after its staging bill was computed, so they land on a later bill.
 */
function scheduleLateRows(ctx: SeriesContext, models: AccountModel[]): void {
  const n = ctx.months.length;
  for (const m of models) {
    if (m.isManagement) continue;
    for (let i = 0; i < n - 1; i++) {
      if ((m.S[i] ?? 0) <= 0) continue;
      const rng = stream(ctx.seed, `late|${m.awsId}|${ym(ctx.months[i] as Month)}`);
      const roll = rng.next();
      const posted = i + rng.int(1, 2);
      if (roll >= 0.015 || posted > n - 1) continue;
      m.latePosted[i] = posted;
      m.lateType[i] = roll < 0.003 ? 1 : 2;
    }
  }
}

/**
 * Make sure one restatement exists: a late credit large enough to turn the next bill negative (out_refund). At tiny
 * scale even when other late rows exist (a small refund or a late credit on a large customer does not make a bill
 * negative, and negative_bill_as_refund must exist at every scale).
 */
function ensureLateCredit(ctx: SeriesContext, models: AccountModel[], tiny: boolean): void {
  if (tiny ? models.some((m) => m.lateType.some((t) => t === 3)) : models.some((m) => m.latePosted.some((p) => p >= 0))) return;
  const m = Math.max(0, ctx.months.length - 5);
  const candidate = models.filter((x) => !x.phantom && !x.isManagement && x.partnerId !== null && x.billingMode === 'spp_resold' && (x.S[m] ?? 0) > 0 && (x.S[m + 1] ?? 0) > 0 && ctx.sppPayers.has(x.payerAt(m)))
    .sort((a, b) => (b.S[m] ?? 0) - (a.S[m] ?? 0))[0];
  if (!candidate) return;
  candidate.latePosted[m] = m + 1;
  candidate.lateType[m] = 3;
}

/** Spec §7 edge case: at least one account under two payers in one month, even if no universe account moved payer. */
function ensureTwoPayerMonth(universe: Universe, ctx: SeriesContext, models: AccountModel[], accounts: Map<AccountModel, AwsAccount>): void {
  if (models.some((m) => m.split !== null)) return;
  const month = Math.max(0, ctx.months.length - 4);
  const candidate = models.find((m) => !m.phantom && !m.isManagement && m.partnerId !== null && ctx.sppPayers.has(m.payerAt(month)) && (m.S[month] ?? 0) > 0 && activity(ctx, accounts.get(m) as AwsAccount) !== null);
  if (!candidate) return;
  const own = candidate.payerAt(month);
  const others = [...universe.sppPayers.map((p) => p.awsAccountId), ...universe.accounts.filter((a) => a.isPayer).map((a) => a.awsAccountId)].filter((p) => p !== own);
  const other = others[0];
  if (!other) return;
  candidate.split = { m: month, otherPayer: other, share: stream(ctx.seed, `split|${candidate.awsId}`).uniform(0.2, 0.5) };
}
