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
  return forced;
}
