/**
 * Calibrates the CUR row generator (spec §4.2 exact-count mode):
 * 1. bisection on the rows-per-account-month knob `c` so the natural row count lands just above the target;
 * 2. payer-level Savings Plan fees and the threshold cohort's exact cents for that `c`;
 * 3. exact mode: drop the smallest Usage rows (< $0.50, ordered by |cost|, account, month, product) or pad
 *    cent-level AWSCloudTrail/awskms/AWSConfig rows in (month, account) order until the count is exact.
 * Dry runs regenerate rows from the seeded streams and keep only counts, so memory stays bounded.
 */
import { stream } from '../rng';
import { ym, type Month } from './calendar';
import { accountMonthRows, lateRow, type CurGen, type CurPlan, type CurRow } from './cur';
import type { BillingSetup } from './setup';
import type { AccountModel } from './spend-model';

export const CUR_TARGETS = { tiny: 900, small: 7_730, prod: 154_591 } as const;
export const SPP_DISCOUNT_PCT = 0.05;
const TRIM_BELOW_MICROS = 500_000;
const PAD_CODES = ['AWSCloudTrail', 'awskms', 'AWSConfig'] as const;

/** Gross per spec §6: Usage (incl. support, Marketplace) + SP covered + DiscountedUsage at public price + Fee + RIFee. */
export function grossMicros(r: CurRow): number {
  switch (r.type) {
    case 'Usage':
    case 'SavingsPlanCoveredUsage':
    case 'Fee':
    case 'RIFee':
      return r.cost;
    case 'DiscountedUsage':
      return r.publicCost;
    default:
      return 0;
  }
}

function emptyPlan(c: number): CurPlan {
  return { c, sppPct: SPP_DISCOUNT_PCT, trim: new Set(), pad: new Map(), adjust: new Map(), payerFee: new Map() };
}

/** Every (model, month) with possible rows, in CUR write order (month-major, then account id). */
export function* accountMonths(setup: BillingSetup): Generator<[AccountModel, number]> {
  const n = setup.ctx.months.length;
  for (let m = 0; m < n; m++) for (const model of setup.models) yield [model, m];
}

function countRows(setup: BillingSetup, gen: CurGen): number {
  let count = 0;
  for (const [model, m] of accountMonths(setup)) {
    const rows = accountMonthRows(gen, model, m);
    count += rows.length;
    if ((model.latePosted[m] ?? -1) >= 0 && lateRow(gen, model, m, rows)) count++;
  }
  return count;
}

/** Payer-level SP fees: Σ over accounts whose SP was bought on their payer of covered × (1 − discount). */
function payerFees(setup: BillingSetup, gen: CurGen): Map<string, number> {
  const fees = new Map<string, number>();
  const n = setup.ctx.months.length;
  for (const model of setup.models) {
    if (model.sp?.mode !== 'payer') continue;
    for (let m = 0; m < n; m++) {
      const covered = accountMonthRows(gen, model, m).find((r) => r.type === 'SavingsPlanCoveredUsage' && r.payer === model.payerAt(m));
      const payer = setup.byAwsId.get(model.payerAt(m));
      if (!covered || !payer) continue;
      const key = `${payer.idx}|${m}`;
      fees.set(key, (fees.get(key) ?? 0) + Math.round(covered.cost * (1 - model.sp.discount)));
    }
  }
  return fees;
}

/**
 * Threshold cohort: exact micro-dollar deltas so every cohort entity's prior-month gross is exactly its target
 * (4,999.99 / 5,000.00 for the forced pair, the drawn value for the others): the series scaling in setup.ts is only
 * approximate (support tiers, RI fees and DiscountedUsage both count towards gross).
 */
function forcedAdjustments(setup: BillingSetup, gen: CurGen): Map<string, number> {
  const adjust = new Map<string, number>();
  const p = setup.prior;
  for (const t of setup.targets) {
    let gross = 0;
    let best: { key: string; cost: number } | null = null;
    for (const model of setup.byEntity.get(t.entityId) ?? []) {
      for (const r of accountMonthRows(gen, model, p)) {
        gross += grossMicros(r);
        if (r.type === 'Usage' && r.kind === 'usage' && r.payer === model.payerAt(p) && (!best || r.cost > best.cost)) best = { key: `${model.idx}|${p}`, cost: r.cost };
      }
    }
    if (best) adjust.set(best.key, Math.round(t.grossUsd * 100) * 10_000 - gross);
  }
  return adjust;
}

export type CurCalibration = { gen: CurGen; naturalCount: number; target: number; exact: boolean; trimmed: number; padded: number };

export function calibrateCur(setup: BillingSetup, log: (msg: string) => void): CurCalibration {
  const { params } = setup.universe;
  const target = CUR_TARGETS[params.scale];
  const exact = params.exactCounts;
  const at = (c: number): CurGen => ({ ctx: setup.ctx, plan: emptyPlan(c) });
  const count = (c: number): number => {
    const gen = at(c);
    gen.plan = { ...gen.plan, payerFee: payerFees(setup, gen) };
    return countRows(setup, gen);
  };
  let lo = 0;
  let hi = 8;
  if (count(lo) >= target) hi = lo;
  else if (count(hi) < target) lo = hi;
  else {
    for (let i = 0; i < 22; i++) {
      const mid = (lo + hi) / 2;
      if (count(mid) >= target) hi = mid;
      else lo = mid;
    }
  }
  const finalGen = (c: number): CurGen => {
    const gen = at(c);
    gen.plan = { ...gen.plan, payerFee: payerFees(setup, gen) };
    gen.plan = { ...gen.plan, adjust: forcedAdjustments(setup, gen) };
    return gen;
  };
  // Prefer trimming a few rows at the smallest c above the target; pad below it when too few rows are trimmable.
  let gen = finalGen(hi);
  let naturalCount = countRows(setup, gen);
  log(`billing: CUR knob c=${hi.toFixed(4)} gives ${naturalCount} rows (target ${target}${exact ? ', exact' : ''})`);
  if (!exact || naturalCount === target) return { gen, naturalCount, target, exact, trimmed: 0, padded: 0 };
  if (naturalCount > target) {
    const trim = trimSet(setup, gen, naturalCount - target);
    if (trim) {
      gen.plan = { ...gen.plan, trim };
      return { gen, naturalCount, target, exact, trimmed: trim.size, padded: 0 };
    }
    gen = finalGen(lo);
    naturalCount = countRows(setup, gen);
    log(`billing: too few trimmable rows; c=${lo.toFixed(4)} gives ${naturalCount} rows, padding`);
  }
  if (naturalCount > target) throw new Error(`exact CUR count: ${naturalCount} rows even at the smallest knob, target ${target}`);
  const pad = padMap(setup, gen, target - naturalCount);
  gen.plan = { ...gen.plan, pad };
  return { gen, naturalCount, target, exact, trimmed: 0, padded: target - naturalCount };
}

function protectedModels(setup: BillingSetup): Set<number> {
  const out = new Set<number>();
  for (const t of setup.targets) for (const m of setup.byEntity.get(t.entityId) ?? []) out.add(m.idx);
  return out;
}

function trimSet(setup: BillingSetup, gen: CurGen, excess: number): Set<string> | null {
  const keep = protectedModels(setup);
  const candidates: { cost: number; awsId: string; m: number; code: string; key: string }[] = [];
  for (const [model, m] of accountMonths(setup)) {
    if (keep.has(model.idx) && m === setup.prior) continue;
    if (model.split?.m === m) continue;
    const rows = accountMonthRows(gen, model, m);
    const usage = rows.filter((r) => r.type === 'Usage' && r.kind === 'usage');
    // Credits are split over the top-3 Usage rows: keep those when the month has a credit.
    const top3 = new Set((model.credit[m] ?? 0) > 0 ? [...usage].sort((a, b) => b.cost - a.cost || a.productCode.localeCompare(b.productCode)).slice(0, 3).map((r) => r.productCode) : []);
    for (const r of usage) {
      if (r.cost >= TRIM_BELOW_MICROS || top3.has(r.productCode)) continue;
      if (rows.some((o) => o !== r && o.productCode === r.productCode)) continue;
      candidates.push({ cost: r.cost, awsId: model.awsId, m, code: r.productCode, key: `${model.idx}|${m}|${r.productCode}` });
    }
  }
  if (candidates.length < excess) return null;
  candidates.sort((a, b) => a.cost - b.cost || (a.awsId < b.awsId ? -1 : a.awsId > b.awsId ? 1 : 0) || a.m - b.m || (a.code < b.code ? -1 : 1));
  return new Set(candidates.slice(0, excess).map((x) => x.key));
}

function padMap(setup: BillingSetup, gen: CurGen, missing: number): Map<string, { code: string; micros: number }[]> {
  const pad = new Map<string, { code: string; micros: number }[]>();
  const keep = protectedModels(setup);
  let left = missing;
  for (const [model, m] of accountMonths(setup)) {
    if (left === 0) break;
    if (model.phantom || model.split?.m === m || (model.S[m] ?? 0) <= 0 || (keep.has(model.idx) && m === setup.prior)) continue;
    const present = new Set(accountMonthRows(gen, model, m).map((r) => r.productCode));
    for (const code of PAD_CODES) {
      if (left === 0 || present.has(code)) continue;
      const micros = stream(setup.ctx.seed, `pad|${model.awsId}|${ym(setup.ctx.months[m] as Month)}|${code}`).int(10_000, 490_000);
      pad.set(`${model.idx}|${m}`, [...(pad.get(`${model.idx}|${m}`) ?? []), { code, micros }]);
      left--;
    }
  }
  if (left > 0) throw new Error(`exact CUR count: could not pad ${left} rows`);
  return pad;
}
