/**
 * COPY of c_billing_spp_bill, c_billing_bill and c_billing_bill_line. Bill lines are recomputed per bill
 * (`computeBill`) and streamed; while they pass, the inputs of the invoice-line calibration are collected
 * (one float, int and byte per billed usage line ≈ 1.4 MB at prod) instead of the lines themselves.
 */
import { ODOO_IDS, type SourceWriter } from '../universe-types';
import type { BillSummary } from './bill-plan';
import { computeBill, type BillWorld } from './bills';
import { addDays, addMonths, timestamp, type Month } from './calendar';
import { awsInvoiceId, sppKey, type CurFacts } from './cur-write';
import { expansionInputs } from './expansion';
import type { MovePlan } from './move-types';
import { MICROS_PER_CENT, fmtCents, fmtMicros, roundHalfAway } from './money';
import { currencyId } from './reference';
import { LEGAL_ENTITY } from './regions';
import { stream } from '../rng';

const AUDIT = ['create_uid', 'create_date', 'write_uid', 'write_date'] as const;
const cents = (micros: number): string => fmtCents(roundHalfAway(micros / MICROS_PER_CENT));

export async function writeSppBills(odoo: SourceWriter, world: BillWorld, facts: CurFacts, vendorMoves: ReadonlyMap<string, MovePlan>): Promise<number> {
  const { setup } = world;
  const n = setup.ctx.months.length;
  const rows: unknown[][] = [];
  for (const p of setup.universe.sppPayers) {
    for (let m = 0; m < n; m++) {
      const s = facts.spp.get(sppKey(p.awsAccountId, m)) ?? { usage: 0, spp: 0, credits: 0, fees: 0, support: 0, marketplace: 0, tax: 0, total: 0 };
      const month = setup.ctx.months[m] as Month;
      const move = vendorMoves.get(`${p.awsAccountId}|${m}`) ?? null;
      const invoiceDate = addDays(addMonths(month, 1), 1);
      const issued = m < n - 1 && invoiceDate <= setup.ctx.asOf;
      const disputed = stream(setup.ctx.seed, `spp-dispute|${p.awsAccountId}|${m}`).chance(0.03);
      const state = !issued ? 'estimated' : !move ? 'imported' : disputed ? 'disputed' : 'reconciled';
      const created = timestamp(issued ? addDays(invoiceDate, 1) : setup.ctx.asOf, 5 * 3600 + m);
      const written = move ? move.createTs : created;
      rows.push([
        rows.length + 1, issued ? awsInvoiceId(setup, p.awsAccountId, m) : null, p.awsAccountId, month, LEGAL_ENTITY[p.region], cents(s.usage), cents(s.spp), cents(s.credits), cents(s.fees),
        cents(s.support), cents(s.marketplace), cents(s.tax), cents(s.total), ODOO_IDS.currency.USD, issued ? invoiceDate : null, issued ? addDays(invoiceDate, 30) : null, move?.id ?? null, state,
        ODOO_IDS.odooBotUser, created, ODOO_IDS.odooBotUser, written > created ? written : created,
      ]);
    }
  }
  return odoo.copy('c_billing_spp_bill', ['id', 'name', 'bill_payer_account_id', 'billing_period', 'invoicing_entity', 'amount_usage', 'amount_spp_discount', 'amount_credits', 'amount_savings_plan_fees', 'amount_support', 'amount_marketplace', 'amount_tax', 'amount_total', 'currency_id', 'invoice_date', 'due_date', 'vendor_move_id', 'state', ...AUDIT], rows);
}

export async function writeBills(odoo: SourceWriter, world: BillWorld, bills: readonly BillSummary[], moveById: ReadonlyMap<number, MovePlan>): Promise<number> {
  const { setup } = world;
  return odoo.copy('c_billing_bill', ['id', 'name', 'partner_id', 'billing_period', 'payer_account_id', 'currency_id', 'fx_rate', 'pricing_rule', 'pricing_pct', 'amount_cost', 'amount_list', 'amount_billed', 'amount_billed_currency', 'amount_margin', 'state', 'account_move_id', 'error_message', 'company_id', ...AUDIT],
    (function* () {
      for (const b of bills) {
        const move = b.moveId === null ? null : (moveById.get(b.moveId) ?? null);
        const written = move && move.createTs > b.createTs ? move.createTs : b.createTs;
        yield [
          b.id, b.name, b.customer.partnerId, setup.ctx.months[b.m], b.payerAccountId, currencyId(b.currency), b.fx.toFixed(6), b.terms.rule, b.terms.pct.toFixed(2),
          fmtMicros(b.cost), fmtMicros(b.list), cents(b.billed), fmtCents(b.billedCurCents), fmtMicros(b.margin), b.state, b.moveId, b.errorMessage, ODOO_IDS.company,
          ODOO_IDS.odooBotUser, b.createTs, ODOO_IDS.odooBotUser, written,
        ];
      }
    })());
}

/** Inputs of the invoice-line calibration, filled while bill lines stream by. */
export type ExpansionInputs = { e: Float32Array; cap: Int32Array; mult: Uint8Array; size: number; fixed: number };

export async function writeBillLines(odoo: SourceWriter, world: BillWorld, bills: readonly BillSummary[], multiplicity: ReadonlyMap<number, number>, taxable: (b: BillSummary) => boolean): Promise<ExpansionInputs> {
  const { setup } = world;
  let total = 0;
  for (const b of bills) total += b.lineCount;
  const inputs: ExpansionInputs = { e: new Float32Array(total), cap: new Int32Array(total), mult: new Uint8Array(total), size: 0, fixed: 0 };
  let id = 0;
  function* rows(): Generator<unknown[]> {
    for (const b of bills) {
      const calc = computeBill(world, b.customer, b.m);
      if (!calc || calc.lines.length !== b.lineCount || b.firstLineId !== id + 1) throw new Error(`bill ${b.name}: lines changed between planning and writing (non-deterministic generator)`);
      const mult = multiplicity.get(b.id) ?? 0;
      const accounts = new Set<number>();
      let fixed = 1 + (taxable(b) ? 1 : 0);
      for (const l of calc.lines) {
        if (l.billed !== 0 && mult > 0) {
          const { e, cap } = expansionInputs(l, roundHalfAway((l.billed * b.fx) / MICROS_PER_CENT));
          if (e > 0) {
            inputs.e[inputs.size] = e;
            inputs.cap[inputs.size] = cap;
            inputs.mult[inputs.size] = mult;
            inputs.size++;
          } else fixed++;
          if (l.model) accounts.add(l.model.idx);
        }
        yield [
          ++id, b.id, l.model?.odooId ?? null, l.model?.awsId ?? null, setup.ctx.months[l.usageMonth], l.productCode, l.productName, l.productId, l.lineType,
          fmtMicros(l.cost), fmtMicros(l.list), fmtMicros(l.billed), fmtMicros(l.margin), fmtMicros(l.qty), l.description, l.curIds,
          ODOO_IDS.odooBotUser, b.createTs, ODOO_IDS.odooBotUser, b.createTs,
        ];
      }
      if (world.terms.get(b.customer.partnerId)?.sections) fixed += accounts.size;
      inputs.fixed += fixed * mult;
    }
  }
  await odoo.copy('c_billing_bill_line', ['id', 'bill_id', 'c_aws_account_id', 'aws_account_id', 'usage_month', 'product_code', 'product_name', 'product_id', 'line_type', 'cost_amount', 'list_amount', 'billed_amount', 'margin_amount', 'quantity', 'description', 'cur_row_ids', ...AUDIT], rows());
  return inputs;
}
