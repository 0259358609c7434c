/**
 * Invoice-line calibration and the COPY of account_move_line then account_move.
 * Lines are written first, move by move in id order, and only the per-move totals they produce are kept
 * (≈ 12.7k small records at prod); headers are written from those totals afterwards — so no header total is
 * ever estimated, and the ≈ 2.4M lines never sit in memory.
 */
import { ODOO_IDS, type SourceWriter } from '../universe-types';
import type { ExpansionInputs } from './bill-write';
import { lineCount } from './expansion';
import { emptyTotals, LINE_COLUMNS, moveLines, type LineWorld, type MoveTotals } from './move-lines';
import type { MovePlan } from './move-types';
import { fmtCents } from './money';

/** Lines of moves whose size does not depend on the expansion factor G. */
export function fixedLinesOf(plans: readonly MovePlan[]): number {
  let n = 0;
  for (const p of plans) {
    const taxed = p.moveType !== 'in_invoice' && p.tax.ratePct > 0 ? 1 : 0;
    const s = p.source;
    if (s.kind === 'lump') n += 2 + taxed;
    else if (s.kind === 'credit_note' && !s.full) n += 2 + taxed;
    else if (s.kind === 'vendor') n += 1 + [s.sums.usage, s.sums.spp, s.sums.credits, s.sums.fees, s.sums.support, s.sums.marketplace, s.sums.tax].filter((x) => Math.round(x / 10_000) !== 0).length;
    else if (s.kind === 'entry') n += s.lines.length;
    else if (s.kind === 'service') n += s.lines.length + 1 + taxed;
  }
  return n;
}

/** G such that the invoice-line total is as close as possible to the target (bisection; the count is monotone in G). */
export function calibrateExpansion(inputs: ExpansionInputs, otherFixed: number, target: number): { g: number; expected: number } {
  const total = (g: number): number => {
    let n = inputs.fixed + otherFixed;
    for (let i = 0; i < inputs.size; i++) n += (inputs.mult[i] ?? 0) * lineCount(inputs.e[i] ?? 0, inputs.cap[i] ?? 1, g);
    return n;
  };
  let lo = 0.01;
  let hi = 1;
  while (total(hi) < target && hi < 1024) hi *= 2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (total(mid) >= target) hi = mid;
    else lo = mid;
  }
  const [tl, th] = [total(lo), total(hi)];
  return Math.abs(tl - target) <= Math.abs(th - target) ? { g: lo, expected: tl } : { g: hi, expected: th };
}

export async function writeMoveLines(odoo: SourceWriter, lw: LineWorld, plans: readonly MovePlan[]): Promise<{ totals: MoveTotals[]; lines: number }> {
  const totals: MoveTotals[] = [];
  let next = 1;
  function* rows(): Generator<unknown[]> {
    for (const p of plans) {
      const t = emptyTotals();
      yield* moveLines(lw, p, next, t);
      next += t.lines;
      totals.push(t);
    }
  }
  const lines = await odoo.copy('account_move_line', LINE_COLUMNS, rows());
  if (lines !== next - 1) throw new Error(`account_move_line: wrote ${lines} rows, generated ${next - 1}`);
  return { totals, lines };
}

export async function writeMoves(odoo: SourceWriter, plans: readonly MovePlan[], totals: readonly MoveTotals[], rateOf: (p: MovePlan) => number): Promise<number> {
  return odoo.copy('account_move', [
    'id', 'name', 'ref', 'payment_reference', 'date', 'invoice_date', 'invoice_date_due', 'state', 'move_type', 'journal_id', 'company_id', 'partner_id', 'commercial_partner_id',
    'partner_shipping_id', 'fiscal_position_id', 'invoice_payment_term_id', 'invoice_user_id', 'team_id', 'currency_id', 'invoice_currency_rate', 'amount_untaxed', 'amount_tax',
    'amount_total', 'amount_residual', 'amount_untaxed_signed', 'amount_tax_signed', 'amount_total_signed', 'amount_residual_signed', 'amount_total_in_currency_signed',
    'payment_state', 'reversed_entry_id', 'invoice_origin', 'narration', 'c_billing_bill_id', 'c_billing_period', 'create_uid', 'create_date', 'write_uid', 'write_date',
  ], (function* () {
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i] as MovePlan;
      const t = totals[i] as MoveTotals;
      const invoice = p.moveType !== 'entry';
      const name = p.state === 'draft' ? '/' : p.name;
      yield [
        p.id, name, p.ref, invoice && p.moveType !== 'in_invoice' && p.state !== 'draft' ? p.name : null, p.date, p.invoiceDate, p.dueDate, p.state, p.moveType, p.journalId,
        ODOO_IDS.company, p.partnerId, p.partnerId, invoice ? p.partnerId : null, invoice && p.moveType !== 'in_invoice' ? p.tax.fiscalPositionId : null, p.paymentTermId,
        p.userId, p.teamId, ODOO_IDS.currency[p.currency], invoice ? rateOf(p).toFixed(6) : null, fmtCents(t.untaxed), fmtCents(t.tax), fmtCents(t.total),
        fmtCents(t.residual), fmtCents(t.untaxedSigned), fmtCents(t.taxSigned), fmtCents(t.totalSigned), fmtCents(t.residualSigned), fmtCents(t.totalInCurrencySigned),
        p.paymentState, p.reversedEntry?.id ?? null, p.origin, p.narration, p.billId, p.period, p.createUid, p.createTs, p.createUid, p.writeTs,
      ];
    }
  })());
}
