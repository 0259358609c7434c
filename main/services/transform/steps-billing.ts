/**
 * Billing facts (seed 004 "Billing Data Flow", spec §3 and §5): monthly cost per payer × account × product
 * from the CUR rows, staging bills and their lines, invoices and invoice product lines. Facts only — no
 * margins or FX here (issue 7's marts do that): costs keep usage, list, fees, SP negation, SPP discount,
 * other discounts, credits, refunds and tax in separate columns; bill and invoice lines carry an
 * amount_class (usage, fee, service_fee, credit, discount, refund, tax, adjustment, accrual, other).
 *
 * Incremental scoping: costs by usage month (restatements touch the last months), bills by bill id,
 * invoice lines by move id. Deleted raw rows of the aggregated tables force a full recompute of that step.
 */
import { changedIds, type Step } from './step';

const USAGE_TYPES = `('Usage', 'SavingsPlanCoveredUsage', 'DiscountedUsage')`;

export const BILLING_COSTS: Step = {
  target: 'core.billing_costs',
  sources: ['odoo_c_billing_internal_cur'],
  keys: ['usage_month', 'payer_account_id', 'usage_account_id', 'product_code', 'billing_entity'],
  columns: [
    'usage_month', 'payer_account_id', 'usage_account_id', 'product_code', 'billing_entity', 'c_aws_account_id', 'product_name', 'currency', 'usage_amount',
    'usage_cost', 'list_cost', 'fee_cost', 'savings_plan_fee', 'gross_cost', 'savings_plan_negation', 'spp_discount', 'other_discount', 'credit', 'refund',
    'tax', 'net_cost', 'unblended_cost', 'is_final', 'bill_invoice_id', 'row_count',
  ],
  scope: {
    column: 'usage_month',
    sourceCondition: 'c.usage_month IN (SELECT v FROM pg_temp.step_scope)',
    affected: () => `SELECT DISTINCT usage_month FROM raw.odoo_c_billing_internal_cur WHERE id IN ${changedIds('odoo_c_billing_internal_cur')}`,
  },
  fullOnDeleteOf: ['odoo_c_billing_internal_cur'],
  select: (_ctx, scope) => `
    SELECT x.*, x.list_cost + x.fee_cost AS gross_cost, x.unblended_cost - x.tax AS net_cost FROM (
      SELECT c.usage_month, c.bill_payer_account_id::text AS payer_account_id, c.line_item_usage_account_id::text AS usage_account_id,
        c.line_item_product_code AS product_code, c.bill_billing_entity AS billing_entity,
        max(c.c_aws_account_id) AS c_aws_account_id, max(c.product_product_name) AS product_name, max(c.line_item_currency_code) AS currency,
        sum(c.line_item_usage_amount) FILTER (WHERE c.line_item_line_item_type IN ${USAGE_TYPES}) AS usage_amount,
        coalesce(sum(c.line_item_unblended_cost) FILTER (WHERE c.line_item_line_item_type IN ${USAGE_TYPES}), 0)::numeric(20,10) AS usage_cost,
        coalesce(sum(CASE WHEN c.line_item_line_item_type = 'Usage' THEN coalesce(c.pricing_public_on_demand_cost, c.line_item_unblended_cost)
                          WHEN c.line_item_line_item_type IN ('SavingsPlanCoveredUsage', 'DiscountedUsage') THEN c.pricing_public_on_demand_cost END), 0)::numeric(20,10) AS list_cost,
        coalesce(sum(c.line_item_unblended_cost) FILTER (WHERE c.line_item_line_item_type IN ('Fee', 'RIFee')), 0)::numeric(20,10) AS fee_cost,
        coalesce(sum(c.line_item_unblended_cost) FILTER (WHERE c.line_item_line_item_type IN ('SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee')), 0)::numeric(20,10) AS savings_plan_fee,
        coalesce(sum(c.line_item_unblended_cost) FILTER (WHERE c.line_item_line_item_type = 'SavingsPlanNegation'), 0)::numeric(20,10) AS savings_plan_negation,
        coalesce(sum(c.line_item_unblended_cost) FILTER (WHERE c.line_item_line_item_type = 'SppDiscount'), 0)::numeric(20,10) AS spp_discount,
        coalesce(sum(c.line_item_unblended_cost) FILTER (WHERE c.line_item_line_item_type IN ('Discount', 'BundledDiscount', 'EdpDiscount', 'PrivateRateDiscount')), 0)::numeric(20,10) AS other_discount,
        coalesce(sum(c.line_item_unblended_cost) FILTER (WHERE c.line_item_line_item_type = 'Credit'), 0)::numeric(20,10) AS credit,
        coalesce(sum(c.line_item_unblended_cost) FILTER (WHERE c.line_item_line_item_type = 'Refund'), 0)::numeric(20,10) AS refund,
        coalesce(sum(c.line_item_unblended_cost) FILTER (WHERE c.line_item_line_item_type = 'Tax'), 0)::numeric(20,10) AS tax,
        coalesce(sum(c.line_item_unblended_cost), 0)::numeric(20,10) AS unblended_cost,
        bool_and(c.is_final) AS is_final, max(c.bill_invoice_id) AS bill_invoice_id, count(*)::int AS row_count
      FROM raw.odoo_c_billing_internal_cur c
      WHERE ${scope}
      GROUP BY 1, 2, 3, 4, 5
    ) x`,
};

export const BILLING_BILLS: Step = {
  target: 'core.billing_bills',
  sources: ['odoo_c_billing_bill', 'odoo_res_partner', 'odoo_res_currency'],
  keys: ['bill_id'],
  columns: [
    'bill_id', 'name', 'partner_id', 'partner_name', 'billing_period', 'payer_account_id', 'currency', 'fx_rate', 'pricing_rule', 'pricing_pct', 'amount_cost',
    'amount_list', 'amount_billed', 'amount_billed_currency', 'amount_margin', 'state', 'error_message', 'account_move_id',
  ],
  scope: {
    column: 'bill_id',
    sourceCondition: 'b.id IN (SELECT v FROM pg_temp.step_scope)',
    affected: () => `SELECT id FROM ${changedIds('odoo_c_billing_bill')} c(id)
      UNION SELECT id FROM raw.odoo_c_billing_bill WHERE partner_id IN ${changedIds('odoo_res_partner')} OR currency_id IN ${changedIds('odoo_res_currency')}`,
  },
  select: (_ctx, scope) => `
    SELECT b.id AS bill_id, b.name, b.partner_id, p.name AS partner_name, b.billing_period, b.payer_account_id::text AS payer_account_id, cur.name AS currency,
      b.fx_rate, b.pricing_rule, b.pricing_pct, b.amount_cost, b.amount_list, b.amount_billed, b.amount_billed_currency, b.amount_margin, b.state,
      b.error_message, b.account_move_id
    FROM raw.odoo_c_billing_bill b
    LEFT JOIN raw.odoo_res_partner p ON p.id = b.partner_id
    LEFT JOIN raw.odoo_res_currency cur ON cur.id = b.currency_id
    WHERE ${scope}`,
};

/** Staging line type → amount class (spec §1.3 c_billing_bill_line.line_type). */
const BILL_LINE_CLASS = (col: string): string => `CASE ${col}
  WHEN 'usage' THEN 'usage' WHEN 'support' THEN 'usage' WHEN 'marketplace' THEN 'usage'
  WHEN 'savings_plan' THEN 'fee' WHEN 'ri' THEN 'fee' WHEN 'managed_fee' THEN 'service_fee'
  WHEN 'credit' THEN 'credit' WHEN 'refund' THEN 'refund' WHEN 'spp_discount' THEN 'discount' WHEN 'tax' THEN 'tax'
  WHEN 'adjustment' THEN 'adjustment' ELSE 'other' END`;

export const BILLING_BILL_LINES: Step = {
  target: 'core.billing_bill_lines',
  sources: ['odoo_c_billing_bill_line', 'odoo_c_billing_bill'],
  keys: ['bill_line_id'],
  columns: [
    'bill_line_id', 'bill_id', 'billing_period', 'partner_id', 'bill_state', 'c_aws_account_id', 'aws_account_id', 'usage_month', 'product_code', 'product_name',
    'line_type', 'amount_class', 'cost_amount', 'list_amount', 'billed_amount', 'margin_amount', 'quantity',
  ],
  scope: {
    column: 'bill_line_id',
    sourceCondition: 'bl.id IN (SELECT v FROM pg_temp.step_scope)',
    affected: () => `SELECT id FROM ${changedIds('odoo_c_billing_bill_line')} c(id)
      UNION SELECT id FROM raw.odoo_c_billing_bill_line WHERE bill_id IN ${changedIds('odoo_c_billing_bill')}`,
  },
  select: (_ctx, scope) => `
    SELECT bl.id AS bill_line_id, bl.bill_id, b.billing_period, b.partner_id, b.state AS bill_state, bl.c_aws_account_id, bl.aws_account_id::text AS aws_account_id,
      bl.usage_month, bl.product_code, bl.product_name, bl.line_type, ${BILL_LINE_CLASS('bl.line_type')} AS amount_class,
      bl.cost_amount, bl.list_amount, bl.billed_amount, bl.margin_amount, bl.quantity
    FROM raw.odoo_c_billing_bill_line bl
    LEFT JOIN raw.odoo_c_billing_bill b ON b.id = bl.bill_id
    WHERE ${scope}`,
};

export const INVOICES: Step = {
  target: 'core.invoices',
  sources: ['odoo_account_move', 'odoo_res_partner', 'odoo_res_currency'],
  keys: ['move_id'],
  columns: [
    'move_id', 'name', 'move_type', 'state', 'payment_state', 'partner_id', 'partner_name', 'commercial_partner_id', 'invoice_date', 'accounting_date', 'due_date',
    'currency', 'amount_untaxed', 'amount_tax', 'amount_total', 'amount_residual', 'amount_untaxed_signed', 'amount_total_signed', 'reversed_entry_id',
    'invoice_origin', 'ref', 'bill_id', 'billing_period',
  ],
  scope: {
    column: 'move_id',
    sourceCondition: 'm.id IN (SELECT v FROM pg_temp.step_scope)',
    affected: () => `SELECT id FROM ${changedIds('odoo_account_move')} c(id)
      UNION SELECT id FROM raw.odoo_account_move WHERE commercial_partner_id IN ${changedIds('odoo_res_partner')} OR currency_id IN ${changedIds('odoo_res_currency')}`,
  },
  select: (_ctx, scope) => `
    SELECT m.id AS move_id, nullif(m.name, '/') AS name, m.move_type, m.state, m.payment_state, m.partner_id, p.name AS partner_name, m.commercial_partner_id,
      m.invoice_date, m.date AS accounting_date, m.invoice_date_due AS due_date, cur.name AS currency, m.amount_untaxed, m.amount_tax, m.amount_total,
      m.amount_residual, m.amount_untaxed_signed, m.amount_total_signed, m.reversed_entry_id, m.invoice_origin, m.ref, m.c_billing_bill_id AS bill_id,
      m.c_billing_period AS billing_period
    FROM raw.odoo_account_move m
    LEFT JOIN raw.odoo_res_partner p ON p.id = coalesce(m.commercial_partner_id, m.partner_id)
    LEFT JOIN raw.odoo_res_currency cur ON cur.id = m.currency_id
    WHERE ${scope}`,
};

/**
 * Invoice product lines summed per move × (bill line | product) × account × period × sign: 2.4 M move lines at
 * prod become a few hundred thousand facts. Amounts are negated balances: revenue positive, refunds and
 * credit lines negative (document currency: amount_currency; company currency: balance).
 */
export const INVOICE_LINES: Step = {
  target: 'core.invoice_lines',
  sources: ['odoo_account_move_line', 'odoo_account_move', 'odoo_c_billing_bill_line', 'odoo_c_aws_accounts', 'odoo_product_product', 'odoo_product_template', 'odoo_res_currency'],
  keys: ['move_id', 'line_key'],
  columns: [
    'move_id', 'line_key', 'move_type', 'parent_state', 'invoice_date', 'partner_id', 'c_aws_account_id', 'aws_account_id', 'billing_period', 'bill_line_id',
    'product_id', 'product_code', 'product_name', 'line_type', 'amount_class', 'line_count', 'quantity', 'amount_currency', 'amount_company', 'currency',
  ],
  scope: {
    column: 'move_id',
    sourceCondition: 'l.move_id IN (SELECT v FROM pg_temp.step_scope)',
    affected: () => `SELECT id FROM ${changedIds('odoo_account_move')} c(id)
      UNION SELECT DISTINCT move_id FROM raw.odoo_account_move_line WHERE id IN ${changedIds('odoo_account_move_line')}
      UNION SELECT DISTINCT l.move_id FROM raw.odoo_account_move_line l
        -- the EXISTS is a one-time filter: no scan of the 2.4 M lines when neither table changed
        WHERE EXISTS (SELECT 1 FROM pg_temp.changed WHERE raw_table IN ('odoo_c_billing_bill_line', 'odoo_c_aws_accounts'))
          AND (l.c_bill_line_id IN ${changedIds('odoo_c_billing_bill_line')} OR l.c_aws_account_id IN ${changedIds('odoo_c_aws_accounts')})`,
  },
  fullOnDeleteOf: ['odoo_account_move_line', 'odoo_c_aws_accounts'],
  fullOnChangeOf: ['odoo_product_product', 'odoo_product_template', 'odoo_res_currency'],
  select: (_ctx, scope) => `
    WITH g AS (
      SELECT l.move_id, l.c_bill_line_id, l.product_id, l.c_aws_account_id, l.c_billing_period, (coalesce(l.price_subtotal, -l.balance) < 0) AS negative,
        max(l.parent_state) AS parent_state, max(l.invoice_date) AS invoice_date, max(l.partner_id) AS partner_id, max(l.currency_id) AS currency_id,
        count(*)::int AS line_count, sum(l.quantity) AS quantity, -sum(coalesce(l.amount_currency, l.balance)) AS amount_currency, -sum(l.balance) AS amount_company
      FROM raw.odoo_account_move_line l
      WHERE l.display_type = 'product' AND ${scope}
      GROUP BY 1, 2, 3, 4, 5, 6
    )
    SELECT g.move_id,
      md5(concat_ws('|', g.c_bill_line_id, g.product_id, g.c_aws_account_id, g.c_billing_period, g.negative)) AS line_key,
      m.move_type, g.parent_state, g.invoice_date, g.partner_id, g.c_aws_account_id,
      coalesce(a.aws_account_id::text, bl.aws_account_id::text) AS aws_account_id, coalesce(g.c_billing_period, bl.usage_month) AS billing_period,
      g.c_bill_line_id AS bill_line_id, g.product_id,
      coalesce(bl.product_code, regexp_replace(coalesce(pp.default_code, pt.default_code), '^AWS-', '')) AS product_code,
      coalesce(bl.product_name, core.jname(pt.name)) AS product_name, bl.line_type,
      CASE WHEN m.move_type = 'entry' THEN 'accrual'
           WHEN bl.line_type IS NOT NULL THEN ${BILL_LINE_CLASS('bl.line_type')}
           WHEN g.negative THEN 'credit'
           WHEN coalesce(pp.default_code, pt.default_code) LIKE 'AWS-%' THEN 'usage' ELSE 'service_fee' END AS amount_class,
      g.line_count, g.quantity,
      g.amount_currency,
      g.amount_company, cur.name AS currency
    FROM g
    JOIN raw.odoo_account_move m ON m.id = g.move_id
    LEFT JOIN raw.odoo_c_billing_bill_line bl ON bl.id = g.c_bill_line_id
    LEFT JOIN raw.odoo_c_aws_accounts a ON a.id = g.c_aws_account_id
    LEFT JOIN raw.odoo_product_product pp ON pp.id = g.product_id
    LEFT JOIN raw.odoo_product_template pt ON pt.id = pp.product_tmpl_id
    LEFT JOIN raw.odoo_res_currency cur ON cur.id = g.currency_id`,
};
