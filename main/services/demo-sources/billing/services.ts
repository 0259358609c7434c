/**
 * Services invoices from confirmed sale orders (spec §5.7): T&M monthly, MAP/fixed-fee milestones, managed
 * subscriptions. Each order-month draws Poisson(λ_kind × multiplier) invoices; the multiplier is calibrated by
 * bisection so account_move hits its exact prod count. Knuth's Poisson on a fixed stream is monotone in λ and
 * the invoice dates come from a separate stream, so the count is monotone in the multiplier.
 */
import { stream } from '../rng';
import type { BillingCustomer, ServiceOrder } from '../universe-types';
import { addDays, monthDiff, monthEnd, monthLabel, monthOf, ym, type IsoDate, type Month } from './calendar';
import { catalogByProductId } from './catalog';
import type { FxTable } from './fx';
import { ACCOUNT } from './ids';
import { roundHalfAway } from './money';
import type { ServiceLinePlan } from './move-types';
import type { BillingSetup } from './setup';

type Slot = { order: ServiceOrder; m: number; lambda: number };

export type ServiceInvoice = { order: ServiceOrder; customer: BillingCustomer | null; m: number; j: number; date: IsoDate; key: string };

const LAMBDA: Record<ServiceOrder['kind'], number> = { time_and_materials: 0.9, fixed_fee: 0.6, subscription: 1.0 };

export function serviceSlots(setup: BillingSetup): Slot[] {
  const slots: Slot[] = [];
  const first = setup.ctx.months[0] as Month;
  const orders = [...setup.universe.serviceOrders].sort((a, b) => a.saleOrderId - b.saleOrderId);
  for (const order of orders) {
    const r = stream(setup.ctx.seed, `svc-window|${order.saleOrderId}`);
    const len = order.kind === 'subscription' ? 12 : order.kind === 'fixed_fee' ? r.int(1, 4) : r.int(2, 9);
    const start = monthDiff(first, monthOf(order.confirmedDate));
    for (let m = Math.max(0, start); m < Math.min(setup.ctx.months.length, start + len); m++) slots.push({ order, m, lambda: LAMBDA[order.kind] });
  }
  return slots;
}

function slotDate(setup: BillingSetup, slot: Slot, j: number): IsoDate {
  const month = setup.ctx.months[slot.m] as Month;
  const r = stream(setup.ctx.seed, `svc-date|${slot.order.saleOrderId}|${ym(month)}|${j}`);
  const d = slot.order.kind === 'time_and_materials' ? addDays(monthEnd(month), r.int(1, 6)) : slot.order.kind === 'subscription' ? addDays(month, r.int(0, 4)) : addDays(month, r.int(4, 26));
  return d < slot.order.confirmedDate ? slot.order.confirmedDate : d;
}

function* invoicesOf(setup: BillingSetup, slots: readonly Slot[], mult: number): Generator<ServiceInvoice> {
  for (const slot of slots) {
    const month = setup.ctx.months[slot.m] as Month;
    const count = stream(setup.ctx.seed, `svc|${slot.order.saleOrderId}|${ym(month)}`).poisson(Math.min(29, slot.lambda * mult));
    for (let j = 0; j < count; j++) {
      const date = slotDate(setup, slot, j);
      if (date > setup.ctx.asOf || date < (setup.ctx.months[0] as string)) continue;
      yield { order: slot.order, customer: setup.customers.get(slot.order.partnerId) ?? null, m: slot.m, j, date, key: `svc|${String(slot.order.saleOrderId).padStart(7, '0')}|${ym(month)}|${j}` };
    }
  }
}

export function countServiceInvoices(setup: BillingSetup, slots: readonly Slot[], mult: number): number {
  let n = 0;
  for (const _ of invoicesOf(setup, slots, mult)) n++;
  return n;
}

/** Service invoices: exactly `needed` when given (bisection on the multiplier, surplus ties dropped latest-first). */
export function planServiceInvoices(setup: BillingSetup, needed: number | null, log: (msg: string) => void): ServiceInvoice[] {
  const slots = serviceSlots(setup);
  let mult = 1;
  if (needed !== null) {
    if (needed < 0) throw new Error(`exact account_move count: ${-needed} more moves than the target before any services invoice`);
    let lo = 0;
    let hi = 1;
    while (countServiceInvoices(setup, slots, hi) < needed && hi < 64) hi *= 2;
    if (countServiceInvoices(setup, slots, hi) < needed) throw new Error(`exact account_move count: the sale orders yield at most ${countServiceInvoices(setup, slots, hi)} services invoices, ${needed} needed`);
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (countServiceInvoices(setup, slots, mid) >= needed) hi = mid;
      else lo = mid;
    }
    mult = hi;
  }
  const out = [...invoicesOf(setup, slots, mult)];
  log(`billing: services invoices λ multiplier ${mult.toFixed(4)} → ${out.length}${needed !== null ? ` (need ${needed})` : ''}`);
  if (needed !== null && out.length > needed) {
    const drop = new Set([...out].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.key < b.key ? 1 : -1)).slice(0, out.length - needed).map((x) => x.key));
    return out.filter((x) => !drop.has(x.key));
  }
  return out;
}

/** Invoice lines of a services invoice in the customer's currency. */
export function serviceLines(setup: BillingSetup, fx: FxTable, inv: ServiceInvoice): ServiceLinePlan[] {
  const currency = inv.customer?.currency ?? 'EUR';
  const rate = fx.rate(currency, inv.date);
  const month = setup.ctx.months[inv.m] as Month;
  return inv.order.lines.map((line, i) => {
    const r = stream(setup.ctx.seed, `svc-amount|${inv.key}|${i}`);
    const t = catalogByProductId(line.productId);
    const accountId = t?.role === 'tm' || t?.role === 'map_fixed' ? ACCOUNT.servicesRevenue : t?.role === 'managed' || t?.role === 'admin_fee' ? ACCOUNT.managedRevenue : ACCOUNT.productSales;
    const listEur = Number(t?.listPrice ?? '0');
    if (inv.order.kind === 'time_and_materials' && listEur > 0) {
      const amount = line.amountEur * r.uniform(0.08, 0.3);
      const qty = Math.max(0.25, Math.round((amount / listEur) * 4) / 4);
      const priceUnitCents = roundHalfAway(listEur * rate * 100);
      return { productId: line.productId, accountId, uomId: t?.uomId ?? 1, name: `${line.description} – ${monthLabel(month)}`, qty, priceUnitCents, subtotalCents: roundHalfAway(qty * priceUnitCents) };
    }
    const share = inv.order.kind === 'subscription' ? 1 / 12 : r.uniform(0.3, 0.6);
    const cents = Math.max(1, roundHalfAway(line.amountEur * share * rate * 100));
    const label = inv.order.kind === 'subscription' ? `${line.description} – ${monthLabel(month)}` : `${line.description} – milestone ${inv.j + 1}`;
    return { productId: line.productId, accountId, uomId: t?.uomId ?? 1, name: label, qty: 1, priceUnitCents: cents, subtotalCents: cents };
  });
}
