/**
 * Per-account spend model (spec §5.2–§5.4): one model per AWS account with its monthly list-price usage
 * series S(a, m), product mix, support / Savings Plan / RI / Marketplace flags and credit schedule.
 * Everything is drawn from streams keyed by the AWS account id, so adding accounts never changes others.
 * Memory: a few Float64Arrays per account (660 × 36 at prod) — the CUR rows themselves are never stored.
 */
import { stream } from '../rng';
import type { AwsAccount, BillingCustomer, BillingMode, Universe } from '../universe-types';
import { AI_BOOST, INDUSTRY_BOOSTS, REGION_PREFIXES, USAGE_MIX, businessSupportUsd, developerSupportUsd, enterpriseSupportUsd } from './aws-products';
import { addMonths, daysInMonth, monthDiff, monthNumber, monthOf, ym, type Month } from './calendar';
import { regionOfCountry, type PayerRegion } from './regions';

export type SupportKind = 'business' | 'enterprise' | 'developer';

export type AccountModel = {
  idx: number;
  awsId: string;
  /** c_aws_accounts.id; null for accounts absent from c_aws_accounts (unknown usage accounts) */
  odooId: number | null;
  alias: string;
  entityId: string | null;
  partnerId: number | null;
  customer: BillingCustomer | null;
  billingMode: BillingMode;
  /** payer per month index (previous payer before the move month) */
  payerAt: (m: number) => string;
  /** the month an account appears under two payers (payer move or split), with the other payer and its share */
  split: { m: number; otherPayer: string; share: number } | null;
  isManagement: boolean;
  phantom: boolean;
  region: PayerRegion;
  regions: string[];
  base: number;
  shares: Float64Array;
  support: SupportKind | null;
  sp: { mode: 'account' | 'payer'; discount: number } | null;
  ri: { product: string; share: number; discount: number } | null;
  marketplace: { code: string; name: string; feeUsd: number } | null;
  usTaxRate: number;
  /** list-price usage in USD per history month (0 = inactive) */
  S: Float64Array;
  /** credits to consume per month, USD (positive magnitude) */
  credit: Float64Array;
  /** month index a late Refund/Credit for usage month m is posted at, or -1 (restatement, spec §5.1) */
  latePosted: Int16Array;
  /** 1 = Refund, 2 = Credit (SLA / promotional credit applied after close), 3 = Credit of 2.5 × usage (ensured edge case) */
  lateType: Int8Array;
};

export type SeriesContext = {
  seed: string;
  months: Month[];
  asOf: string;
  sppPayers: Map<string, PayerRegion>;
};

const SEASON: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  Retail: { 11: 1.3, 12: 1.45, 1: 0.95 },
  'Consumer Goods': { 11: 1.3, 12: 1.45, 1: 0.95 },
  Education: { 7: 0.75, 8: 0.8, 9: 1.15 },
  Travel: { 6: 1.2, 7: 1.2, 8: 1.2, 1: 0.85 },
  Hospitality: { 6: 1.2, 7: 1.2, 8: 1.2, 1: 0.85 },
  'Financial Services': { 3: 1.08, 6: 1.08, 9: 1.08, 12: 1.08 },
  Gaming: { 12: 1.25 },
};

export function seasonFactor(industry: string, month: Month): number {
  const n = monthNumber(month);
  let f = SEASON[industry]?.[n] ?? 1;
  if (n === 2) f *= 0.93;
  if (n === 12) f *= 0.97;
  return f;
}

/** Ramp of accounts onboarded inside the window: month 0 → 0.15, 1 → 0.45, 2 → 0.8, then 1 (spec §5.2). */
export function rampFactor(monthsSinceOnboarding: number): number {
  return [0.15, 0.45, 0.8][monthsSinceOnboarding] ?? 1;
}

export function supportUsd(kind: SupportKind | null, usageUsd: number): number {
  if (!kind || usageUsd <= 0) return 0;
  if (kind === 'developer') return developerSupportUsd(usageUsd);
  // Enterprise minimums ($15k) only make sense for large accounts; smaller "enterprise" accounts pay On-Ramp-like
  // business tiers (documented deviation: the universe's support plan is an account attribute, not a price).
  if (kind === 'enterprise' && usageUsd >= 100_000) return enterpriseSupportUsd(usageUsd);
  return businessSupportUsd(usageUsd);
}

const MANAGEMENT_MIX: Readonly<Record<string, number>> = { AWSCloudTrail: 4, AWSConfig: 3, AmazonS3: 2, AmazonGuardDuty: 2, AmazonCloudWatch: 1.5 };

const MARKETPLACE_NAMES = ['Trend Micro Cloud One', 'CrowdStrike Falcon', 'Datadog Pro', 'Fortinet FortiGate-VM', 'Palo Alto VM-Series', 'Snowflake Data Cloud', 'MongoDB Atlas', 'Confluent Cloud', 'Splunk Cloud Platform', 'Check Point CloudGuard'];

export function regionOfPayer(ctx: SeriesContext, payer: string, customer: BillingCustomer | null): PayerRegion {
  return ctx.sppPayers.get(payer) ?? regionOfCountry(customer?.countryCode ?? 'DE');
}

/** Builds the static part of a model (no series yet). */
export function buildModel(ctx: SeriesContext, idx: number, acct: AwsAccount, customer: BillingCustomer | null, phantom: boolean): AccountModel {
  const rng = stream(ctx.seed, `acct|${acct.awsAccountId}`);
  const n = ctx.months.length;
  const isManagement = acct.isPayer && acct.billingMode === 'internal';
  const region = regionOfPayer(ctx, acct.payerAccountId, customer);
  const base = isManagement ? rng.lognormal(Math.log(150), 0.5) : Math.min(250_000, Math.max(3, rng.lognormal(Math.log(900), 1.35)));
  const alphas = USAGE_MIX.map((p) => {
    if (isManagement) return MANAGEMENT_MIX[p.code] ?? 0.01;
    let a = p.alpha * (INDUSTRY_BOOSTS[customer?.industry ?? '']?.[p.code] ?? 1);
    if (customer?.aiUseCase) a *= AI_BOOST[p.code] ?? 1;
    return a;
  });
  const shares = Float64Array.from(rng.dirichlet(alphas));
  const prefixes = rng.shuffle(REGION_PREFIXES[region].map(([p]) => p));
  const regionCount = rng.weighted([[1, 55], [2, 35], [3, 10]] as const);
  const first = rng.weighted(REGION_PREFIXES[region]);
  const regions = [first, ...prefixes.filter((p) => p !== first)].slice(0, regionCount);
  const resoldLike = acct.billingMode !== 'partner_led_support';
  const support: SupportKind | null =
    !resoldLike || isManagement ? null : acct.supportPlan === 'business' ? 'business' : acct.supportPlan === 'enterprise' ? 'enterprise' : acct.supportPlan === 'developer' ? 'developer' : null;
  const spRoll = rng.next();
  const spModeRoll = rng.next();
  const spDiscount = rng.uniform(0.22, 0.42);
  const underSpp = ctx.sppPayers.has(acct.payerAccountId);
  const sp = !isManagement && base >= 5000 && spRoll < 0.12 ? { mode: underSpp && spModeRoll < 0.3 ? ('payer' as const) : ('account' as const), discount: spDiscount } : null;
  const riRoll = rng.next();
  const riShare = rng.uniform(0.3, 0.7);
  const riDiscount = rng.uniform(0.3, 0.45);
  const rdsShare = shares[USAGE_MIX.findIndex((p) => p.code === 'AmazonRDS')] ?? 0;
  const ecShare = shares[USAGE_MIX.findIndex((p) => p.code === 'AmazonElastiCache')] ?? 0;
  const ri = !isManagement && riRoll < 0.06 ? { product: rdsShare >= ecShare ? 'AmazonRDS' : 'AmazonElastiCache', share: riShare, discount: riDiscount } : null;
  const mpRoll = rng.next();
  let code = '';
  for (let i = 0; i < 25; i++) code += 'abcdefghijklmnopqrstuvwxyz0123456789'[rng.int(0, 35)];
  const mpName = rng.pick(MARKETPLACE_NAMES);
  const mpFee = Math.exp(rng.uniform(Math.log(50), Math.log(2500)));
  const marketplace = !isManagement && mpRoll < 0.03 ? { code, name: mpName, feeUsd: mpFee } : null;
  const usTaxRate = rng.pick([0, 0.04, 0.06, 0.0625, 0.07, 0.08875]);
  const prev = acct.previousPayer;
  const moveIdx = prev ? ctx.months.indexOf(prev.untilMonth) : -1;
  const payerAt = (m: number): string => (prev && (moveIdx < 0 ? prev.untilMonth > (ctx.months[m] ?? '') : m < moveIdx) ? prev.payerAccountId : acct.payerAccountId);
  const split = prev && moveIdx >= 0 ? { m: moveIdx, otherPayer: prev.payerAccountId, share: rng.uniform(0.2, 0.8) } : null;
  return {
    idx, awsId: acct.awsAccountId, odooId: phantom ? null : acct.odooId, alias: acct.name, entityId: acct.entityId, partnerId: acct.partnerId,
    customer, billingMode: acct.billingMode, payerAt, split, isManagement, phantom, region, regions, base, shares, support, sp, ri, marketplace, usTaxRate,
    S: new Float64Array(n), credit: new Float64Array(n), latePosted: new Int16Array(n).fill(-1), lateType: new Int8Array(n),
  };
}

/** Activity window of an account as month indexes and the fraction of the first/last month it is active. */
export function activity(ctx: SeriesContext, acct: AwsAccount): { from: number; to: number; fracTo: number } | null {
  const n = ctx.months.length;
  const first = ctx.months[0] as Month;
  const onMonth = monthOf(acct.onboardingDate);
  const from = Math.max(0, monthDiff(first, onMonth));
  if (from >= n) return null;
  let to = n - 1;
  let fracTo = Number(ctx.asOf.slice(8, 10)) / daysInMonth(ctx.months[n - 1] as Month);
  if (acct.offboardingDate) {
    const offIdx = monthDiff(first, monthOf(acct.offboardingDate));
    if (offIdx < 0) return null;
    if (offIdx < to) {
      to = offIdx;
      fracTo = Number(acct.offboardingDate.slice(8, 10)) / daysInMonth(monthOf(acct.offboardingDate));
    } else if (offIdx === to) {
      fracTo = Math.min(fracTo, Number(acct.offboardingDate.slice(8, 10)) / daysInMonth(monthOf(acct.offboardingDate)));
    }
  }
  if (to < from) return null;
  // The onboarding month needs no fraction: the ramp (0.15 in month 0) already models a partial first month.
  return { from, to, fracTo };
}

/** Fills S(a, m): ln S = ln B + g·t + ln season + ln ramp + ln step + ε (spec §5.2). */
export function fillSeries(ctx: SeriesContext, model: AccountModel, acct: AwsAccount, steps: readonly { start: number; factor: number }[]): void {
  const act = activity(ctx, acct);
  if (!act) return;
  const rng = stream(ctx.seed, `growth|${acct.awsAccountId}`);
  const g = Math.min(0.08, Math.max(-0.06, rng.normal(0.012, 0.02)));
  const onIdx = monthDiff(ctx.months[0] as Month, monthOf(acct.onboardingDate));
  const industry = model.customer?.industry ?? 'Other';
  for (let m = act.from; m <= act.to; m++) {
    const month = ctx.months[m] as Month;
    const eps = stream(ctx.seed, `spend|${acct.awsAccountId}|${ym(month)}`).normal(0, 0.07);
    const t = m - Math.max(0, onIdx);
    let step = 1;
    for (const s of steps) if (m >= s.start) step *= 1 + (s.factor - 1) * Math.min(1, (m - s.start + 1) / 2);
    step = Math.min(step, 12);
    const ramp = onIdx >= 0 ? rampFactor(m - onIdx) : 1;
    let s = model.base * Math.exp(g * t + eps) * seasonFactor(industry, month) * ramp * step;
    if (m === act.to) s *= act.fracTo;
    model.S[m] = Math.round(s * 100) / 100;
  }
}

/** Spend steps of an entity's accounts after won deals (spec §5.2): migrations × U(2.5, 6), others × U(1.05, 1.4). */
export function stepsFor(ctx: SeriesContext, awsId: string, events: readonly { kind: 'migration' | 'other'; closeDate: string }[]): { start: number; factor: number }[] {
  const first = ctx.months[0] as Month;
  return events.map((e, i) => {
    const rng = stream(ctx.seed, `step|${awsId}|${e.closeDate}|${i}`);
    const lag = rng.int(1, 3);
    const factor = e.kind === 'migration' ? rng.uniform(2.5, 6) : rng.uniform(1.05, 1.4);
    return { start: monthDiff(first, addMonths(monthOf(e.closeDate), lag)), factor };
  });
}

/** Index customers by res_partner id. */
export function customerIndex(universe: Universe): Map<number, BillingCustomer> {
  return new Map(universe.customers.map((c) => [c.partnerId, c]));
}
