/**
 * Shapes of the cost explorer channels: cost:accounts (the selector: payers and their linked accounts),
 * cost:query (one screen view: totals, series, products, accounts, anomalies), cost:drill (account →
 * products → months), cost:movers (top movers between two periods), cost:pod-realized (POD seen in billing
 * vs. expected for approved decisions) and cost:export (the current view as an XLSX file).
 *
 * Invariants:
 * - Money is in the reporting currency (`currency`, USD), as numbers rounded to cents; margin % is a
 *   fraction (0.05 = 5%) or null when nothing was invoiced.
 * - Months are 'YYYY-MM'; a range is inclusive; `by` buckets the series (month, quarter, year).
 * - `accounts` lists AWS account ids, each matching a linked account OR a payer (a payer brings all its
 *   linked accounts); an empty list means every account, including invoices without an account.
 */
import { z } from 'zod';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const accountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id');
const money = z.number();
const pct = z.number().nullable();

export const costGranularitySchema = z.enum(['month', 'quarter', 'year']);

const selection = {
  accounts: z.array(accountId).max(5000).default([]),
  from: month,
  to: month,
  products: z.array(z.string().min(1).max(200)).max(500).default([]),
};
const ordered = (v: { from: string; to: string }) => v.from <= v.to;
const orderedMsg = { message: 'from must not be after to', path: ['to'] };

export const costSelectionSchema = z.strictObject(selection).refine(ordered, orderedMsg);
export type CostSelection = z.output<typeof costSelectionSchema>;

export const costAccountsInputSchema = z.strictObject({}).optional().transform(() => ({}) as Record<string, never>);
export const costAccountSchema = z.object({
  accountId: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  billable: z.boolean(),
  firstMonth: z.string().nullable(),
  lastMonth: z.string().nullable(),
});
export const costAccountsOutputSchema = z.object({
  currency: z.string(),
  firstMonth: z.string().nullable(),
  lastMonth: z.string().nullable(),
  payers: z.array(z.object({ payerId: z.string(), name: z.string().nullable(), accounts: z.array(costAccountSchema) })),
});

export const costFiguresSchema = z.object({
  cost: money,
  gross: money,
  credits: money,
  refunds: money,
  discountSpp: money,
  discountPod: money,
  discountOther: money,
  tax: money,
  billed: money,
  invoiced: money,
  creditNotes: money,
  margin: money,
  marginPct: pct,
});
export type CostFigures = z.infer<typeof costFiguresSchema>;

export const costAnomalySchema = z.object({
  month: z.string(),
  accountId: z.string(),
  accountName: z.string().nullable(),
  kind: z.enum(['cost_no_invoice', 'invoice_no_cost', 'negative_margin']),
  cost: money,
  invoiced: money,
  margin: money,
});
export type CostAnomaly = z.infer<typeof costAnomalySchema>;

export const costQueryInputSchema = z.strictObject({ ...selection, by: costGranularitySchema.default('month') }).refine(ordered, orderedMsg);
export const costQueryOutputSchema = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  by: costGranularitySchema,
  totals: costFiguresSchema,
  series: z.array(costFiguresSchema.extend({ period: z.string() })),
  byProduct: z.array(costFiguresSchema.extend({ productCode: z.string(), productName: z.string().nullable() })),
  byAccount: z.array(costFiguresSchema.extend({ accountId: z.string(), accountName: z.string().nullable(), payerId: z.string() })),
  anomalies: z.array(costAnomalySchema),
  /** all flagged account-months of the selection (`anomalies` lists the newest 200) */
  anomalyCount: z.number().int().nonnegative(),
});
export type CostQueryOutput = z.infer<typeof costQueryOutputSchema>;

export const costDrillInputSchema = z
  .strictObject({ ...selection, account: z.string().regex(/^\d{12}$|^$/), product: z.string().max(200).optional() })
  .refine(ordered, orderedMsg);
export const costDrillOutputSchema = z.object({
  currency: z.string(),
  level: z.enum(['product', 'month']),
  accountId: z.string(),
  accountName: z.string().nullable(),
  productCode: z.string().nullable(),
  rows: z.array(costFiguresSchema.extend({ key: z.string(), label: z.string().nullable() })),
});
export type CostDrillOutput = z.infer<typeof costDrillOutputSchema>;

export const costMoversInputSchema = z.strictObject({
  accounts: selection.accounts,
  products: selection.products,
  before: z.strictObject({ from: month, to: month }).refine(ordered, orderedMsg),
  after: z.strictObject({ from: month, to: month }).refine(ordered, orderedMsg),
  dimension: z.enum(['account', 'product']).default('account'),
  limit: z.number().int().min(1).max(200).default(10),
});
export const costMoversOutputSchema = z.object({
  currency: z.string(),
  dimension: z.enum(['account', 'product']),
  movers: z.array(z.object({ key: z.string(), label: z.string().nullable(), before: money, after: money, change: money, changePct: pct })),
});

export const costPodRealizedInputSchema = z
  .strictObject({ tenant: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).optional(), expectedPct: z.number().min(0).max(1).optional() })
  .optional()
  .transform((v) => ({ tenant: v?.tenant, expectedPct: v?.expectedPct }));
export const costPodRealizedOutputSchema = z.object({
  currency: z.string(),
  tenant: z.string(),
  expectedPct: z.number(),
  rows: z.array(z.object({
    aceId: z.string(),
    customerName: z.string().nullable(),
    accountId: z.string(),
    state: z.string(),
    targetCloseDate: z.string().nullable(),
    startMonth: z.string().nullable(),
    months: z.number().int().nonnegative(),
    gross: money,
    realized: money,
    expected: money,
    gap: money,
  })),
});
export type CostPodRealizedOutput = z.infer<typeof costPodRealizedOutputSchema>;

export const costExportInputSchema = z.strictObject({ ...selection, by: costGranularitySchema.default('month') }).refine(ordered, orderedMsg);
export const costExportOutputSchema = z.object({ cancelled: z.boolean(), path: z.string().nullable(), sheets: z.array(z.string()), rows: z.number().int().nonnegative() });
