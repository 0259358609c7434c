/**
 * Rebuilds the cost explorer marts (core.cost_mart, core.cost_mart_account_months; migration 0008) from
 * core's billing facts. A full rebuild, set-based, in the caller's transaction: the transform calls it last,
 * so the marts commit with (and only with) the core rows they were derived from.
 *
 * Invariants (see 0008 for the column conventions):
 * - Cost buckets add up to cost_unblended (cost_other takes the remainder).
 * - POD discount = CUR rows of line item type `Discount` (AWS applies the partner-originated discount to the
 *   partner's payer as a plain Discount line; EDP, bundled, private-rate and SPP discounts have their own
 *   types and stay in discount_other / discount_spp).
 * - FX: rate of the invoice date = the newest rate row on or before that day (the oldest after it when none
 *   before; 1 for the company currency, which has no rate rows). Odoo stores units of currency per unit of
 *   company currency, so amount_usd = amount × rate(USD) / rate(doc currency).
 * - Invoice rows take the account-month's dominant payer from the cost rows, else the account's payer.
 * - "Cost without invoice" is not flagged in open months (after the newest month whose usage was invoiced).
 */
import { performance } from 'node:perf_hooks';
import type { Queryable } from '../../../db/types';

export const REPORTING_CURRENCY = 'USD';
export const POD_LINE_TYPES = ['Discount'] as const;

export type MartRefresh = { rows: number; accountMonths: number; durationMs: number; mode: 'full' | 'incremental'; accountMonthsRebuilt: number | null };

async function hasTable(tx: Queryable, schema: string, table: string): Promise<boolean> {
  const r = await tx.query<{ ok: boolean }>('SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2) AS ok', [schema, table]);
  return Boolean(r.rows[0]?.ok);
}

async function buildRates(tx: Queryable): Promise<void> {
  await tx.exec('CREATE TEMP TABLE cost_fx (currency text NOT NULL, day date NOT NULL, rate numeric NOT NULL) ON COMMIT DROP');
  if (await hasTable(tx, 'raw', 'odoo_res_currency_rate')) {
    await tx.exec(`INSERT INTO pg_temp.cost_fx
      SELECT DISTINCT ON (c.name, r.name::date) c.name, r.name::date, r.rate
      FROM raw.odoo_res_currency_rate r JOIN raw.odoo_res_currency c ON c.id = r.currency_id
      WHERE r.rate > 0 ORDER BY c.name, r.name::date, r.company_id NULLS LAST, r.id DESC`);
  }
  await tx.exec('CREATE INDEX ON pg_temp.cost_fx (currency, day)');
  await tx.exec('ANALYZE pg_temp.cost_fx');
}

const RATE = (cur: string, day: string): string => `coalesce(
  (SELECT f.rate FROM pg_temp.cost_fx f WHERE f.currency = ${cur} AND f.day <= ${day} ORDER BY f.day DESC LIMIT 1),
  (SELECT f.rate FROM pg_temp.cost_fx f WHERE f.currency = ${cur} AND f.day > ${day} ORDER BY f.day LIMIT 1), 1)`;

const INV_MONTH = `date_trunc('month', coalesce(l.billing_period, i.billing_period, l.invoice_date, i.invoice_date, i.accounting_date))::date`;
const INV_DAY = 'coalesce(l.invoice_date, i.invoice_date, i.accounting_date)';
const BILLING_TARGETS = ['core.billing_costs', 'core.billing_bill_lines', 'core.invoices', 'core.invoice_lines'];

/**
 * The newest month whose AWS usage has been invoiced: at least half of the accounts with cost that month have
 * a posted invoice line billing it. Later months are open (cost accrues, invoices go out during the next
 * month), so their cost without invoice is not flagged. Global, so the flags are recomputed on every refresh.
 */
async function lastInvoicedMonth(tx: Queryable): Promise<string | null> {
  const r = await tx.query<{ m: string | null }>(`
    WITH inv AS (
      SELECT date_trunc('month', coalesce(l.billing_period, i.billing_period))::date AS m, count(DISTINCT l.aws_account_id) AS n
      FROM core.invoice_lines l JOIN core.invoices i ON i.move_id = l.move_id
      WHERE i.move_type IN ('out_invoice', 'out_refund') AND i.state = 'posted' AND l.aws_account_id IS NOT NULL
        AND coalesce(l.billing_period, i.billing_period) IS NOT NULL
      GROUP BY 1
    ), cost AS (SELECT usage_month AS m, count(DISTINCT usage_account_id) AS n FROM core.billing_costs GROUP BY 1)
    SELECT to_char(max(inv.m), 'YYYY-MM-DD') AS m FROM inv JOIN cost USING (m) WHERE inv.n * 2 >= cost.n`);
  const m = r.rows[0]?.m ?? null;
  return m && /^\d{4}-\d{2}-\d{2}$/.test(m) ? m : null;
}

/** What the transform tells the refresh: its mode, batch and per-step results. */
export type MartContext = { mode: 'full' | 'incremental'; batchId: string; steps: readonly { target: string; deleted: number; inserted: number; updated: number }[] };

/**
 * The account-months to rebuild after an incremental transform (into pg_temp.cost_scope), or null for
 * everything. Every core row the transform wrote carries its batch id, so the account-months of those rows
 * are what changed — except deletions (which leave no row behind), which rebuild everything. New FX rates
 * reach invoices dated on or after the earliest new rate day. Rewritten accounts count only where the mart
 * used what changed (the billable flag; the payer of account-months without cost rows). An invoice
 * rewritten for a field the mart does not read (payment state) still rebuilds its account-months: cheap.
 */
async function scopeOf(tx: Queryable, ctx: MartContext | undefined): Promise<number | null> {
  if (!ctx || ctx.mode === 'full') return null;
  const touched = (t: string) => ctx.steps.find((s) => s.target === t);
  if (BILLING_TARGETS.some((t) => (touched(t)?.deleted ?? 0) > 0)) return null;
  if ((touched('core.aws_accounts')?.deleted ?? 0) > 0) return null;
  const fx = await tx.query<{ changed: boolean; currencies: boolean; day: string | null }>(`
    SELECT EXISTS (SELECT 1 FROM pg_temp.changed WHERE raw_table = 'odoo_res_currency_rate') AS changed,
      EXISTS (SELECT 1 FROM pg_temp.changed WHERE raw_table = 'odoo_res_currency') AS currencies,
      (SELECT to_char(min(r.name::date), 'YYYY-MM-DD') FROM raw.odoo_res_currency_rate r
        WHERE r.id IN (SELECT id FROM pg_temp.changed WHERE raw_table = 'odoo_res_currency_rate')) AS day`);
  const f = fx.rows[0];
  if (f?.currencies || (f?.changed && !f.day)) return null;
  await tx.exec('CREATE TEMP TABLE cost_scope (m date NOT NULL, a text NOT NULL, PRIMARY KEY (m, a)) ON COMMIT DROP');
  await tx.query(`
    INSERT INTO pg_temp.cost_scope SELECT DISTINCT m, a FROM (
      SELECT usage_month AS m, usage_account_id AS a FROM core.billing_costs WHERE transform_batch_id = $1
      UNION SELECT date_trunc('month', coalesce(usage_month, billing_period))::date, coalesce(aws_account_id, '') FROM core.billing_bill_lines WHERE transform_batch_id = $1
      UNION SELECT ${INV_MONTH}, coalesce(l.aws_account_id, '') FROM core.invoice_lines l JOIN core.invoices i ON i.move_id = l.move_id
        WHERE l.transform_batch_id = $1 OR i.transform_batch_id = $1 OR ($2::date IS NOT NULL AND ${INV_DAY} >= $2::date)
      -- accounts rewritten by this run (a new cost month rewrites them all): only where what the mart took from
      -- them changed — the billable flag, or the payer of account-months that have no cost row to take it from
      UNION SELECT am.month, am.account_id FROM core.cost_mart_account_months am JOIN core.aws_accounts a ON a.account_id = am.account_id
        WHERE a.transform_batch_id = $1 AND am.billable IS DISTINCT FROM coalesce(a.is_billable, true)
      UNION SELECT m.month, m.account_id FROM core.cost_mart m JOIN core.aws_accounts a ON a.account_id = m.account_id
        WHERE a.transform_batch_id = $1 AND NOT m.has_cost AND m.payer_account_id <> coalesce(a.payer_account_id, '')
          AND NOT EXISTS (SELECT 1 FROM core.cost_mart c WHERE c.month = m.month AND c.account_id = m.account_id AND c.has_cost)
    ) x WHERE m IS NOT NULL`, [ctx.batchId, f?.day ?? null]);
  return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_temp.cost_scope')).rows[0]?.n ?? 0;
}

export async function refreshCostMart(tx: Queryable, ctx?: MartContext): Promise<MartRefresh> {
  const started = performance.now();
  const scoped = await scopeOf(tx, ctx);
  if (scoped === 0) {
    await tx.exec('DROP TABLE pg_temp.cost_scope');
    const n = await tx.query<{ rows: number; am: number }>('SELECT (SELECT count(*) FROM core.cost_mart)::int AS rows, (SELECT count(*) FROM core.cost_mart_account_months)::int AS am');
    return { rows: n.rows[0]?.rows ?? 0, accountMonths: n.rows[0]?.am ?? 0, durationMs: Math.round(performance.now() - started), mode: 'incremental', accountMonthsRebuilt: 0 };
  }
  if (scoped === null) await tx.exec('CREATE TEMP TABLE cost_scope (m date NOT NULL, a text NOT NULL, PRIMARY KEY (m, a)) ON COMMIT DROP');
  else await tx.exec('ANALYZE pg_temp.cost_scope');
  const inScope = (month: string, account: string) => (scoped !== null ? `(${month}, ${account}) IN (SELECT m, a FROM pg_temp.cost_scope)` : 'true');
  // The aggregations hash ~200k rows at prod scale: the 4 MB default spills them to disk (measured 5× slower).
  await tx.exec(`SET LOCAL work_mem = '64MB'`);
  const lastInvoiced = await lastInvoicedMonth(tx);
  await buildRates(tx);
  const pod = (await hasTable(tx, 'raw', 'odoo_c_billing_internal_cur'))
    ? `SELECT c.usage_month AS month, c.line_item_usage_account_id::text AS account_id, c.bill_payer_account_id::text AS payer_account_id,
         c.line_item_product_code AS product_code, sum(c.line_item_unblended_cost) AS pod
       FROM raw.odoo_c_billing_internal_cur c WHERE c.line_item_line_item_type IN (${POD_LINE_TYPES.map((t) => `'${t}'`).join(', ')}) AND ${inScope('c.usage_month', 'c.line_item_usage_account_id::text')}
       GROUP BY 1, 2, 3, 4`
    : 'SELECT NULL::date AS month, NULL::text AS account_id, NULL::text AS payer_account_id, NULL::text AS product_code, NULL::numeric AS pod WHERE false';
  // One row per source fact group, then summed per mart key: costs, invoices, staging bills.
  await tx.exec(`CREATE TEMP TABLE cost_parts ON COMMIT DROP AS
    WITH costs AS (
      SELECT usage_month AS month, usage_account_id AS account_id, payer_account_id, product_code, max(product_name) AS product_name,
        sum(gross_cost) AS gross_cost, sum(usage_cost + fee_cost + savings_plan_fee + savings_plan_negation) AS cost_usage,
        sum(credit) AS cost_credits, sum(refund) AS cost_refunds, sum(spp_discount) AS discount_spp, sum(other_discount) AS discount_other_all,
        sum(tax) AS cost_tax, sum(unblended_cost) AS cost_unblended, sum(net_cost) AS net_cost
      FROM core.billing_costs WHERE ${inScope('usage_month', 'usage_account_id')} GROUP BY 1, 2, 3, 4
    ), pod AS (${pod}),
    payer_of AS (
      SELECT DISTINCT ON (month, account_id) month, account_id, payer_account_id
      FROM costs GROUP BY month, account_id, payer_account_id ORDER BY month, account_id, sum(gross_cost) DESC, payer_account_id
    ),
    inv AS (
      SELECT ${INV_MONTH} AS month,
        coalesce(l.aws_account_id, '') AS account_id, coalesce(l.product_code, '') AS product_code, max(l.product_name) AS product_name,
        max(coalesce(l.partner_id, i.commercial_partner_id)) AS partner_id,
        coalesce(l.currency, i.currency, '${REPORTING_CURRENCY}') AS currency, ${INV_DAY} AS day,
        sum(l.amount_currency) AS amount, sum(l.amount_currency) FILTER (WHERE i.move_type = 'out_refund') AS refund_amount, sum(l.amount_company) AS amount_company
      FROM core.invoice_lines l JOIN core.invoices i ON i.move_id = l.move_id
      WHERE i.move_type IN ('out_invoice', 'out_refund') AND i.state = 'posted' AND ${inScope(INV_MONTH, `coalesce(l.aws_account_id, '')`)}
      GROUP BY 1, 2, 3, 6, 7
    ),
    inv_fx AS MATERIALIZED (
      SELECT x.*, CASE WHEN x.currency = '${REPORTING_CURRENCY}' THEN 1 ELSE ${RATE(`'${REPORTING_CURRENCY}'`, 'x.day')} / ${RATE('x.currency', 'x.day')} END AS factor
      FROM (SELECT DISTINCT currency, day FROM inv) x
    ),
    bills AS (
      SELECT date_trunc('month', coalesce(usage_month, billing_period))::date AS month, coalesce(aws_account_id, '') AS account_id, coalesce(product_code, '') AS product_code,
        max(product_name) AS product_name, max(partner_id) AS partner_id, sum(billed_amount) AS billed
      FROM core.billing_bill_lines WHERE amount_class <> 'tax' AND coalesce(bill_state, '') NOT IN ('cancelled', 'error')
        AND ${inScope(`date_trunc('month', coalesce(usage_month, billing_period))::date`, `coalesce(aws_account_id, '')`)}
      GROUP BY 1, 2, 3
    )
    SELECT c.month, c.account_id, c.payer_account_id, c.product_code, c.product_name, NULL::integer AS partner_id, c.gross_cost, c.cost_usage, c.cost_credits,
      c.cost_refunds, c.discount_spp, coalesce(p.pod, 0) AS discount_pod, c.discount_other_all - coalesce(p.pod, 0) AS discount_other, c.cost_tax, c.cost_unblended,
      c.net_cost, 0::numeric AS billed_usd, 0::numeric AS invoiced_usd, 0::numeric AS credit_notes_usd, 0::numeric AS invoiced_company, true AS has_cost, false AS has_invoice
    FROM costs c LEFT JOIN pod p USING (month, account_id, payer_account_id, product_code)
    UNION ALL
    SELECT i.month, i.account_id, coalesce(po.payer_account_id, a.payer_account_id, ''), i.product_code, i.product_name, i.partner_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      i.amount * f.factor, coalesce(i.refund_amount, 0) * f.factor, i.amount_company, false, true
    FROM inv i JOIN inv_fx f USING (currency, day)
    LEFT JOIN payer_of po ON po.month = i.month AND po.account_id = i.account_id
    LEFT JOIN core.aws_accounts a ON a.account_id = i.account_id
    UNION ALL
    SELECT b.month, b.account_id, coalesce(po.payer_account_id, a.payer_account_id, ''), b.product_code, b.product_name, b.partner_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      b.billed, 0, 0, 0, false, false
    FROM bills b
    LEFT JOIN payer_of po ON po.month = b.month AND po.account_id = b.account_id
    LEFT JOIN core.aws_accounts a ON a.account_id = b.account_id`);
  await tx.exec(`CREATE TEMP TABLE cost_rows ON COMMIT DROP AS
    SELECT month, account_id, payer_account_id, product_code, max(product_name) AS product_name, max(partner_id) AS partner_id,
      sum(gross_cost) AS gross_cost, sum(cost_usage) AS cost_usage, sum(cost_credits) AS cost_credits, sum(cost_refunds) AS cost_refunds,
      sum(discount_spp) AS discount_spp, sum(discount_pod) AS discount_pod, sum(discount_other) AS discount_other, sum(cost_tax) AS cost_tax,
      sum(cost_unblended) AS cost_unblended, sum(net_cost) AS net_cost, sum(billed_usd) AS billed_usd, sum(invoiced_usd) AS invoiced_usd,
      sum(credit_notes_usd) AS credit_notes_usd, sum(invoiced_company) AS invoiced_company, bool_or(has_cost) AS has_cost, bool_or(has_invoice) AS has_invoice
    FROM pg_temp.cost_parts GROUP BY 1, 2, 3, 4`);
  await tx.exec('ANALYZE pg_temp.cost_rows');
  if (scoped !== null) {
    await tx.exec('DELETE FROM core.cost_mart WHERE (month, account_id) IN (SELECT m, a FROM pg_temp.cost_scope)');
    await tx.exec('DELETE FROM core.cost_mart_account_months WHERE (month, account_id) IN (SELECT m, a FROM pg_temp.cost_scope)');
  } else await tx.exec('TRUNCATE core.cost_mart_account_months, core.cost_mart');
  await tx.exec(`INSERT INTO core.cost_mart_account_months
    SELECT r.month, r.account_id, r.payer_account_id, sum(r.gross_cost), sum(r.net_cost), sum(r.cost_credits), sum(r.cost_refunds), sum(r.discount_spp), sum(r.discount_pod),
      sum(r.discount_other), sum(r.cost_tax), sum(r.billed_usd), sum(r.invoiced_usd), sum(r.credit_notes_usd), sum(r.invoiced_usd) - sum(r.net_cost),
      CASE WHEN round(sum(r.invoiced_usd), 2) <> 0 THEN ((sum(r.invoiced_usd) - sum(r.net_cost)) / sum(r.invoiced_usd)) END,
      coalesce(bool_and(a.is_billable), true),
      coalesce(coalesce(bool_and(a.is_billable), true) AND round(sum(r.net_cost), 2) > 0 AND round(sum(r.invoiced_usd), 2) = 0
        AND r.month <= ${lastInvoiced ? `'${lastInvoiced}'::date` : 'NULL'}, false),
      round(sum(r.invoiced_usd), 2) <> 0 AND NOT bool_or(r.has_cost),
      round(sum(r.invoiced_usd), 2) <> 0 AND round(sum(r.invoiced_usd) - sum(r.net_cost), 2) < 0
    FROM pg_temp.cost_rows r LEFT JOIN core.aws_accounts a ON a.account_id = r.account_id GROUP BY 1, 2, 3`);
  await tx.exec(`INSERT INTO core.cost_mart
    SELECT r.month, r.account_id, r.payer_account_id, r.product_code, r.product_name, r.partner_id, r.gross_cost, r.cost_usage, r.cost_credits, r.cost_refunds,
      r.discount_spp, r.discount_pod, r.discount_other, r.cost_tax,
      r.cost_unblended - r.cost_usage - r.cost_credits - r.cost_refunds - r.discount_spp - r.discount_pod - r.discount_other - r.cost_tax,
      r.cost_unblended, r.net_cost, r.billed_usd, r.invoiced_usd, r.credit_notes_usd, r.invoiced_company, r.invoiced_usd - r.net_cost,
      CASE WHEN round(r.invoiced_usd, 2) <> 0 THEN (r.invoiced_usd - r.net_cost) / r.invoiced_usd END, r.has_cost, r.has_invoice,
      am.flag_cost_no_invoice, am.flag_invoice_no_cost, am.flag_negative_margin
    FROM pg_temp.cost_rows r JOIN core.cost_mart_account_months am USING (month, account_id, payer_account_id)`);
  // "Cost without invoice" depends on the newest invoiced month, which any run can move: recomputed
  // everywhere, written only where it changed.
  const open = lastInvoiced ? `'${lastInvoiced}'::date` : 'NULL';
  await tx.exec(`UPDATE core.cost_mart_account_months SET flag_cost_no_invoice = x.flag FROM (
      SELECT month, account_id, payer_account_id,
        coalesce(billable AND round(net_cost, 2) > 0 AND round(invoiced_usd, 2) = 0 AND month <= ${open}, false) AS flag
      FROM core.cost_mart_account_months) x
    WHERE (x.month, x.account_id, x.payer_account_id) = (core.cost_mart_account_months.month, core.cost_mart_account_months.account_id, core.cost_mart_account_months.payer_account_id)
      AND core.cost_mart_account_months.flag_cost_no_invoice <> x.flag`);
  await tx.exec(`UPDATE core.cost_mart m SET flag_cost_no_invoice = am.flag_cost_no_invoice FROM core.cost_mart_account_months am
    WHERE (am.month, am.account_id, am.payer_account_id) = (m.month, m.account_id, m.payer_account_id) AND m.flag_cost_no_invoice <> am.flag_cost_no_invoice`);
  const counts = await tx.query<{ rows: number; am: number }>('SELECT (SELECT count(*) FROM core.cost_mart)::int AS rows, (SELECT count(*) FROM core.cost_mart_account_months)::int AS am');
  await tx.exec('DROP TABLE pg_temp.cost_parts, pg_temp.cost_rows, pg_temp.cost_fx, pg_temp.cost_scope');
  const durationMs = Math.round(performance.now() - started);
  const rows = counts.rows[0]?.rows ?? 0;
  const batch = await tx.query<{ b: string | null }>(`SELECT last_batch_id::text AS b FROM core.transform_state WHERE name = 'core'`);
  await tx.query(
    `INSERT INTO core.cost_mart_state (name, transform_batch_id, refreshed_at, mode, rows, duration_ms) VALUES ('cost', $1, now(), $4, $2, $3)
     ON CONFLICT (name) DO UPDATE SET transform_batch_id = EXCLUDED.transform_batch_id, refreshed_at = now(), mode = EXCLUDED.mode, rows = EXCLUDED.rows, duration_ms = EXCLUDED.duration_ms`,
    [batch.rows[0]?.b ?? null, rows, durationMs, scoped !== null ? 'incremental' : 'full'],
  );
  return { rows, accountMonths: counts.rows[0]?.am ?? 0, durationMs, mode: scoped !== null ? 'incremental' : 'full', accountMonthsRebuilt: scoped };
}
