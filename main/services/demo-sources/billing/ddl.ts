/**
 * DDL of the billing half's Odoo tables (spec §1.1 type rules: varchar without length, jsonb for translatable
 * names and analytic_distribution, numeric for money, timestamp without time zone, int4 ids; the five Odoo
 * audit columns on every table). AWS account ids are varchar(12). Foreign keys are added after loading and
 * after the self-checks (`FOREIGN_KEYS`), so a violation is reported with every other failure.
 */

const AUDIT = ['create_uid int4', 'create_date timestamp', 'write_uid int4', 'write_date timestamp'];

function table(name: string, columns: readonly string[], constraints: readonly string[] = []): string {
  return `CREATE TABLE ${name} (\n  id serial PRIMARY KEY,\n  ${[...columns, ...AUDIT, ...constraints].join(',\n  ')}\n)`;
}

export const BILLING_TABLES: readonly { name: string; ddl: string }[] = [
  { name: 'res_currency', ddl: table('res_currency', ['name varchar NOT NULL', 'full_name varchar', 'symbol varchar NOT NULL', 'rounding numeric', 'decimal_places int4', 'active bool', 'position varchar', 'currency_unit_label jsonb', 'currency_subunit_label jsonb'], ['CONSTRAINT res_currency_unique_name UNIQUE (name)']) },
  { name: 'res_currency_rate', ddl: table('res_currency_rate', ['name date NOT NULL', 'rate numeric', 'currency_id int4 NOT NULL', 'company_id int4'], ['CONSTRAINT res_currency_rate_unique_name_per_day UNIQUE (name, currency_id, company_id)']) },
  { name: 'uom_uom', ddl: table('uom_uom', ['name jsonb NOT NULL', 'category_id int4 NOT NULL', 'factor numeric NOT NULL', 'rounding numeric NOT NULL', 'active bool', 'uom_type varchar NOT NULL']) },
  { name: 'product_category', ddl: table('product_category', ['name varchar NOT NULL', 'complete_name varchar', 'parent_id int4', 'parent_path varchar']) },
  { name: 'product_template', ddl: table('product_template', ['name jsonb NOT NULL', 'sequence int4', 'description_sale jsonb', 'default_code varchar', 'detailed_type varchar NOT NULL', 'type varchar NOT NULL', 'categ_id int4 NOT NULL', 'list_price numeric', 'sale_ok bool', 'purchase_ok bool', 'active bool', 'uom_id int4 NOT NULL', 'uom_po_id int4 NOT NULL', 'company_id int4', 'invoice_policy varchar', 'service_type varchar']) },
  { name: 'product_product', ddl: table('product_product', ['product_tmpl_id int4 NOT NULL', 'default_code varchar', 'active bool', 'barcode varchar', 'combination_indices varchar']) },
  { name: 'account_account', ddl: table('account_account', ['name jsonb NOT NULL', 'code varchar(64) NOT NULL', 'account_type varchar NOT NULL', 'internal_group varchar', 'reconcile bool', 'deprecated bool', 'currency_id int4', 'company_id int4 NOT NULL']) },
  { name: 'account_journal', ddl: table('account_journal', ['name jsonb NOT NULL', 'code varchar(5) NOT NULL', 'type varchar NOT NULL', 'active bool', 'sequence int4', 'refund_sequence bool', 'default_account_id int4', 'currency_id int4', 'company_id int4 NOT NULL']) },
  { name: 'account_tax_group', ddl: table('account_tax_group', ['name jsonb NOT NULL', 'sequence int4', 'company_id int4']) },
  { name: 'account_tax', ddl: table('account_tax', ['name jsonb NOT NULL', 'description jsonb', 'type_tax_use varchar NOT NULL', 'tax_scope varchar', 'amount_type varchar NOT NULL', 'amount numeric NOT NULL', 'price_include bool', 'active bool', 'sequence int4', 'tax_group_id int4 NOT NULL', 'country_id int4', 'company_id int4 NOT NULL']) },
  { name: 'account_fiscal_position', ddl: table('account_fiscal_position', ['name jsonb NOT NULL', 'sequence int4', 'active bool', 'auto_apply bool', 'vat_required bool', 'note jsonb', 'company_id int4 NOT NULL']) },
  { name: 'account_payment_term', ddl: table('account_payment_term', ['name jsonb NOT NULL', 'active bool', 'sequence int4', 'note jsonb', 'company_id int4']) },
  { name: 'account_analytic_plan', ddl: table('account_analytic_plan', ['name jsonb NOT NULL', 'description text', 'parent_id int4', 'color int4', 'default_applicability varchar']) },
  { name: 'account_analytic_account', ddl: table('account_analytic_account', ['name jsonb NOT NULL', 'code varchar', 'active bool', 'plan_id int4 NOT NULL', 'root_plan_id int4', 'partner_id int4', 'company_id int4', 'currency_id int4']) },
  {
    name: 'c_billing_internal_cur',
    ddl: table('c_billing_internal_cur', [
      'usage_month date NOT NULL', 'bill_billing_period_start_date date', 'bill_billing_period_end_date date', 'bill_payer_account_id varchar(12) NOT NULL',
      'line_item_usage_account_id varchar(12) NOT NULL', 'c_aws_account_id int4', 'line_item_product_code varchar NOT NULL', 'product_product_name varchar',
      'product_servicecode varchar', 'line_item_line_item_type varchar NOT NULL', 'bill_billing_entity varchar NOT NULL', 'line_item_legal_entity varchar',
      'line_item_usage_amount numeric', 'line_item_unblended_cost numeric(20,10)', 'pricing_public_on_demand_cost numeric(20,10)', 'line_item_net_unblended_cost numeric(20,10)',
      'line_item_currency_code varchar(3)', 'bill_invoice_id varchar', 'is_final bool', 'import_batch varchar',
    ], [
      // Deviation from spec §1.3: the payer is part of the key, because an account under two payers in one month
      // has one row per payer (each payer's CUR is a separate export).
      'CONSTRAINT c_billing_internal_cur_unique_row UNIQUE (usage_month, bill_payer_account_id, line_item_usage_account_id, line_item_product_code, line_item_line_item_type, bill_billing_entity, import_batch)',
    ]),
  },
  {
    name: 'c_billing_spp_bill',
    ddl: table('c_billing_spp_bill', [
      'name varchar', 'bill_payer_account_id varchar(12) NOT NULL', 'billing_period date NOT NULL', 'invoicing_entity varchar', 'amount_usage numeric', 'amount_spp_discount numeric',
      'amount_credits numeric', 'amount_savings_plan_fees numeric', 'amount_support numeric', 'amount_marketplace numeric', 'amount_tax numeric', 'amount_total numeric',
      'currency_id int4', 'invoice_date date', 'due_date date', 'vendor_move_id int4', 'state varchar',
    ]),
  },
  {
    name: 'c_billing_bill',
    ddl: table('c_billing_bill', [
      'name varchar NOT NULL', 'partner_id int4', 'billing_period date NOT NULL', 'payer_account_id varchar(12)', 'currency_id int4', 'fx_rate numeric', 'pricing_rule varchar',
      'pricing_pct numeric', 'amount_cost numeric', 'amount_list numeric', 'amount_billed numeric', 'amount_billed_currency numeric', 'amount_margin numeric', 'state varchar',
      'account_move_id int4', 'error_message text', 'company_id int4',
    ]),
  },
  {
    name: 'c_billing_bill_line',
    ddl: table('c_billing_bill_line', [
      'bill_id int4 NOT NULL', 'c_aws_account_id int4', 'aws_account_id varchar(12)', 'usage_month date', 'product_code varchar', 'product_name varchar', 'product_id int4',
      'line_type varchar NOT NULL', 'cost_amount numeric', 'list_amount numeric', 'billed_amount numeric', 'margin_amount numeric', 'quantity numeric', 'description varchar',
      'cur_row_ids int4[]',
    ]),
  },
  {
    name: 'account_move',
    ddl: table('account_move', [
      'name varchar', 'ref varchar', 'payment_reference varchar', 'date date NOT NULL', 'invoice_date date', 'invoice_date_due date', 'state varchar NOT NULL', 'move_type varchar NOT NULL',
      'journal_id int4 NOT NULL', 'company_id int4', 'partner_id int4', 'commercial_partner_id int4', 'partner_shipping_id int4', 'fiscal_position_id int4', 'invoice_payment_term_id int4',
      'invoice_user_id int4', 'team_id int4', 'currency_id int4 NOT NULL', 'invoice_currency_rate numeric', 'amount_untaxed numeric', 'amount_tax numeric', 'amount_total numeric',
      'amount_residual numeric', 'amount_untaxed_signed numeric', 'amount_tax_signed numeric', 'amount_total_signed numeric', 'amount_residual_signed numeric',
      'amount_total_in_currency_signed numeric', 'payment_state varchar', 'reversed_entry_id int4', 'invoice_origin varchar', 'narration text', 'c_billing_bill_id int4', 'c_billing_period date',
    ]),
  },
  {
    name: 'account_move_line',
    ddl: table('account_move_line', [
      'move_id int4 NOT NULL', 'move_name varchar', 'ref varchar', 'parent_state varchar', 'date date', 'invoice_date date', 'date_maturity date', 'journal_id int4', 'company_id int4',
      'company_currency_id int4', 'currency_id int4', 'partner_id int4', 'account_id int4', 'product_id int4', 'product_uom_id int4', 'tax_line_id int4', 'tax_group_id int4',
      'display_type varchar', 'name varchar', 'quantity numeric', 'price_unit numeric', 'discount numeric', 'price_subtotal numeric', 'price_total numeric', 'debit numeric',
      'credit numeric', 'balance numeric', 'amount_currency numeric', 'amount_residual numeric', 'amount_residual_currency numeric', 'reconciled bool', 'analytic_distribution jsonb',
      'sequence int4', 'c_aws_account_id int4', 'c_billing_period date', 'c_bill_line_id int4', 'c_usage_type varchar',
    ]),
  },
];

/** FKs between the billing tables (always) and to the CRM half's tables (when they exist in the same database). */
export const FOREIGN_KEYS: readonly { table: string; column: string; ref: string; external?: boolean }[] = [
  { table: 'res_currency_rate', column: 'currency_id', ref: 'res_currency' },
  { table: 'product_category', column: 'parent_id', ref: 'product_category' },
  { table: 'product_template', column: 'categ_id', ref: 'product_category' },
  { table: 'product_template', column: 'uom_id', ref: 'uom_uom' },
  { table: 'product_template', column: 'uom_po_id', ref: 'uom_uom' },
  { table: 'product_product', column: 'product_tmpl_id', ref: 'product_template' },
  { table: 'account_account', column: 'currency_id', ref: 'res_currency' },
  { table: 'account_journal', column: 'default_account_id', ref: 'account_account' },
  { table: 'account_journal', column: 'currency_id', ref: 'res_currency' },
  { table: 'account_tax', column: 'tax_group_id', ref: 'account_tax_group' },
  { table: 'account_analytic_account', column: 'plan_id', ref: 'account_analytic_plan' },
  { table: 'account_analytic_account', column: 'currency_id', ref: 'res_currency' },
  { table: 'c_billing_spp_bill', column: 'vendor_move_id', ref: 'account_move' },
  { table: 'c_billing_spp_bill', column: 'currency_id', ref: 'res_currency' },
  { table: 'c_billing_bill', column: 'account_move_id', ref: 'account_move' },
  { table: 'c_billing_bill', column: 'currency_id', ref: 'res_currency' },
  { table: 'c_billing_bill_line', column: 'bill_id', ref: 'c_billing_bill' },
  { table: 'c_billing_bill_line', column: 'product_id', ref: 'product_product' },
  { table: 'account_move', column: 'journal_id', ref: 'account_journal' },
  { table: 'account_move', column: 'currency_id', ref: 'res_currency' },
  { table: 'account_move', column: 'fiscal_position_id', ref: 'account_fiscal_position' },
  { table: 'account_move', column: 'invoice_payment_term_id', ref: 'account_payment_term' },
  { table: 'account_move', column: 'reversed_entry_id', ref: 'account_move' },
  { table: 'account_move', column: 'c_billing_bill_id', ref: 'c_billing_bill' },
  { table: 'account_move_line', column: 'move_id', ref: 'account_move' },
  { table: 'account_move_line', column: 'journal_id', ref: 'account_journal' },
  { table: 'account_move_line', column: 'currency_id', ref: 'res_currency' },
  { table: 'account_move_line', column: 'company_currency_id', ref: 'res_currency' },
  { table: 'account_move_line', column: 'account_id', ref: 'account_account' },
  { table: 'account_move_line', column: 'product_id', ref: 'product_product' },
  { table: 'account_move_line', column: 'product_uom_id', ref: 'uom_uom' },
  { table: 'account_move_line', column: 'tax_line_id', ref: 'account_tax' },
  { table: 'account_move_line', column: 'tax_group_id', ref: 'account_tax_group' },
  { table: 'account_move_line', column: 'c_bill_line_id', ref: 'c_billing_bill_line' },
  // The CRM half's tables: checked and constrained only when present in the database.
  { table: 'c_billing_internal_cur', column: 'c_aws_account_id', ref: 'c_aws_accounts', external: true },
  { table: 'c_billing_bill', column: 'partner_id', ref: 'res_partner', external: true },
  { table: 'c_billing_bill_line', column: 'c_aws_account_id', ref: 'c_aws_accounts', external: true },
  { table: 'account_move', column: 'partner_id', ref: 'res_partner', external: true },
  { table: 'account_move', column: 'commercial_partner_id', ref: 'res_partner', external: true },
  { table: 'account_move', column: 'invoice_user_id', ref: 'res_users', external: true },
  { table: 'account_move', column: 'team_id', ref: 'crm_team', external: true },
  { table: 'account_move_line', column: 'partner_id', ref: 'res_partner', external: true },
  { table: 'account_move_line', column: 'c_aws_account_id', ref: 'c_aws_accounts', external: true },
  { table: 'account_analytic_account', column: 'partner_id', ref: 'res_partner', external: true },
];

/** Indexes a real Odoo database has on these tables (and the sync's incremental cursor needs). */
export const INDEXES: readonly string[] = [
  'CREATE INDEX account_move_line_move_id_idx ON account_move_line (move_id)',
  'CREATE INDEX account_move_line_write_date_idx ON account_move_line (write_date, id)',
  'CREATE INDEX account_move_write_date_idx ON account_move (write_date, id)',
  'CREATE INDEX account_move_partner_idx ON account_move (commercial_partner_id)',
  'CREATE INDEX c_billing_internal_cur_month_idx ON c_billing_internal_cur (usage_month, line_item_usage_account_id)',
  'CREATE INDEX c_billing_bill_line_bill_idx ON c_billing_bill_line (bill_id)',
];
