/**
 * Cost vs. invoice arithmetic, shared by main (queries, exports) and the renderer (charts, tables).
 *
 * Invariants:
 * - Amounts are in the reporting currency (USD) unless a function says otherwise; rounding to cents happens
 *   only where a figure is shown or compared, never between steps (sums of rounded parts drift).
 * - margin = invoiced − net cost; margin % = margin / invoiced, null when nothing was invoiced (a % of zero
 *   revenue is not a number anyone can act on).
 * - Credit notes (out_refund) count negative; an invoice counts positive whatever sign the source stored.
 * - FX follows Odoo: a rate is units of the currency per 1 unit of the company currency (the company
 *   currency itself is 1), so amount in B = amount in A × rate(B) / rate(A).
 */

export const REPORTING_CURRENCY = 'USD';

export const roundCents = (x: number): number => Math.round((x + Number.EPSILON * Math.sign(x)) * 100) / 100;

export type Margin = { margin: number; marginPct: number | null };

export function margin(invoiced: number, netCost: number): Margin {
  const m = invoiced - netCost;
  return { margin: m, marginPct: roundCents(invoiced) === 0 ? null : m / invoiced };
}

/** Net cost from the CUR buckets: usage charges plus credits, refunds and discounts (all ≤ 0), without tax. */
export type CostBuckets = {
  usage: number;
  credits: number;
  refunds: number;
  discountSpp: number;
  discountPod: number;
  discountOther: number;
  tax: number;
  other: number;
};

export function netCost(b: CostBuckets): number {
  return b.usage + b.credits + b.refunds + b.discountSpp + b.discountPod + b.discountOther + b.other;
}

export function unblendedCost(b: CostBuckets): number {
  return netCost(b) + b.tax;
}

export type MoveType = 'out_invoice' | 'out_refund';

/** A customer document's amount as the explorer counts it: invoices positive, credit notes negative. */
export function signedInvoiceAmount(moveType: MoveType, amount: number): number {
  return moveType === 'out_refund' ? -Math.abs(amount) : Math.abs(amount);
}

/** rates: units per 1 company-currency unit on the invoice date; a currency missing from `rates` is the company currency (1). */
export function convert(amount: number, from: string, to: string, rates: Readonly<Record<string, number>>): number {
  if (from === to) return amount;
  const rFrom = rates[from] ?? 1;
  const rTo = rates[to] ?? 1;
  if (!(rFrom > 0) || !(rTo > 0)) throw new RangeError(`FX rate must be positive (${from}: ${rFrom}, ${to}: ${rTo})`);
  return (amount * rTo) / rFrom;
}

/** The rate in force on `day` (YYYY-MM-DD): newest on or before it, else the oldest after it, else 1. */
export function rateOn(series: readonly { day: string; rate: number }[], day: string): number {
  let before: { day: string; rate: number } | undefined;
  let after: { day: string; rate: number } | undefined;
  for (const r of series) {
    if (r.day <= day) {
      if (!before || r.day > before.day) before = r;
    } else if (!after || r.day < after.day) after = r;
  }
  return (before ?? after)?.rate ?? 1;
}

export type CostInvoice = { cost: number; invoiced: number };

/** Sums cost and invoice and derives the margin (for any grouping of rows). */
export function totalOf(rows: readonly CostInvoice[]): CostInvoice & Margin {
  let cost = 0;
  let invoiced = 0;
  for (const r of rows) {
    cost += r.cost;
    invoiced += r.invoiced;
  }
  return { cost, invoiced, ...margin(invoiced, cost) };
}
