/**
 * Every anomaly kind of gt_billing_anomaly must exist at every scale (tiny has ≈ 110 bills, where 0.5–1.5% rates
 * can come out empty). When a kind is missing after planning, force it on a deterministic bill (the first
 * eligible one in id order, never the same bill twice) and plan again. Rates at prod are untouched in practice.
 */
import type { BillSummary } from './bill-plan';
import type { BillWorld } from './bills';
import { addDays } from './calendar';

export function ensureAnomalyCoverage(world: BillWorld, bills: readonly BillSummary[]): string[] {
  const { setup } = world;
  const forced: string[] = [];
  const used = new Set<number>();
  const lastClosed = setup.ctx.months.length - 2;
  const eligible = (b: BillSummary, extra: (b: BillSummary) => boolean): boolean =>
    !used.has(b.id) && b.outcome === 'invoice' && b.billed > 0 && b.m < lastClosed && addDays(b.invoiceDate, 12) <= setup.ctx.asOf && extra(b);
  const force = (kind: string, present: boolean, extra: (b: BillSummary) => boolean, set: Parameters<BillWorld['overrides']['set']>[1]): void => {
    if (present) return;
    const b = bills.find((x) => eligible(x, extra));
    if (!b) return;
    used.add(b.id);
    const key = `${b.customer.partnerId}|${b.m}`;
    world.overrides.set(key, { ...(world.overrides.get(key) ?? {}), ...set });
    forced.push(`${kind} on ${b.name}`);
  };
  const notNextToUsed = (b: BillSummary): boolean => !bills.some((x) => used.has(x.id) && x.customer === b.customer && Math.abs(x.m - b.m) <= 1);
  force('credit_kept', bills.some((b) => b.keptCredit), (b) => b.creditCost !== 0 && notNextToUsed(b), { credit: 'kept' });
  force('credit_deferred', bills.some((b) => b.credit === 'deferred' && b.creditCost !== 0), (b) => b.creditCost !== 0 && notNextToUsed(b), { credit: 'deferred' });
  force('missing_invoice', bills.some((b) => b.outcome === 'missing'), notNextToUsed, { stateRoll: 0.02 });
  force('manual_lump_invoice', bills.some((b) => b.outcome === 'lump'), notNextToUsed, { stateRoll: 0.03 });
  force('invoice_without_bill', false, notNextToUsed, { stateRoll: 0.001, orphan: true });
  force('cancelled_reissued', false, notNextToUsed, { cancelReissue: true });
  forceNegativeBill(world, bills, used, forced);
  return forced;
}

/**
 * negative_bill_as_refund needs a bill whose total is below zero: naturally a late credit larger than the month's
 * usage (setup.ts forces one at tiny scale), but the customer may keep that credit or other accounts may outweigh
 * it. Forced the way it happens in practice, on the first bill (id order) where the estimate is at least 1 USD
 * below zero, so rounding and fees cannot lift it back: (1) a bill whose credits, passed through, exceed its
 * charges gets them passed through; else (2) a customer-month's credits are deferred (spec §5.6) into the next
 * month, whose own credits pass through, so that bill carries two months of credits against one month of usage.
 */
function forceNegativeBill(world: BillWorld, bills: readonly BillSummary[], used: Set<number>, forced: string[]): void {
  if (bills.some((b) => b.billedCurCents < 0 && b.outcome === 'invoice')) return;
  const { setup } = world;
  const lastClosed = setup.ctx.months.length - 2;
  const invoiced = (b: BillSummary): boolean => !used.has(b.id) && b.outcome === 'invoice' && b.m < lastClosed && addDays(b.invoiceDate, 12) <= setup.ctx.asOf;
  const passed = (b: BillSummary): number => b.billed + (b.credit === 'pass' ? 0 : b.creditCost);
  const set = (x: BillSummary, o: Parameters<BillWorld['overrides']['set']>[1]): void => {
    used.add(x.id);
    const key = `${x.customer.partnerId}|${x.m}`;
    world.overrides.set(key, { ...(world.overrides.get(key) ?? {}), ...o });
  };
  const own = bills.find((b) => invoiced(b) && b.creditCost !== 0 && passed(b) < -1_000_000);
  if (own) {
    set(own, { credit: 'pass' });
    forced.push(`negative_bill_as_refund on ${own.name} (credits passed through)`);
    return;
  }
  const byKey = new Map(bills.map((b) => [`${b.customer.partnerId}|${b.m}`, b]));
  for (const b of bills) {
    if (used.has(b.id) || b.creditCost === 0) continue;
    const nb = byKey.get(`${b.customer.partnerId}|${b.m + 1}`);
    if (!nb || !invoiced(nb) || passed(nb) + b.creditCost > -1_000_000) continue;
    set(b, { credit: 'deferred' });
    set(nb, { credit: 'pass' });
    forced.push(`negative_bill_as_refund on ${nb.name} (credits of ${b.name} deferred)`);
    return;
  }
}
