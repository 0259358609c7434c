/**
 * Drill-down (account → its products → one product's months), top movers between two periods, and the
 * account selector's payer groups.
 */
import { topMovers, type Mover } from '../../../app/cost';
import type { CostDrillOutput } from '../../../app/contract/cost';
import type { Queryable } from '../../../db/types';
import { sql } from '../../../db/sql';
import { FIGURE_SUMS, whereOf, type CostFilter, type FigureSums } from './filter';
import { figuresOf } from './queries';

/** account alone → one row per product; account + product → one row per month. */
export async function costDrill(db: Queryable, f: CostFilter, account: string, product?: string): Promise<CostDrillOutput> {
  const scoped: CostFilter = { ...f, accounts: [], products: product !== undefined ? [product] : f.products };
  const where = sql`${whereOf(scoped)} AND account_id = ${account}`;
  const name = (await db.query<{ n: string | null }>('SELECT coalesce(account_name, company_name) AS n FROM core.aws_accounts WHERE account_id = $1', [account])).rows[0]?.n ?? null;
  if (product === undefined) {
    const q = sql`SELECT product_code AS key, max(product_name) AS label, ${FIGURE_SUMS} FROM core.cost_mart WHERE ${where}
      GROUP BY product_code ORDER BY sum(net_cost) DESC NULLS LAST, product_code`;
    const r = await db.query<FigureSums & { key: string; label: string | null }>(q.text, q.values);
    return { currency: 'USD', level: 'product', accountId: account, accountName: name, productCode: null, rows: r.rows.map((x) => ({ key: x.key, label: x.label, ...figuresOf(x) })) };
  }
  const q = sql`SELECT to_char(month, 'YYYY-MM') AS key, max(product_name) AS label, ${FIGURE_SUMS} FROM core.cost_mart WHERE ${where} GROUP BY month ORDER BY month`;
  const r = await db.query<FigureSums & { key: string; label: string | null }>(q.text, q.values);
  return { currency: 'USD', level: 'month', accountId: account, accountName: name, productCode: product, rows: r.rows.map((x) => ({ key: x.key, label: x.label, ...figuresOf(x) })) };
}

export type MoversInput = {
  accounts: readonly string[];
  products?: readonly string[];
  before: { from: string; to: string };
  after: { from: string; to: string };
  dimension: 'account' | 'product';
  limit: number;
};

/** Net cost per account (or product) in each period; the biggest absolute changes first. */
export async function costMovers(db: Queryable, input: MoversInput): Promise<(Mover & { label: string | null })[]> {
  const per = async (range: { from: string; to: string }) => {
    const f: CostFilter = { accounts: input.accounts, products: input.products ?? [], from: range.from, to: range.to };
    const q = input.dimension === 'product'
      ? sql`SELECT product_code AS key, max(product_name) AS label, sum(net_cost)::float8 AS v FROM core.cost_mart WHERE ${whereOf(f)} GROUP BY product_code`
      : f.products && f.products.length > 0
        ? sql`SELECT account_id AS key, NULL AS label, sum(net_cost)::float8 AS v FROM core.cost_mart WHERE ${whereOf(f)} GROUP BY account_id`
        : sql`SELECT account_id AS key, NULL AS label, sum(net_cost)::float8 AS v FROM core.cost_mart_account_months WHERE ${whereOf(f)} GROUP BY account_id`;
    return (await db.query<{ key: string; label: string | null; v: number }>(q.text, q.values)).rows;
  };
  const [b, a] = [await per(input.before), await per(input.after)];
  const labels = new Map<string, string | null>([...b, ...a].map((x) => [x.key, x.label]));
  const movers = topMovers(new Map(b.map((x) => [x.key, x.v])), new Map(a.map((x) => [x.key, x.v])), input.limit);
  if (input.dimension === 'account' && movers.length > 0) {
    const names = await db.query<{ account_id: string; n: string | null }>(
      'SELECT account_id, coalesce(account_name, company_name) AS n FROM core.aws_accounts WHERE account_id = ANY ($1::text[])', [movers.map((m) => m.key)],
    );
    for (const n of names.rows) labels.set(n.account_id, n.n);
  }
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return movers.map((m) => ({ ...m, before: r2(m.before), after: r2(m.after), change: r2(m.change), label: labels.get(m.key) ?? null }));
}

export type PayerGroup = { payerId: string; name: string | null; accounts: { accountId: string; name: string | null; company: string | null; billable: boolean; firstMonth: string | null; lastMonth: string | null }[] };

/** Payers with their linked accounts (accounts with billing data or known to Odoo), for the selector. */
export async function costAccounts(db: Queryable): Promise<{ firstMonth: string | null; lastMonth: string | null; payers: PayerGroup[] }> {
  const r = await db.query<{ account_id: string; payer_id: string; name: string | null; company: string | null; billable: boolean; first: string | null; last: string | null; payer_name: string | null }>(`
    WITH seen AS (
      SELECT account_id, payer_account_id, min(month) AS first, max(month) AS last FROM core.cost_mart_account_months WHERE account_id <> '' GROUP BY 1, 2
    )
    SELECT s.account_id, s.payer_account_id AS payer_id, a.account_name AS name, a.company_name AS company, coalesce(a.is_billable, true) AS billable,
      to_char(s.first, 'YYYY-MM') AS first, to_char(s.last, 'YYYY-MM') AS last, coalesce(p.account_name, p.company_name) AS payer_name
    FROM seen s LEFT JOIN core.aws_accounts a ON a.account_id = s.account_id LEFT JOIN core.aws_accounts p ON p.account_id = s.payer_account_id
    ORDER BY s.payer_account_id, coalesce(a.account_name, a.company_name, s.account_id), s.account_id`);
  const groups = new Map<string, PayerGroup>();
  let first: string | null = null;
  let last: string | null = null;
  for (const x of r.rows) {
    let g = groups.get(x.payer_id);
    if (!g) {
      g = { payerId: x.payer_id, name: x.payer_name, accounts: [] };
      groups.set(x.payer_id, g);
    }
    g.accounts.push({ accountId: x.account_id, name: x.name, company: x.company, billable: x.billable, firstMonth: x.first, lastMonth: x.last });
    if (x.first && (!first || x.first < first)) first = x.first;
    if (x.last && (!last || x.last > last)) last = x.last;
  }
  return { firstMonth: first, lastMonth: last, payers: [...groups.values()] };
}
