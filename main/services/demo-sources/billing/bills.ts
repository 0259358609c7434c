/**
 * Staging bill of one customer-month (spec §5.6): one line per (account, product, line type) from the resold
 * CUR rows of the customer's accounts, priced by the customer's terms, plus managed-service / partner-led
 * support fees and credits deferred from the previous month. A pure function of (seed, customer, month):
 * the planner, the c_billing_bill_line COPY and the invoice-line COPY all recompute it instead of storing it.
 * Amounts are micro-USD; billed amounts are whole cents. Margin excludes tax (AWS tax rows are recoverable,
 * spec §3.3 "margin ex-tax on both sides"), so bill.margin = Σ line margins ≠ billed − cost when tax ≠ 0.
 */
import { stream } from '../rng';
import type { BillingCustomer } from '../universe-types';
import { AWS_PRODUCT_BY_CODE, businessSupportUsd } from './aws-products';
import { ym, type Month } from './calendar';
import { SPECIAL_CODES, productIdByCode } from './catalog';
import { accountMonthRows, lateRowsPostedIn, type BillKind, type CurGen, type CurRow } from './cur';
import { MICROS_PER_CENT, roundHalfAway, splitInt, usdToMicros } from './money';
import { customerTerms, listFactor, termsAt, type CustomerTerms, type RuleTerms } from './pricing';
import type { BillingSetup } from './setup';
import type { AccountModel } from './spend-model';

export type BillLineType = BillKind | 'managed_fee' | 'adjustment';

export type BillLineCalc = {
  model: AccountModel | null;
  productCode: string;
  productId: number;
  productName: string;
  lineType: BillLineType;
  /** usage month index of the CUR rows (= the bill's month, or earlier for restatements posted this month) */
  usageMonth: number;
  cost: number;
  list: number;
  billed: number;
  margin: number;
  qty: number;
  description: string;
  curIds: number[];
  /** part of the AWS resale margin (spec §5.7: ex tax, ex managed fees) */
  resale: boolean;
  /** the account's list usage that month (drives invoice expansion) */
  spendUsd: number;
};

export type CreditDecision = 'pass' | 'kept' | 'deferred';

export type BillCalc = {
  customer: BillingCustomer;
  m: number;
  terms: RuleTerms;
  lines: BillLineCalc[];
  cost: number;
  list: number;
  billed: number;
  margin: number;
  resaleBilled: number;
  resaleCost: number;
  credit: CreditDecision;
  creditCost: number;
  refundPassed: boolean;
  /** Σ staging cost per account (micro-USD) for reconciliation with CUR */
  costByAccount: Map<number, number>;
};

export type BillWorld = {
  setup: BillingSetup;
  gen: CurGen;
  terms: Map<number, CustomerTerms>;
  /** first CUR id of the regular rows of (model, month): index model.idx × months + m; 0 = unknown */
  curFirstId: Int32Array | null;
  medianList: Map<number, number>;
  /** forced decisions per `${partnerId}|${m}` so every anomaly kind exists even in tiny datasets (ensure.ts) */
  overrides: Map<string, Partial<BillDecisions> & { cancelReissue?: boolean; orphan?: boolean }>;
};

export type BillDecisions = { stateRoll: number; credit: CreditDecision; refundPassed: boolean };

export function makeBillWorld(setup: BillingSetup, gen: CurGen): BillWorld {
  const terms = new Map<number, CustomerTerms>();
  for (const c of setup.universe.customers) terms.set(c.partnerId, customerTerms(setup.ctx.seed, c, (setup.byPartner.get(c.partnerId) ?? []).length, setup.ctx.months.length));
  return { setup, gen, terms, curFirstId: null, medianList: new Map(), overrides: new Map() };
}

export function billDecisions(world: BillWorld, partnerId: number, m: number): BillDecisions {
  const month = world.setup.ctx.months[m] as Month;
  const r = stream(world.setup.ctx.seed, `billdec|${partnerId}|${ym(month)}`);
  const stateRoll = r.next();
  const c = r.next();
  const drawn: BillDecisions = { stateRoll, credit: c < 0.85 ? 'pass' : c < 0.95 ? 'kept' : 'deferred', refundPassed: r.chance(0.8) };
  const o = world.overrides.get(`${partnerId}|${m}`);
  return o ? { stateRoll: o.stateRoll ?? drawn.stateRoll, credit: o.credit ?? drawn.credit, refundPassed: o.refundPassed ?? drawn.refundPassed } : drawn;
}

/** Rows that the partner resells: under a partner SPP payer and not an internal account. */
export function isResold(world: BillWorld, model: AccountModel, row: CurRow): boolean {
  return model.billingMode !== 'internal' && world.setup.ctx.sppPayers.has(row.payer);
}

const KIND_ORDER: Record<BillLineType, number> = { usage: 0, support: 1, marketplace: 2, savings_plan: 3, ri: 4, spp_discount: 5, credit: 6, refund: 7, tax: 8, managed_fee: 9, adjustment: 10 };

function productIdFor(code: string, kind: BillLineType): number {
  if (kind === 'credit') return productIdByCode(SPECIAL_CODES.credits);
  if (kind === 'refund') return productIdByCode(SPECIAL_CODES.refund);
  if (kind === 'spp_discount') return productIdByCode(SPECIAL_CODES.sppDiscount);
  if (kind === 'marketplace') return productIdByCode(SPECIAL_CODES.marketplace);
  if (kind === 'adjustment') return productIdByCode(SPECIAL_CODES.adjustment);
  return AWS_PRODUCT_BY_CODE.has(code) ? productIdByCode(`AWS-${code}`) : productIdByCode(code);
}

const cents = (micros: number): number => roundHalfAway(micros / MICROS_PER_CENT) * MICROS_PER_CENT;

function medianList(world: BillWorld, partnerId: number): number {
  const hit = world.medianList.get(partnerId);
  if (hit !== undefined) return hit;
  const ms = world.setup.byPartner.get(partnerId) ?? [];
  const totals: number[] = [];
  for (let m = 0; m < world.setup.ctx.months.length; m++) {
    const s = ms.reduce((acc, a) => acc + (a.billingMode === 'internal' ? 0 : (a.S[m] ?? 0)), 0);
    if (s > 0) totals.push(s);
  }
  totals.sort((a, b) => a - b);
  const med = totals.length ? (totals[Math.floor(totals.length / 2)] ?? 0) : 0;
  world.medianList.set(partnerId, med);
  return med;
}

function resoldCreditCost(world: BillWorld, partnerId: number, m: number): number {
  let sum = 0;
  for (const model of world.setup.byPartner.get(partnerId) ?? []) {
    const rows = [...accountMonthRows(world.gen, model, m), ...lateRowsPostedIn(world.gen, model, m).map((l) => l.row)];
    for (const r of rows) if (r.kind === 'credit' && isResold(world, model, r)) sum += r.cost;
  }
  return sum;
}

/** The staging bill of (customer, month index m), or null when the customer has nothing to bill that month. */
export function computeBill(world: BillWorld, customer: BillingCustomer, m: number): BillCalc | null {
  const { setup } = world;
  const month = setup.ctx.months[m] as Month;
  const models = setup.byPartner.get(customer.partnerId) ?? [];
  const terms = world.terms.get(customer.partnerId) ?? customerTerms(setup.ctx.seed, customer, models.length, setup.ctx.months.length);
  const rule = termsAt(terms, m);
  const dec = billDecisions(world, customer.partnerId, m);
  const groups = new Map<string, BillLineCalc>();
  let directUsage = 0;
  let active = false;
  const plsUsage = new Map<AccountModel, number>();
  for (const model of models) {
    if (model.billingMode === 'internal') continue;
    const rows = accountMonthRows(world.gen, model, m);
    if (rows.length > 0) active = true;
    const first = world.curFirstId ? (world.curFirstId[model.idx * setup.ctx.months.length + m] ?? 0) : 0;
    // Regular rows of the month, then restatements of the two previous months posted this month (same CUR id block).
    const all: { row: CurRow; usageMonth: number }[] = rows.map((row) => ({ row, usageMonth: m }));
    for (const late of lateRowsPostedIn(world.gen, model, m)) all.push({ row: late.row, usageMonth: late.m });
    all.forEach(({ row: r, usageMonth }, i) => {
      if (!isResold(world, model, r)) {
        if (r.kind === 'usage') directUsage += r.publicCost;
        return;
      }
      if (model.billingMode === 'partner_led_support' && r.kind === 'usage') plsUsage.set(model, (plsUsage.get(model) ?? 0) + r.publicCost);
      const key = `${String(model.idx).padStart(6, '0')}|${usageMonth === m ? 'z' : String(usageMonth).padStart(3, '0')}|${r.productCode}|${KIND_ORDER[r.kind]}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          model, productCode: r.productCode, productId: productIdFor(r.productCode, r.kind), productName: r.productName, lineType: r.kind, usageMonth,
          cost: 0, list: 0, billed: 0, margin: 0, qty: 0, description: '', curIds: [], resale: r.kind !== 'tax', spendUsd: model.S[m] ?? 0,
        };
        groups.set(key, g);
      }
      g.cost += r.cost;
      g.list += r.publicCost;
      g.qty += r.qty;
      if (first > 0) g.curIds.push(first + i);
    });
  }
  const lines = [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, g]) => g);
  priceLines(world, customer, terms, rule, dec, lines, m);
  const fees: BillLineCalc[] = [];
  for (const [model, usage] of plsUsage) {
    const fee = cents(usdToMicros(businessSupportUsd(usage / 1e6)));
    fees.push(feeLine(model, 'PLS-SUPPORT', 'support', fee, `Partner-Led Support – ${model.awsId} – ${ym(month)}`, model.S[m] ?? 0, m));
  }
  if (terms.managedFee && active) {
    const base = lines.filter((l) => l.lineType === 'usage').reduce((s, l) => s + l.billed, 0) + directUsage;
    const fee = cents(Math.max(usdToMicros(terms.managedFee.minUsd), Math.round((base * terms.managedFee.pct) / 100)));
    fees.push(feeLine(null, terms.managedFee.productCode, 'managed_fee', fee, `Managed Services ${ym(month)} (${terms.managedFee.pct}% of AWS usage, min ${terms.managedFee.minUsd} USD)`, 0, m));
  }
  if (m > 0) {
    const prevMonth = setup.ctx.months[m - 1] as Month;
    if (billDecisions(world, customer.partnerId, m - 1).credit === 'deferred') {
      const prev = resoldCreditCost(world, customer.partnerId, m - 1);
      if (prev !== 0) {
        const l = feeLine(null, SPECIAL_CODES.adjustment, 'adjustment', cents(prev), `AWS credits ${ym(prevMonth)} (deferred)`, 0, m - 1);
        l.resale = true;
        fees.push(l);
      }
    }
  }
  const all = [...lines, ...fees];
  if (all.length === 0) return null;
  for (const l of lines) l.description = describe(l, setup.ctx.months[l.usageMonth] as Month);
  const bill: BillCalc = {
    customer, m, terms: rule, lines: all, cost: 0, list: 0, billed: 0, margin: 0, resaleBilled: 0, resaleCost: 0,
    credit: dec.credit, creditCost: 0, refundPassed: dec.refundPassed, costByAccount: new Map(),
  };
  for (const l of all) {
    l.margin = l.lineType === 'tax' ? 0 : l.billed - l.cost;
    bill.cost += l.cost;
    bill.list += l.list;
    bill.billed += l.billed;
    bill.margin += l.margin;
    if (l.resale) {
      bill.resaleBilled += l.billed;
      bill.resaleCost += l.cost;
    }
    if (l.lineType === 'credit') bill.creditCost += l.cost;
    if (l.model) bill.costByAccount.set(l.model.idx, (bill.costByAccount.get(l.model.idx) ?? 0) + l.cost);
  }
  return bill;
}

function feeLine(model: AccountModel | null, code: string, type: BillLineType, billed: number, description: string, spendUsd: number, usageMonth: number): BillLineCalc {
  return { model, productCode: code, productId: productIdByCode(code), productName: description, lineType: type, usageMonth, cost: 0, list: 0, billed, margin: 0, qty: 1_000_000, description, curIds: [], resale: false, spendUsd };
}

function describe(l: BillLineCalc, month: Month): string {
  const acct = l.model ? ` – ${l.model.awsId}` : '';
  const what: Record<BillLineType, string> = {
    usage: l.productName, support: l.productName, marketplace: l.productName, savings_plan: `${l.productName} (Savings Plans)`, ri: `${l.productName} (Reserved Instances)`,
    credit: `AWS credits (${l.productCode})`, refund: `AWS refund (${l.productCode})`, tax: `AWS tax (${l.productCode})`, spp_discount: `SPP discount (${l.productCode})`,
    managed_fee: l.productName, adjustment: l.productName,
  };
  return `${what[l.lineType]}${acct} – ${ym(month)}`;
}

/** Billed amounts per line type and rule (spec §5.6). */
function priceLines(world: BillWorld, customer: BillingCustomer, terms: CustomerTerms, rule: RuleTerms, dec: ReturnType<typeof billDecisions>, lines: BillLineCalc[], _m: number): void {
  const f = listFactor(rule);
  const costPlus = rule.rule === 'cost_plus' ? 1 + rule.pct / 100 : 0;
  const atList = (l: BillLineCalc): number => cents(costPlus ? l.cost * costPlus : l.list * f);
  for (const l of lines) {
    switch (l.lineType) {
      case 'usage':
      case 'marketplace':
        l.billed = atList(l);
        break;
      case 'support':
        l.billed = terms.supportUnbilled ? 0 : atList(l);
        break;
      case 'savings_plan':
      case 'ri': {
        // Covered usage (list > 0, cost 0) vs the recurring/upfront fee (cost > 0, list 0) of the same product.
        const feeOnPayer = l.lineType === 'savings_plan' && l.model?.sp?.mode === 'payer';
        const billList = terms.commitmentBilling === 'list' || feeOnPayer;
        l.billed = costPlus ? cents(l.cost * costPlus) : billList ? cents(l.list * f) : cents(l.cost * f);
        break;
      }
      case 'credit':
        l.billed = dec.credit === 'pass' ? l.cost : 0;
        break;
      case 'refund':
        l.billed = dec.refundPassed ? l.cost : 0;
        break;
      case 'spp_discount':
        l.billed = costPlus ? cents(l.cost * costPlus) : 0;
        break;
      default:
        l.billed = 0;
    }
    l.billed = cents(l.billed);
  }
  if (rule.rule === 'fixed_fee') {
    const listed = lines.filter((l) => (l.lineType === 'usage' || l.lineType === 'support' || l.lineType === 'marketplace' || l.lineType === 'savings_plan' || l.lineType === 'ri') && l.list > 0);
    const flat = cents(usdToMicros(medianList(world, customer.partnerId) * terms.fixedFeeFactor));
    const parts = splitInt(flat / MICROS_PER_CENT, listed.map((l) => l.list));
    listed.forEach((l, i) => (l.billed = (parts[i] ?? 0) * MICROS_PER_CENT));
    for (const l of lines) if (!listed.includes(l) && (l.lineType === 'savings_plan' || l.lineType === 'ri')) l.billed = 0;
  }
}
