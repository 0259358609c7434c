/**
 * The Cost sheet: for the AWS accounts of the exported decisions, AWS net cost vs what the customer was
 * invoiced, per account and month, over the 12 months up to the decisions' as-of month — the cost
 * explorer's own figures (monthlyCostVsInvoice over core.cost_mart_account_months), not a second query.
 */
import type { Queryable } from '../../../db/types';
import type { MonthlyCostVsInvoiceRow } from '../cost';
import { monthlyCostVsInvoice } from '../cost';
import type { Column } from './columns';
import { day } from './columns';

/** Months YYYY-MM, inclusive. */
export type CostWindow = { from: string; to: string };

/** The 12 months up to and including the as-of month. */
export function costWindow(asOf: Date | null): CostWindow {
  const end = asOf ?? new Date();
  const to = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
  const from = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1));
  return { from: from.toISOString().slice(0, 7), to: to.toISOString().slice(0, 7) };
}

export type CostRow = MonthlyCostVsInvoiceRow & { note: string | null };

/** What a finance reader should look at on this row (the cost explorer's anomaly kinds), or null. */
export function costNote(r: MonthlyCostVsInvoiceRow): string | null {
  if (r.cost !== 0 && r.invoiced === 0) return 'cost not invoiced';
  if (r.cost === 0 && r.invoiced !== 0) return 'invoiced without cost';
  if (r.margin < 0) return 'negative margin';
  return null;
}

export async function costRows(db: Queryable, accounts: readonly string[], w: CostWindow): Promise<CostRow[]> {
  if (accounts.length === 0) return [];
  const rows = await monthlyCostVsInvoice(db, { accounts, from: w.from, to: w.to });
  return rows.map((r) => ({ ...r, note: costNote(r) }));
}

export const costColumns: Column<CostRow>[] = [
  { header: 'AWS account', kind: 'text', value: (r) => r.accountId },
  { header: 'Account name', kind: 'text', value: (r) => r.accountName },
  { header: 'Month', kind: 'month', value: (r) => day(`${r.month}-01`) },
  { header: 'Net cost (USD)', kind: 'currency', value: (r) => r.cost },
  { header: 'Billed (USD)', kind: 'currency', value: (r) => r.billed },
  { header: 'Invoiced (USD)', kind: 'currency', value: (r) => r.invoiced },
  { header: 'Margin (USD)', kind: 'currency', value: (r) => r.margin },
  { header: 'Margin %', kind: 'percent', value: (r) => r.marginPct },
  { header: 'Note', kind: 'text', value: (r) => r.note },
];
