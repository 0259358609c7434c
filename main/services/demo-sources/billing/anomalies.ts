/**
 * Ground truth of the billing half (spec §6): prior-month spend per entity and gt_billing_anomaly rows.
 * Built from the small summaries the passes keep (bills, move plans, CUR facts), never from table scans.
 */
import type { BillingFacts } from '../universe-types';
import type { BillSummary } from './bill-plan';
import type { Month } from './calendar';
import type { CurFacts } from './cur-write';
import { MICROS_PER_CENT, roundHalfAway } from './money';
import type { MovePlan } from './move-types';
import type { BillingSetup } from './setup';

export type Anomaly = BillingFacts['anomalies'][number];

const usd = (micros: number): number => Math.round(micros / 10_000) / 100;

export function priorMonthSpend(facts: CurFacts): BillingFacts['priorMonthSpend'] {
  const out: BillingFacts['priorMonthSpend'] = new Map();
  for (const [entityId, gross] of [...facts.priorGross.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    out.set(entityId, { grossUsd: gross / 1e6, netUsd: (facts.priorNet.get(entityId) ?? 0) / 1e6 });
  }
  return out;
}

/** |Σ per-line round(billed × fx) − round(Σ billed × fx)| at or above this many cents is reported as fx_rounding. */
export const FX_ROUNDING_CENTS = 2;

export function collectAnomalies(setup: BillingSetup, facts: CurFacts, bills: readonly BillSummary[], plans: readonly MovePlan[]): Anomaly[] {
  const months = setup.ctx.months;
  const out: Anomaly[] = [];
  const period = (m: number): string => months[m] as Month;
  for (const b of bills) {
    const base = { billId: b.id, awsAccountId: null, period: period(b.m) };
    if (b.outcome === 'missing' || (b.outcome === 'error' && b.invoiceDate <= setup.ctx.asOf)) {
      out.push({ kind: 'missing_invoice', ...base, moveId: null, detail: { billName: b.name, billState: b.state, billedUsd: usd(b.billed), costUsd: usd(b.cost), reason: b.outcome === 'error' ? b.errorMessage : 'validated, never invoiced' } });
    }
    if (b.keptCredit) out.push({ kind: 'credit_kept', ...base, moveId: b.moveId, detail: { billName: b.name, creditUsd: usd(-b.creditCost) } });
    if (b.credit === 'deferred' && b.creditCost !== 0) out.push({ kind: 'credit_deferred', ...base, moveId: b.moveId, detail: { billName: b.name, creditUsd: usd(-b.creditCost), billedIn: b.m + 1 < months.length - 1 ? period(b.m + 1) : null } });
    if (b.resaleBilled > 0 && b.resaleBilled - b.resaleCost < 0) {
      out.push({ kind: 'negative_margin', ...base, moveId: b.moveId, detail: { billName: b.name, rule: b.terms.rule, marginPct: Math.round(((b.resaleBilled - b.resaleCost) / b.resaleBilled) * 10_000) / 100, marginUsd: usd(b.resaleBilled - b.resaleCost) } });
    }
  }
  for (const p of plans) {
    const s = p.source;
    if (s.kind === 'aws' && !s.linked) out.push({ kind: 'invoice_without_bill', billId: s.bill.id, moveId: p.id, awsAccountId: null, period: period(s.bill.m), detail: { moveName: p.name, billName: s.bill.name, reason: 'staging bill cancelled, invoice issued anyway' } });
    if (s.kind === 'lump') out.push({ kind: 'manual_lump_invoice', billId: s.bill.id, moveId: p.id, awsAccountId: null, period: period(s.bill.m), detail: { moveName: p.name, ref: p.ref } });
    if (s.kind === 'aws' && p.state === 'cancel') {
      const re = plans.find((q) => q !== p && q.source.kind === 'aws' && q.source.bill === s.bill && q.state !== 'cancel');
      out.push({ kind: 'cancelled_reissued', billId: s.bill.id, moveId: p.id, awsAccountId: null, period: period(s.bill.m), detail: { cancelledMoveName: p.name, reissuedMoveId: re?.id ?? null } });
    }
    if (s.kind === 'aws' && s.linked && p.state !== 'cancel' && s.bill.billedCurCents < 0) out.push({ kind: 'negative_bill_as_refund', billId: s.bill.id, moveId: p.id, awsAccountId: null, period: period(s.bill.m), detail: { moveName: p.name, totalCents: s.bill.billedCurCents } });
    if (s.kind === 'aws' && s.linked && p.state !== 'cancel' && p.currency !== 'USD') {
      const diff = s.bill.billedCurCents - roundHalfAway((s.bill.billed * s.bill.fx) / MICROS_PER_CENT);
      if (Math.abs(diff) >= FX_ROUNDING_CENTS) out.push({ kind: 'fx_rounding', billId: s.bill.id, moveId: p.id, awsAccountId: null, period: period(s.bill.m), detail: { currency: p.currency, fxRate: s.bill.fx, diffCents: diff } });
    }
  }
  for (const [model, u] of facts.unmapped) {
    out.push({ kind: 'unmapped_account', billId: null, moveId: null, awsAccountId: model.awsId, period: period(u.first), detail: { inCAwsAccounts: !model.phantom, months: u.months, costUsd: usd(u.micros) } });
  }
  for (const model of setup.models) {
    if (!model.split) continue;
    out.push({ kind: 'payer_move', billId: null, moveId: null, awsAccountId: model.awsId, period: period(model.split.m), detail: { fromPayer: model.split.otherPayer, toPayer: model.payerAt(model.split.m), twoPayersSameMonth: true } });
  }
  for (const r of facts.restated) {
    out.push({ kind: 'restated_cost', billId: null, moveId: null, awsAccountId: r.model.awsId, period: period(r.m), detail: { postedMonth: period(r.posted), lineItemType: r.row.type, amountUsd: usd(r.row.cost) } });
  }
  return out;
}
