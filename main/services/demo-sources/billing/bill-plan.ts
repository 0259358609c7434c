/**
 * Plans the staging bills (c_billing_bill) of every customer × closed month: totals (from `computeBill`, not
 * stored line by line), ids and names, and what happens to each bill (spec §5.6 states: invoiced 96.5%,
 * validated but never invoiced 1.5%, error 0.5%, cancelled 0.5%, draft in the latest month 1%; plus 1% handled
 * by a manual lump-sum invoice, spec §5.7). Keeps one small summary per bill (≈ 9,900 at prod).
 */
import { stream } from '../rng';
import type { BillingCustomer } from '../universe-types';
import { addDays, addMonths, monthEnd, timestamp, ym, type IsoDate, type Month } from './calendar';
import { billDecisions, computeBill, type BillWorld, type CreditDecision } from './bills';
import type { FxTable, InvoiceCurrency } from './fx';
import { MICROS_PER_CENT, roundHalfAway } from './money';
import type { RuleTerms } from './pricing';

export type BillOutcome = 'invoice' | 'pending' | 'missing' | 'error' | 'cancelled' | 'lump' | 'draft' | 'nothing';
export type BillState = 'draft' | 'computed' | 'validated' | 'invoiced' | 'error' | 'cancelled';

export type BillSummary = {
  id: number;
  name: string;
  customer: BillingCustomer;
  m: number;
  currency: InvoiceCurrency;
  fx: number;
  terms: RuleTerms;
  cost: number;
  list: number;
  billed: number;
  margin: number;
  resaleBilled: number;
  resaleCost: number;
  /** Σ per-line round(billed × fx) in cents of the bill currency = the detailed invoice's untaxed amount */
  billedCurCents: number;
  lineCount: number;
  firstLineId: number;
  outcome: BillOutcome;
  state: BillState;
  errorMessage: string | null;
  payerAccountId: string | null;
  invoiceDate: IsoDate;
  createTs: string;
  credit: CreditDecision;
  creditCost: number;
  keptCredit: boolean;
  /** account_move id of the invoice that settles the bill (set once move ids exist) */
  moveId: number | null;
};

/** Invoice date of a customer-month: month end + lag (70% 2–5 d, 25% 6–12 d, 5% 13–40 d). */
export function plannedInvoiceDate(seed: string, partnerId: number, month: Month): IsoDate {
  const r = stream(seed, `inv-date|${partnerId}|${ym(month)}`);
  const lag = r.weighted([[[2, 5], 70], [[6, 12], 25], [[13, 40], 5]] as const);
  return addDays(monthEnd(month), r.int(lag[0], lag[1]));
}

export function planBills(world: BillWorld, fx: FxTable): BillSummary[] {
  const { setup } = world;
  const n = setup.ctx.months.length;
  const customers = [...setup.universe.customers].sort((a, b) => a.partnerId - b.partnerId).filter((c) => setup.byPartner.has(c.partnerId));
  const bills: BillSummary[] = [];
  let lineId = 1;
  for (let m = 0; m < n - 1; m++) {
    const month = setup.ctx.months[m] as Month;
    let seq = 0;
    for (const customer of customers) {
      const calc = computeBill(world, customer, m);
      if (!calc) continue;
      const rate = fx.usdTo(customer.currency, monthEnd(month));
      let billedCurCents = 0;
      for (const l of calc.lines) billedCurCents += roundHalfAway((l.billed * rate) / MICROS_PER_CENT);
      const dec = billDecisions(world, customer.partnerId, m);
      const invoiceDate = plannedInvoiceDate(setup.ctx.seed, customer.partnerId, month);
      const due = invoiceDate <= setup.ctx.asOf;
      const draftRoll = stream(setup.ctx.seed, `bill-draft|${customer.partnerId}|${ym(month)}`).next();
      const nothing = calc.lines.every((l) => l.billed === 0);
      let outcome: BillOutcome;
      if (nothing) outcome = 'nothing';
      else if (dec.stateRoll < 0.005) outcome = 'cancelled';
      else if (dec.stateRoll < 0.01) outcome = 'error';
      else if (dec.stateRoll < 0.025) outcome = due ? 'missing' : 'pending';
      else if (dec.stateRoll < 0.035) outcome = due ? 'lump' : 'pending';
      else if (m === n - 2 && draftRoll < 0.01) outcome = 'draft';
      else outcome = due ? 'invoice' : 'pending';
      const state: BillState = { invoice: 'invoiced', pending: 'validated', missing: 'validated', lump: 'validated', error: 'error', cancelled: 'cancelled', draft: 'draft', nothing: 'computed' }[outcome] as BillState;
      const firstResold = calc.lines.find((l) => l.model)?.model ?? null;
      const created = addDays(addMonths(month, 1), 2 + (customer.partnerId % 3));
      seq++;
      bills.push({
        id: bills.length + 1, name: `AWSBILL/${month.slice(0, 4)}/${month.slice(5, 7)}/${String(seq).padStart(4, '0')}`, customer, m, currency: customer.currency, fx: rate,
        terms: calc.terms, cost: calc.cost, list: calc.list, billed: calc.billed, margin: calc.margin, resaleBilled: calc.resaleBilled, resaleCost: calc.resaleCost,
        billedCurCents, lineCount: calc.lines.length, firstLineId: lineId, outcome, state,
        errorMessage: outcome === 'error' ? `Unmapped AWS account ${firstResold?.awsId ?? '000000000000'}: no customer mapping at billing time` : null,
        payerAccountId: firstResold ? firstResold.payerAt(m) : null, invoiceDate, createTs: timestamp(created < setup.ctx.asOf ? created : setup.ctx.asOf, 4 * 3600 + (customer.partnerId % 900)),
        credit: calc.credit, creditCost: calc.creditCost, keptCredit: calc.credit === 'kept' && calc.creditCost !== 0, moveId: null,
      });
      lineId += calc.lines.length;
    }
  }
  return bills;
}
