/**
 * Cost explorer queries over the marts (migration 0008). Each takes a Db (or any Queryable: the warehouse,
 * a transaction, a replica with the same tables), so other services and the offline replica reuse them.
 *
 * Invariants:
 * - Money is USD; figures are derived from unrounded sums and rounded to cents last (app/cost/money).
 * - Account selection: an id matches a linked account or a payer; empty = everything.
 */
import { margin, roundCents, type Granularity, bucket, periodsOf, parseMonth } from '../../../app/cost';
import type { CostAnomaly, CostFigures } from '../../../app/contract/cost';
import type { Queryable } from '../../../db/types';
import { sql } from '../../../db/sql';
import { FIGURE_SUMS, martOf, whereOf, CostInputError, type CostFilter, type FigureSums } from './filter';

export { CostInputError, type CostFilter } from './filter';

const ZERO: FigureSums = { cost: 0, gross: 0, credits: 0, refunds: 0, spp: 0, pod: 0, other: 0, tax: 0, billed: 0, invoiced: 0, credit_notes: 0 };

export function figuresOf(s: FigureSums): CostFigures {
  const m = margin(s.invoiced ?? 0, s.cost ?? 0);
  return {
    cost: roundCents(s.cost ?? 0), gross: roundCents(s.gross ?? 0), credits: roundCents(s.credits ?? 0), refunds: roundCents(s.refunds ?? 0),
    discountSpp: roundCents(s.spp ?? 0), discountPod: roundCents(s.pod ?? 0), discountOther: roundCents(s.other ?? 0), tax: roundCents(s.tax ?? 0),
    billed: roundCents(s.billed ?? 0), invoiced: roundCents(s.invoiced ?? 0), creditNotes: roundCents(s.credit_notes ?? 0),
    margin: roundCents(m.margin), marginPct: m.marginPct,
  };
}

function addSums(a: FigureSums, b: FigureSums): void {
  for (const k of Object.keys(ZERO) as (keyof FigureSums)[]) a[k] += b[k] ?? 0;
}

export async function costTotals(db: Queryable, f: CostFilter): Promise<CostFigures> {
  const q = sql`SELECT ${FIGURE_SUMS} FROM ${martOf(f, false)} WHERE ${whereOf(f)}`;
  const r = await db.query<FigureSums>(q.text, q.values);
  return figuresOf(r.rows[0] ?? ZERO);
}

/** Per month sums (the series and every bucketing start here). */
async function monthSums(db: Queryable, f: CostFilter): Promise<(FigureSums & { month: string })[]> {
  const q = sql`SELECT to_char(month, 'YYYY-MM') AS month, ${FIGURE_SUMS} FROM ${martOf(f, false)} WHERE ${whereOf(f)} GROUP BY month ORDER BY month`;
  return (await db.query<FigureSums & { month: string }>(q.text, q.values)).rows;
}

/** One entry per period of the range (empty periods included, as zeros), so charts keep their axis. */
export async function costSeries(db: Queryable, f: CostFilter, by: Granularity): Promise<(CostFigures & { period: string })[]> {
  const rows = await monthSums(db, f);
  const sums = bucket(rows, by, () => ({ ...ZERO }), addSums);
  const range = { from: parseMonth(f.from) ?? f.from, to: parseMonth(f.to) ?? f.to };
  return periodsOf(range, by).map((period) => ({ period, ...figuresOf(sums.get(period) ?? ZERO) }));
}

export async function costByProduct(db: Queryable, f: CostFilter): Promise<(CostFigures & { productCode: string; productName: string | null })[]> {
  const q = sql`SELECT product_code, max(product_name) AS product_name, ${FIGURE_SUMS} FROM core.cost_mart WHERE ${whereOf(f)}
    GROUP BY product_code ORDER BY sum(net_cost) DESC NULLS LAST, product_code`;
  const r = await db.query<FigureSums & { product_code: string; product_name: string | null }>(q.text, q.values);
  return r.rows.map((x) => ({ productCode: x.product_code, productName: x.product_name, ...figuresOf(x) }));
}

export async function costByAccount(db: Queryable, f: CostFilter): Promise<(CostFigures & { accountId: string; accountName: string | null; payerId: string })[]> {
  const q = sql`SELECT m.account_id, max(m.payer_account_id) AS payer_id, max(coalesce(a.account_name, a.company_name)) AS account_name, ${FIGURE_SUMS}
    FROM ${martOf(f, false)} m LEFT JOIN core.aws_accounts a ON a.account_id = m.account_id
    WHERE ${whereOf(f, 'm.')} GROUP BY m.account_id ORDER BY sum(m.net_cost) DESC NULLS LAST, m.account_id`;
  const r = await db.query<FigureSums & { account_id: string; payer_id: string; account_name: string | null }>(q.text, q.values);
  return r.rows.map((x) => ({ accountId: x.account_id, accountName: x.account_name, payerId: x.payer_id, ...figuresOf(x) }));
}

export type MonthlyCostVsInvoiceRow = {
  accountId: string;
  accountName: string | null;
  month: string;
  cost: number;
  invoiced: number;
  billed: number;
  margin: number;
  marginPct: number | null;
  currency: 'USD';
};

/**
 * Per linked account × month: AWS net cost vs. invoiced (USD at the invoice-date rate, credit notes
 * negative), plus what the staging bills said. `accounts` may name payers (→ their linked accounts);
 * from/to are 'YYYY-MM' or any day of the month. Months without cost or invoice are absent.
 * Stable API (the export's "Cost" sheet uses it): add fields, never rename.
 */
export async function monthlyCostVsInvoice(db: Queryable, opts: { accounts: readonly string[]; from: string; to: string }): Promise<MonthlyCostVsInvoiceRow[]> {
  const f: CostFilter = { accounts: opts.accounts, from: opts.from, to: opts.to };
  const q = sql`SELECT m.account_id, to_char(m.month, 'YYYY-MM') AS month, max(coalesce(a.account_name, a.company_name)) AS account_name,
      sum(m.net_cost)::float8 AS cost, sum(m.invoiced_usd)::float8 AS invoiced, sum(m.billed_usd)::float8 AS billed
    FROM core.cost_mart_account_months m LEFT JOIN core.aws_accounts a ON a.account_id = m.account_id
    WHERE ${whereOf(f, 'm.')} GROUP BY m.account_id, m.month ORDER BY m.account_id, m.month`;
  const r = await db.query<{ account_id: string; month: string; account_name: string | null; cost: number; invoiced: number; billed: number }>(q.text, q.values);
  return r.rows.map((x) => {
    const mg = margin(x.invoiced, x.cost);
    return {
      accountId: x.account_id, accountName: x.account_name, month: x.month, cost: roundCents(x.cost), invoiced: roundCents(x.invoiced), billed: roundCents(x.billed),
      margin: roundCents(mg.margin), marginPct: mg.marginPct, currency: 'USD' as const,
    };
  });
}

export async function costAnomalyCount(db: Queryable, f: CostFilter): Promise<number> {
  const q = sql`SELECT count(*)::int AS n FROM core.cost_mart_account_months WHERE ${whereOf({ ...f, products: [] })}
    AND (flag_cost_no_invoice OR flag_invoice_no_cost OR flag_negative_margin)`;
  return (await db.query<{ n: number }>(q.text, q.values)).rows[0]?.n ?? 0;
}

export async function costAnomalies(db: Queryable, f: CostFilter, limit = 200): Promise<CostAnomaly[]> {
  const q = sql`SELECT to_char(m.month, 'YYYY-MM') AS month, m.account_id, coalesce(a.account_name, a.company_name) AS account_name,
      CASE WHEN m.flag_cost_no_invoice THEN 'cost_no_invoice' WHEN m.flag_invoice_no_cost THEN 'invoice_no_cost' ELSE 'negative_margin' END AS kind,
      m.net_cost::float8 AS cost, m.invoiced_usd::float8 AS invoiced, m.margin_usd::float8 AS margin
    FROM core.cost_mart_account_months m LEFT JOIN core.aws_accounts a ON a.account_id = m.account_id
    WHERE ${whereOf({ ...f, products: [] }, 'm.')} AND (m.flag_cost_no_invoice OR m.flag_invoice_no_cost OR m.flag_negative_margin)
    ORDER BY m.month DESC, abs(m.margin_usd) DESC, m.account_id LIMIT ${limit}`;
  const r = await db.query<{ month: string; account_id: string; account_name: string | null; kind: CostAnomaly['kind']; cost: number; invoiced: number; margin: number }>(q.text, q.values);
  return r.rows.map((x) => ({ month: x.month, accountId: x.account_id, accountName: x.account_name, kind: x.kind, cost: roundCents(x.cost), invoiced: roundCents(x.invoiced), margin: roundCents(x.margin) }));
}

/** Has the mart been built? (A warehouse migrated after its last transform has empty marts until the next one.) */
export async function martReady(db: Queryable): Promise<boolean> {
  const r = await db.query<{ ok: boolean }>(`SELECT EXISTS (SELECT 1 FROM core.cost_mart_state WHERE name = 'cost') AS ok`);
  return Boolean(r.rows[0]?.ok);
}

export function assertFilter(f: CostFilter): void {
  for (const a of f.accounts) if (!/^\d{12}$/.test(a)) throw new CostInputError(`not a 12-digit AWS account id: '${a}'`);
}
