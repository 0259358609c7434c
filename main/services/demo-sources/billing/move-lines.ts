/**
 * account_move_line rows of one planned move, and the header totals they imply (spec §1.2, §5.7):
 * product lines (AWS bill lines expanded to usage types, services lines, vendor-bill categories), one tax line per
 * tax (per-line rounding), one payment_term line that balances the move in company currency (EUR), optional
 * line_section per AWS account. Signs follow Odoo: balance = debit − credit; product lines of an out_invoice
 * credit; amount_currency in the document currency; price_subtotal as shown on the document.
 * Invariant: lines regenerate identically from the plan, so headers can be written after the lines.
 */
import { ODOO_IDS } from '../universe-types';
import type { BillSummary } from './bill-plan';
import { computeBill, type BillWorld } from './bills';
import { monthLabel, ym, type Month } from './calendar';
import { SPECIAL_CODES, productIdByCode } from './catalog';
import { expand, expansionInputs, lineCount } from './expansion';
import type { FxTable } from './fx';
import { ACCOUNT, TAX } from './ids';
import type { MovePlan } from './move-types';
import { MICROS_PER_CENT, fmtCents, fmtFloat, roundHalfAway } from './money';
import type { AnalyticIndex } from './reference';
import { lineTaxCents } from './tax-rules';

export type LineWorld = { world: BillWorld; fx: FxTable; g: number; analytic: AnalyticIndex };

type Spec = {
  section: boolean;
  name: string;
  accountId: number | null;
  productId: number | null;
  uomId: number | null;
  qty: string;
  priceUnitCents: number | null;
  subtotal: number;
  analyticId: number | null;
  awsOdooId: number | null;
  period: Month | null;
  billLineId: number | null;
  usageType: string | null;
};

export type MoveTotals = {
  untaxed: number; tax: number; total: number; untaxedSigned: number; taxSigned: number; totalSigned: number; totalInCurrencySigned: number;
  residual: number; residualSigned: number; lines: number;
};

export const LINE_COLUMNS = [
  'id', 'move_id', 'move_name', 'ref', 'parent_state', 'date', 'invoice_date', 'date_maturity', 'journal_id', 'company_id', 'company_currency_id', 'currency_id', 'partner_id',
  'account_id', 'product_id', 'product_uom_id', 'tax_line_id', 'tax_group_id', 'display_type', 'name', 'quantity', 'price_unit', 'discount', 'price_subtotal', 'price_total', 'debit',
  'credit', 'balance', 'amount_currency', 'amount_residual', 'amount_residual_currency', 'reconciled', 'analytic_distribution', 'sequence', 'c_aws_account_id', 'c_billing_period',
  'c_bill_line_id', 'c_usage_type', 'create_uid', 'create_date', 'write_uid', 'write_date',
] as const;

const product = (subtotal: number, name: string, accountId: number, productId: number | null, extra?: Partial<Spec>): Spec => {
  const spec: Spec = { section: false, name, accountId, productId, uomId: 1, qty: '1.00', priceUnitCents: subtotal, subtotal, analyticId: null, awsOdooId: null, period: null, billLineId: null, usageType: null };
  return extra ? Object.assign(spec, extra) : spec;
};

/** Product lines of the detailed AWS invoice of a bill (document sign: a negative bill becomes a refund). */
function awsSpecs(lw: LineWorld, bill: BillSummary): Spec[] {
  const { world } = lw;
  const calc = computeBill(world, bill.customer, bill.m);
  if (!calc) return [];
  const flip = bill.billedCurCents < 0 ? -1 : 1;
  const terms = world.terms.get(bill.customer.partnerId);
  const analyticId = lw.analytic.get(bill.customer.partnerId) ?? null;
  const months = world.setup.ctx.months;
  const out: Spec[] = [];
  let lastModel = -1;
  calc.lines.forEach((l, i) => {
    if (l.billed === 0) return;
    const billLineId = bill.firstLineId + i;
    const cents = roundHalfAway((l.billed * bill.fx) / MICROS_PER_CENT);
    if (terms?.sections && l.model && l.model.idx !== lastModel) {
      out.push({ ...product(0, `AWS account ${l.model.awsId} (${l.model.alias})`, 0, null), section: true, accountId: null, uomId: null, qty: '0.00', priceUnitCents: 0 });
    }
    lastModel = l.model?.idx ?? -1;
    const usageMonth = months[l.usageMonth] as Month;
    const { e, cap } = expansionInputs(l, cents);
    const accountId = l.lineType === 'managed_fee' || (l.lineType === 'support' && l.productCode === 'PLS-SUPPORT') ? ACCOUNT.managedRevenue : ACCOUNT.awsRevenue;
    for (const part of expand(world.setup.ctx.seed, l, billLineId, cents, lineCount(e, cap, lw.g))) {
      const name = part.usageType ? `${part.usageType} – ${l.model?.awsId ?? ''} – ${ym(usageMonth)}` : l.description;
      const cents2 = flip * part.cents;
      out.push({ section: false, name, accountId, productId: l.productId, uomId: 1, qty: '1.00', priceUnitCents: cents2, subtotal: cents2, analyticId, awsOdooId: l.model?.odooId ?? null, period: usageMonth, billLineId, usageType: part.usageType });
    }
  });
  return out;
}

function specsOf(lw: LineWorld, plan: MovePlan): Spec[] {
  const s = plan.source;
  switch (s.kind) {
    case 'aws':
      return awsSpecs(lw, s.bill);
    case 'lump': {
      const month = lw.world.setup.ctx.months[s.bill.m] as Month;
      return [product(Math.abs(s.bill.billedCurCents), `AWS usage ${monthLabel(month)}`, ACCOUNT.awsRevenue, productIdByCode(SPECIAL_CODES.lump), { analyticId: lw.analytic.get(s.bill.customer.partnerId) ?? null, period: month })];
    }
    case 'credit_note': {
      const orig = s.original.source;
      if (s.full) return specsOf(lw, s.original);
      const base = orig.kind === 'aws' ? Math.abs(orig.bill.billedCurCents) : 0;
      return [product(Math.max(1, roundHalfAway(base * s.fraction)), `Credit for disputed AWS charges (${s.original.name})`, ACCOUNT.awsRevenue, productIdByCode(SPECIAL_CODES.adjustment), { period: plan.period })];
    }
    case 'vendor': {
      const label = `${s.awsInvoiceId} – ${ym(lw.world.setup.ctx.months[s.m] as Month)}`;
      const cats: [number, string, string][] = [
        [s.sums.usage, 'AWS usage', 'AWS-AmazonEC2'], [s.sums.spp, 'SPP discount', SPECIAL_CODES.sppDiscount], [s.sums.credits, 'AWS credits', SPECIAL_CODES.credits],
        [s.sums.fees, 'Savings Plans and RI fees', 'AWS-ComputeSavingsPlans'], [s.sums.support, 'AWS support', 'AWS-AWSSupportBusiness'], [s.sums.marketplace, 'AWS Marketplace', SPECIAL_CODES.marketplace],
        [s.sums.tax, 'AWS tax', SPECIAL_CODES.lump],
      ];
      return cats.filter(([micros]) => roundHalfAway(micros / MICROS_PER_CENT) !== 0).map(([micros, name, code]) => product(roundHalfAway(micros / MICROS_PER_CENT), `${name} ${label}`, ACCOUNT.awsCost, productIdByCode(code), { period: plan.period }));
    }
    case 'service':
      return s.lines.map((l) => product(l.subtotalCents, l.name, l.accountId, l.productId, { uomId: l.uomId, qty: fmtFloat(l.qty, 2), priceUnitCents: l.priceUnitCents }));
    case 'entry':
      return [];
  }
}

/**
 * Yields the lines of `plan` (ids from `firstId`) and fills `totals`. `rate` = units of the document currency per EUR.
 */
export function* moveLines(lw: LineWorld, plan: MovePlan, firstId: number, totals: MoveTotals): Generator<unknown[]> {
  const rate = lw.fx.rate(plan.currency, plan.invoiceDate ?? plan.date);
  const toCompany = (cents: number): number => (plan.currency === 'EUR' ? cents : roundHalfAway(cents / rate));
  const parentState = plan.state;
  const moveName = plan.state === 'draft' ? '/' : plan.name;
  const currencyId = ODOO_IDS.currency[plan.currency];
  let id = firstId;
  let seq = 10;
  // Positional on purpose: ≈2.4M rows at prod, and per-row object spreads dominated the generator's time and GC.
  const row = (
    accountId: number | null, productId: number | null, uomId: number | null, taxLineId: number | null, taxGroupId: number | null, display: string, name: string,
    qty: string | null, priceUnit: string | null, subtotal: string | null, total: string | null, balance: number, amountCurrency: number, residual: number,
    residualCurrency: number, reconciled: boolean, analytic: string | null, awsOdooId: number | null, period: Month | null, billLineId: number | null,
    usageType: string | null, maturity: string | null,
  ): unknown[] => [
    id++, plan.id, moveName, plan.ref, parentState, plan.date, plan.invoiceDate, maturity, plan.journalId, ODOO_IDS.company, ODOO_IDS.currency.EUR, currencyId, plan.partnerId,
    accountId, productId, uomId, taxLineId, taxGroupId, display, name, qty, priceUnit, qty === null ? null : '0.00', subtotal, total,
    fmtCents(balance > 0 ? balance : 0), fmtCents(balance < 0 ? -balance : 0), fmtCents(balance), fmtCents(amountCurrency), fmtCents(residual), fmtCents(residualCurrency), reconciled,
    analytic, seq++, awsOdooId, period, billLineId, usageType, plan.createUid, plan.createTs, plan.createUid, plan.writeTs,
  ];

  if (plan.source.kind === 'entry') {
    let debit = 0;
    for (const l of plan.source.lines) {
      debit += Math.max(0, l.balanceCents);
      yield row(l.accountId, null, null, null, null, 'product', l.name, null, null, null, null, l.balanceCents, l.balanceCents, 0, 0, false, null, null, null, null, null, null);
    }
    Object.assign(totals, { untaxed: debit, tax: 0, total: debit, untaxedSigned: debit, taxSigned: 0, totalSigned: debit, totalInCurrencySigned: debit, residual: 0, residualSigned: 0, lines: id - firstId });
    return;
  }
  // Product lines of an out_invoice are credits (amount_currency = −subtotal); refunds and vendor bills debit.
  const dir = plan.moveType === 'out_invoice' ? -1 : 1;
  const taxRate = plan.moveType === 'in_invoice' ? 0 : plan.tax.ratePct;
  let untaxed = 0;
  let taxTotal = 0;
  let balances = 0;
  let productBalances = 0;
  for (const s of specsOf(lw, plan)) {
    if (s.section) {
      yield row(null, null, null, null, null, 'line_section', s.name, null, null, null, null, 0, 0, 0, 0, false, null, null, null, null, null, null);
      continue;
    }
    const tax = lineTaxCents(s.subtotal, taxRate);
    const amountCurrency = dir * s.subtotal;
    const balance = toCompany(amountCurrency);
    untaxed += s.subtotal;
    taxTotal += tax;
    balances += balance;
    productBalances += balance;
    const subtotal = fmtCents(s.subtotal);
    yield row(
      s.accountId, s.productId, s.uomId, null, null, 'product', s.name, s.qty, s.priceUnitCents === null || s.priceUnitCents === s.subtotal ? subtotal : fmtCents(s.priceUnitCents), subtotal,
      tax === 0 ? subtotal : fmtCents(s.subtotal + tax), balance, amountCurrency, 0, 0, false, s.analyticId === null ? null : `{"${s.analyticId}": 100.0}`, s.awsOdooId, s.period, s.billLineId, s.usageType, null,
    );
  }
  let taxBalance = 0;
  if (taxTotal !== 0) {
    taxBalance = toCompany(dir * taxTotal);
    balances += taxBalance;
    const taxId = plan.moveType === 'in_invoice' ? TAX.purchase19 : plan.tax.taxId;
    yield row(plan.moveType === 'in_invoice' ? ACCOUNT.taxReceivable : ACCOUNT.taxPayable, null, null, taxId, plan.tax.taxGroupId, 'tax', `${taxRate}% VAT`, null, null, null, null, taxBalance, dir * taxTotal, 0, 0, false, null, null, null, null, null, null);
  }
  const total = untaxed + taxTotal;
  const ptBalance = -balances;
  const residualDoc = plan.state === 'cancel' ? 0 : plan.state === 'draft' || plan.paymentState === 'not_paid' ? total : plan.paymentState === 'partial' ? roundHalfAway(total * (1 - plan.partialFraction)) : 0;
  const residualCompany = total === 0 ? 0 : residualDoc === total ? ptBalance : roundHalfAway((ptBalance * residualDoc) / total);
  yield row(
    plan.moveType === 'in_invoice' ? ACCOUNT.payable : ACCOUNT.receivable, null, null, null, null, 'payment_term', plan.state === 'draft' ? '' : plan.name, null, null, null, null, ptBalance,
    -dir * total, residualCompany, -dir * residualDoc, plan.state === 'posted' && residualDoc === 0, null, null, null, null, null, plan.dueDate,
  );
  Object.assign(totals, {
    untaxed, tax: taxTotal, total, untaxedSigned: -productBalances, taxSigned: -taxBalance, totalSigned: ptBalance, totalInCurrencySigned: -dir * total,
    residual: residualDoc, residualSigned: residualCompany, lines: id - firstId,
  });
}

export function emptyTotals(): MoveTotals {
  return { untaxed: 0, tax: 0, total: 0, untaxedSigned: 0, taxSigned: 0, totalSigned: 0, totalInCurrencySigned: 0, residual: 0, residualSigned: 0, lines: 0 };
}
