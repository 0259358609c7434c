/**
 * Plans every account_move before any line is written: AWS invoices of staging bills (with refunds for negative
 * bills, cancelled & re-issued invoices, drafts, credit notes for disputes, invoices of cancelled bills, manual
 * lump sums), vendor bills for SPP bills, accrual/FX entries and services invoices. Then ids (creation order),
 * names (per journal sequence, drafts '/') and payment states by age. ≈ 12.7k small objects at prod.
 */
import { stream } from '../rng';
import { ODOO_IDS, type BillingCustomer, type OdooUser } from '../universe-types';
import type { BillSummary } from './bill-plan';
import type { BillWorld } from './bills';
import { addDays, addMonths, daysBetween, monthEnd, monthLabel, monthNumber, timestamp, ym, type IsoDate, type Month } from './calendar';
import { awsInvoiceId, isFinal, type CurFacts } from './cur-write';
import type { FxTable, InvoiceCurrency } from './fx';
import { ACCOUNT, JOURNAL, PAYMENT_TERM } from './ids';
import type { MovePlan, MoveSource, MoveType } from './move-types';
import { roundHalfAway } from './money';
import type { CustomerTerms } from './pricing';
import { LEGAL_ENTITY } from './regions';
import { serviceLines, type ServiceInvoice } from './services';
import type { BillingSetup } from './setup';
import { taxRuleFor } from './tax-rules';

export type MovePlanContext = { setup: BillingSetup; fx: FxTable; terms: Map<number, CustomerTerms>; users: OdooUser[]; overrides: BillWorld['overrides'] };

function pickUser(ctx: MovePlanContext, key: string): number {
  const internal = ctx.users.filter((u) => u.teamId !== null);
  const pool = internal.length > 0 ? internal : ctx.users;
  return pool.length > 0 ? stream(ctx.setup.ctx.seed, `uid|${key}`).pick(pool).userId : ODOO_IDS.adminUser;
}

function basePlan(ctx: MovePlanContext, key: string, source: MoveSource, moveType: MoveType, customer: BillingCustomer | null, currency: InvoiceCurrency, invoiceDate: IsoDate, createSec: number): MovePlan {
  const r = stream(ctx.setup.ctx.seed, `pay|${key}`);
  const termDays = customer ? (ctx.terms.get(customer.partnerId)?.paymentTermDays ?? 30) : 30;
  return {
    key, source, moveType, journalId: moveType === 'in_invoice' ? JOURNAL.purchase : moveType === 'entry' ? JOURNAL.misc : JOURNAL.sale,
    partnerId: customer?.partnerId ?? null, customer, currency, invoiceDate: moveType === 'entry' ? null : invoiceDate, date: invoiceDate,
    dueDate: moveType === 'entry' ? null : addDays(invoiceDate, termDays), state: 'posted', createTs: timestamp(invoiceDate, createSec), cancelTs: null,
    createUid: pickUser(ctx, key), ref: null, origin: null, narration: null, billId: null, period: null, tax: taxRuleFor(moveType === 'in_invoice' ? null : customer),
    paymentTermId: moveType === 'entry' ? null : (PAYMENT_TERM[termDays] ?? 3), userId: customer?.userId ?? null, teamId: customer?.teamId ?? null,
    paymentRoll: r.next(), partialFraction: r.uniform(0.1, 0.9), payDelayDays: r.int(3, 58), reversedEntry: null, reversedBy: null,
    id: 0, name: '/', paymentState: 'not_paid', writeTs: '',
  };
}

/** AWS invoices and everything hanging off a staging bill. */
export function planBillMoves(ctx: MovePlanContext, bills: readonly BillSummary[]): MovePlan[] {
  const { setup } = ctx;
  const asOf = setup.ctx.asOf;
  const last = setup.ctx.months.length - 2;
  const out: MovePlan[] = [];
  for (const bill of bills) {
    const month = setup.ctx.months[bill.m] as Month;
    const key = `aws|${String(bill.customer.partnerId).padStart(7, '0')}|${ym(month)}`;
    const r = stream(setup.ctx.seed, `move|${key}`);
    const createSec = r.int(7 * 3600, 18 * 3600);
    const cancelRoll = r.next();
    const cancelDelay = r.int(1, 8);
    const reissueDelay = r.int(2, 12);
    const cnRoll = r.next();
    const cnDelay = r.int(10, 60);
    const cnFull = r.chance(0.3);
    const cnFraction = cnFull ? 1 : r.uniform(0.05, 0.95);
    const draftRoll = r.next();
    const orphanRoll = r.next();
    const ref = `AWS usage ${ym(month)}`;
    const forced = ctx.overrides.get(`${bill.customer.partnerId}|${bill.m}`);
    const invoice = (k: string, date: IsoDate, linked: boolean): MovePlan => {
      const p = basePlan(ctx, k, { kind: 'aws', bill, linked }, bill.billedCurCents < 0 ? 'out_refund' : 'out_invoice', bill.customer, bill.currency, date, createSec);
      p.ref = linked ? bill.name : ref;
      p.origin = linked ? bill.name : null;
      p.billId = linked ? bill.id : null;
      p.period = month;
      p.narration = bill.billedCurCents < 0 ? `AWS credits for ${monthLabel(month)} exceed the usage: credit note instead of an invoice.` : null;
      return p;
    };
    if (bill.outcome === 'cancelled' && bill.invoiceDate <= asOf && (orphanRoll < 0.6 || forced?.orphan)) {
      out.push(invoice(`${key}|orphan`, bill.invoiceDate, false));
      continue;
    }
    if (bill.outcome === 'lump') {
      const p = basePlan(ctx, `${key}|lump`, { kind: 'lump', bill }, bill.billedCurCents < 0 ? 'out_refund' : 'out_invoice', bill.customer, bill.currency, bill.invoiceDate, createSec);
      p.ref = `AWS usage ${monthLabel(month)}`;
      p.period = month;
      out.push(p);
      continue;
    }
    if (bill.outcome !== 'invoice') continue;
    const reissueDate = addDays(bill.invoiceDate, reissueDelay);
    if ((cancelRoll < 0.01 || forced?.cancelReissue) && bill.billedCurCents >= 0 && reissueDate <= asOf) {
      const cancelled = invoice(`${key}|cancelled`, bill.invoiceDate, true);
      cancelled.state = 'cancel';
      cancelled.cancelTs = timestamp(addDays(bill.invoiceDate, Math.min(cancelDelay, reissueDelay)), createSec + 600);
      cancelled.narration = 'Cancelled: wrong billing address, re-issued.';
      out.push(cancelled);
      const reissued = invoice(key, reissueDate, true);
      out.push(reissued);
      continue;
    }
    const p = invoice(key, bill.invoiceDate, true);
    if (bill.m === last && draftRoll < 0.3) p.state = 'draft';
    out.push(p);
    const cnDate = addDays(bill.invoiceDate, cnDelay);
    if (p.state === 'posted' && p.moveType === 'out_invoice' && cnRoll < 0.025 && cnDate <= asOf) {
      const cn = basePlan(ctx, `${key}|cn`, { kind: 'credit_note', original: p, fraction: cnFraction, full: cnFull }, 'out_refund', bill.customer, bill.currency, cnDate, createSec + 1800);
      cn.reversedEntry = p;
      cn.ref = cnFull ? `Reversal of: ${bill.name}, disputed invoice` : `Credit: disputed AWS charges ${ym(month)}`;
      cn.period = month;
      if (cnFull) p.reversedBy = cn;
      out.push(cn);
    }
  }
  return out;
}

/** Vendor bills (in_invoice) for the SPP bills whose AWS invoice (2nd of the next month) exists at asOf. */
export function planVendorBills(ctx: MovePlanContext, facts: CurFacts): MovePlan[] {
  const { setup } = ctx;
  const out: MovePlan[] = [];
  for (const p of setup.universe.sppPayers) {
    for (let m = 0; m < setup.ctx.months.length - 1; m++) {
      const sums = facts.spp.get(`${p.awsAccountId}|${m}`);
      const invoiceDate = addDays(addMonths(setup.ctx.months[m] as Month, 1), 1);
      if (!sums || invoiceDate > setup.ctx.asOf || !isFinal(setup, m)) continue;
      const key = `vendor|${p.awsAccountId}|${ym(setup.ctx.months[m] as Month)}`;
      const id = awsInvoiceId(setup, p.awsAccountId, m);
      const plan = basePlan(ctx, key, { kind: 'vendor', payer: p.awsAccountId, m, sums, awsInvoiceId: id }, 'in_invoice', null, 'USD', invoiceDate, 9 * 3600 + m * 60);
      const legal = LEGAL_ENTITY[p.region];
      plan.partnerId = ctx.setup.universe.awsVendorPartnerIds[legal] ?? Object.values(ctx.setup.universe.awsVendorPartnerIds)[0] ?? null;
      plan.ref = id;
      plan.period = setup.ctx.months[m] as Month;
      plan.date = addDays(invoiceDate, stream(setup.ctx.seed, `vendor-date|${key}`).int(0, 3));
      plan.createTs = timestamp(plan.date, 9 * 3600 + m * 60);
      plan.userId = null;
      plan.teamId = null;
      plan.dueDate = addDays(invoiceDate, 30);
      plan.paymentTermId = PAYMENT_TERM[30] ?? 3;
      out.push(plan);
    }
  }
  return out;
}

/** Month-end accruals of AWS cost (and their reversals) plus quarter-end FX revaluations. */
export function planEntries(ctx: MovePlanContext, facts: CurFacts): MovePlan[] {
  const { setup, fx } = ctx;
  const out: MovePlan[] = [];
  for (let m = 0; m < setup.ctx.months.length - 1; m++) {
    const month = setup.ctx.months[m] as Month;
    let usd = 0;
    for (const p of setup.universe.sppPayers) usd += facts.spp.get(`${p.awsAccountId}|${m}`)?.total ?? 0;
    const end = monthEnd(month);
    // Below prod the move budget is small (spec §4.2: ≈633 / ≈130 moves) and 36 months of accruals would crowd out
    // services invoices: there, month-end accruals start 12 months before asOf (the FX revaluations stay quarterly).
    const accrue = setup.universe.params.scale === 'prod' || m >= setup.ctx.months.length - 13;
    if (usd > 0 && end <= setup.ctx.asOf && accrue) {
      const eur = roundHalfAway(usd / fx.rate('USD', end) / 10_000);
      const label = `AWS cost accrual ${ym(month)}`;
      const acc = basePlan(ctx, `entry|${ym(month)}|accrual`, { kind: 'entry', label, lines: [{ accountId: ACCOUNT.awsCost, name: label, balanceCents: eur }, { accountId: ACCOUNT.accruedAws, name: label, balanceCents: -eur }] }, 'entry', null, 'EUR', end, 20 * 3600);
      acc.ref = label;
      out.push(acc);
      const rev = addDays(end, 1);
      if (rev <= setup.ctx.asOf) {
        const rlabel = `Reversal of: ${label}`;
        const r = basePlan(ctx, `entry|${ym(month)}|reversal`, { kind: 'entry', label: rlabel, lines: [{ accountId: ACCOUNT.accruedAws, name: rlabel, balanceCents: eur }, { accountId: ACCOUNT.awsCost, name: rlabel, balanceCents: -eur }] }, 'entry', null, 'EUR', rev, 6 * 3600);
        r.ref = rlabel;
        r.reversedEntry = acc;
        out.push(r);
      }
    }
    if (monthNumber(month) % 3 === 0 && end <= setup.ctx.asOf) {
      const r = stream(setup.ctx.seed, `fx-reval|${ym(month)}`);
      const cents = roundHalfAway(r.uniform(50, 3000) * 100) * (r.chance(0.5) ? 1 : -1);
      const label = `FX revaluation of open USD/GBP/CHF receivables ${ym(month)}`;
      const lines = cents > 0
        ? [{ accountId: ACCOUNT.receivable, name: label, balanceCents: cents }, { accountId: ACCOUNT.fxGain, name: label, balanceCents: -cents }]
        : [{ accountId: ACCOUNT.fxLoss, name: label, balanceCents: -cents }, { accountId: ACCOUNT.receivable, name: label, balanceCents: cents }];
      const p = basePlan(ctx, `entry|${ym(month)}|fx`, { kind: 'entry', label, lines }, 'entry', null, 'EUR', end, 21 * 3600);
      p.journalId = JOURNAL.exchange;
      p.ref = label;
      out.push(p);
    }
  }
  return out;
}

export function planServiceMoves(ctx: MovePlanContext, invoices: readonly ServiceInvoice[]): MovePlan[] {
  return invoices.map((inv) => {
    const currency = inv.customer?.currency ?? 'EUR';
    const r = stream(ctx.setup.ctx.seed, `svc-move|${inv.key}`);
    const p = basePlan(ctx, inv.key, { kind: 'service', order: inv.order, lines: serviceLines(ctx.setup, ctx.fx, inv) }, 'out_invoice', inv.customer, currency, inv.date, r.int(8 * 3600, 17 * 3600));
    p.partnerId = inv.order.partnerId;
    p.origin = inv.order.name;
    p.ref = inv.order.name;
    if (daysBetween(inv.date, ctx.setup.ctx.asOf) < 7 && r.chance(0.3)) p.state = 'draft';
    return p;
  });
}

const KIND_ORDER: Record<MoveSource['kind'], number> = { entry: 0, vendor: 1, aws: 2, lump: 3, service: 4, credit_note: 5 };

/** Ids in creation order, names per journal sequence (posted and cancelled), payment states by age. */
export function finalizeMoves(ctx: MovePlanContext, plans: MovePlan[]): MovePlan[] {
  const asOf = ctx.setup.ctx.asOf;
  plans.sort((a, b) => (a.createTs < b.createTs ? -1 : a.createTs > b.createTs ? 1 : KIND_ORDER[a.source.kind] - KIND_ORDER[b.source.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  plans.forEach((p, i) => (p.id = i + 1));
  const sequences = new Map<string, MovePlan[]>();
  for (const p of plans) {
    if (p.state === 'draft') continue;
    const y = p.date.slice(0, 4);
    const mm = p.date.slice(5, 7);
    const prefix =
      p.moveType === 'out_invoice' ? `INV/${y}/` : p.moveType === 'out_refund' ? `RINV/${y}/` : p.moveType === 'in_invoice' ? `BILL/${y}/${mm}/` : p.journalId === JOURNAL.exchange ? `EXCH/${y}/${mm}/` : `MISC/${y}/${mm}/`;
    sequences.set(prefix, [...(sequences.get(prefix) ?? []), p]);
  }
  for (const [prefix, list] of sequences) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
    const width = prefix.split('/').length > 3 ? 4 : 5;
    list.forEach((p, i) => (p.name = `${prefix}${String(i + 1).padStart(width, '0')}`));
  }
  for (const p of plans) {
    const age = p.invoiceDate ? daysBetween(p.invoiceDate, asOf) : 0;
    let state = 'not_paid';
    let paidOn: IsoDate | null = null;
    if (p.state === 'posted' && p.moveType !== 'entry') {
      const x = p.paymentRoll;
      if (p.reversedBy && p.reversedBy.state === 'posted') state = 'reversed';
      else if (age > 60) state = x < 0.92 ? 'paid' : x < 0.95 ? 'partial' : 'not_paid';
      else if (age >= 30) state = x < 0.7 ? 'paid' : x < 0.75 ? 'partial' : 'not_paid';
      else state = x < 0.2 ? 'paid' : x < 0.25 ? 'in_payment' : 'not_paid';
      if (state === 'paid' || state === 'in_payment' || state === 'partial') {
        const due = addDays(p.invoiceDate ?? p.date, p.payDelayDays);
        paidOn = due <= asOf ? due : asOf;
      }
      if (state === 'reversed') paidOn = p.reversedBy?.date ?? null;
    } else if (p.moveType === 'entry' && p.state === 'posted') {
      state = 'not_paid';
    }
    p.paymentState = state;
    const events = [p.createTs, p.cancelTs, paidOn ? timestamp(paidOn, 23 * 3600 + 15 * 60) : null].filter((t): t is string => t !== null);
    p.writeTs = events.reduce((a, b) => (b > a ? b : a));
    if (p.writeTs.slice(0, 10) > asOf) p.writeTs = timestamp(asOf, 23 * 3600 + 30 * 60);
  }
  return plans;
}
