/**
 * Odoo tables of the CRM half with the column types the Odoo ORM creates (spec §1.1–1.3):
 * translatable names jsonb, Char varchar, Float float8, Monetary/digits numeric, Datetime timestamp
 * without time zone, Many2one int4. AWS ids are varchar(12).
 */
import { odooTable, type TableDef } from '../write/table';

const ts = 'timestamp without time zone';

export const RES_COMPANY = odooTable('res_company', [
  ['name', 'varchar NOT NULL'], ['partner_id', 'int4 NOT NULL'], ['currency_id', 'int4 NOT NULL'], ['country_id', 'int4'], ['email', 'varchar'], ['vat', 'varchar'],
], [{ column: 'partner_id', ref: 'res_partner' }, { column: 'country_id', ref: 'res_country' }]);

export const RES_COUNTRY = odooTable('res_country', [
  ['code', 'varchar(2) NOT NULL'], ['name', 'jsonb NOT NULL'], ['phone_code', 'int4'], ['currency_id', 'int4'],
], [], { unique: [['code']] });

export const RES_COUNTRY_STATE = odooTable('res_country_state', [
  ['country_id', 'int4 NOT NULL'], ['name', 'varchar NOT NULL'], ['code', 'varchar NOT NULL'],
], [{ column: 'country_id', ref: 'res_country' }], { unique: [['country_id', 'code']] });

export const RES_LANG = odooTable('res_lang', [['name', 'varchar NOT NULL'], ['code', 'varchar NOT NULL'], ['iso_code', 'varchar'], ['active', 'bool']], [], { unique: [['code']] });

export const RES_PARTNER_INDUSTRY = odooTable('res_partner_industry', [['name', 'jsonb'], ['full_name', 'jsonb'], ['active', 'bool']]);

export const RES_PARTNER = odooTable('res_partner', [
  ['name', 'varchar'], ['complete_name', 'varchar'], ['is_company', 'bool'], ['parent_id', 'int4'], ['commercial_partner_id', 'int4'],
  ['commercial_company_name', 'varchar'], ['company_name', 'varchar'], ['type', 'varchar'], ['ref', 'varchar'], ['vat', 'varchar'],
  ['company_registry', 'varchar'], ['email', 'varchar'], ['email_normalized', 'varchar'], ['phone', 'varchar'], ['mobile', 'varchar'],
  ['website', 'varchar'], ['function', 'varchar'], ['street', 'varchar'], ['street2', 'varchar'], ['zip', 'varchar'], ['city', 'varchar'],
  ['state_id', 'int4'], ['country_id', 'int4'], ['industry_id', 'int4'], ['lang', 'varchar'], ['tz', 'varchar'], ['user_id', 'int4'],
  ['team_id', 'int4'], ['company_id', 'int4'], ['active', 'bool'], ['customer_rank', 'int4'], ['supplier_rank', 'int4'],
  ['partner_share', 'bool'], ['employee', 'bool'], ['color', 'int4'], ['comment', 'text'], ['c_apn_end_user_ref', 'varchar'],
], [
  { column: 'parent_id', ref: 'res_partner' }, { column: 'commercial_partner_id', ref: 'res_partner' }, { column: 'state_id', ref: 'res_country_state' },
  { column: 'country_id', ref: 'res_country' }, { column: 'industry_id', ref: 'res_partner_industry' }, { column: 'user_id', ref: 'res_users' },
  { column: 'team_id', ref: 'crm_team' }, { column: 'company_id', ref: 'res_company' },
], { checks: ["(type = 'contact' AND name IS NOT NULL) OR type <> 'contact'"] });

export const RES_USERS = odooTable('res_users', [
  ['login', 'varchar NOT NULL'], ['partner_id', 'int4 NOT NULL'], ['active', 'bool'], ['company_id', 'int4 NOT NULL'], ['share', 'bool'],
  ['signature', 'text'], ['notification_type', 'varchar'], ['login_date', ts],
], [{ column: 'partner_id', ref: 'res_partner' }, { column: 'company_id', ref: 'res_company' }], { unique: [['login']] });

export const CRM_TEAM = odooTable('crm_team', [
  ['name', 'jsonb NOT NULL'], ['sequence', 'int4'], ['active', 'bool'], ['company_id', 'int4'], ['user_id', 'int4'], ['color', 'int4'],
  ['use_leads', 'bool'], ['use_opportunities', 'bool'], ['alias_id', 'int4'],
], [{ column: 'company_id', ref: 'res_company' }, { column: 'user_id', ref: 'res_users' }]);

export const CRM_TEAM_MEMBER = odooTable('crm_team_member', [['crm_team_id', 'int4 NOT NULL'], ['user_id', 'int4 NOT NULL'], ['active', 'bool']],
  [{ column: 'crm_team_id', ref: 'crm_team' }, { column: 'user_id', ref: 'res_users' }]);

export const CRM_STAGE = odooTable('crm_stage', [
  ['name', 'jsonb NOT NULL'], ['sequence', 'int4'], ['is_won', 'bool'], ['requirements', 'text'], ['team_id', 'int4'], ['fold', 'bool'], ['color', 'int4'],
], [{ column: 'team_id', ref: 'crm_team' }]);

export const CRM_LOST_REASON = odooTable('crm_lost_reason', [['name', 'jsonb NOT NULL'], ['active', 'bool']]);
export const CRM_TAG = odooTable('crm_tag', [['name', 'jsonb NOT NULL'], ['color', 'int4']]);
export const CRM_TAG_REL: TableDef = {
  name: 'crm_tag_rel', columns: [['lead_id', 'int4 NOT NULL'], ['tag_id', 'int4 NOT NULL']], pk: ['lead_id', 'tag_id'],
  fks: [{ column: 'lead_id', ref: 'crm_lead' }, { column: 'tag_id', ref: 'crm_tag' }],
};
export const UTM_SOURCE = odooTable('utm_source', [['name', 'varchar NOT NULL']]);
export const CRM_RECURRING_PLAN = odooTable('crm_recurring_plan', [['name', 'jsonb NOT NULL'], ['number_of_months', 'int4 NOT NULL'], ['active', 'bool']]);

export const CRM_LEAD = odooTable('crm_lead', [
  ['name', 'varchar NOT NULL'], ['type', 'varchar NOT NULL'], ['active', 'bool'], ['partner_id', 'int4'], ['partner_name', 'varchar'],
  ['contact_name', 'varchar'], ['function', 'varchar'], ['email_from', 'varchar'], ['email_normalized', 'varchar'], ['email_cc', 'varchar'],
  ['phone', 'varchar'], ['mobile', 'varchar'], ['website', 'varchar'], ['user_id', 'int4'], ['team_id', 'int4'], ['stage_id', 'int4'],
  ['company_id', 'int4'], ['probability', 'float8'], ['automated_probability', 'float8'], ['expected_revenue', 'numeric'],
  ['prorated_revenue', 'numeric'], ['recurring_revenue', 'numeric'], ['recurring_revenue_monthly', 'numeric'], ['recurring_plan', 'int4'],
  ['date_deadline', 'date'], ['date_closed', ts], ['date_open', ts], ['date_conversion', ts], ['date_last_stage_update', ts],
  ['date_action_last', ts], ['day_open', 'float8'], ['day_close', 'float8'], ['priority', 'varchar'], ['lost_reason_id', 'int4'],
  ['street', 'varchar'], ['street2', 'varchar'], ['zip', 'varchar'], ['city', 'varchar'], ['state_id', 'int4'], ['country_id', 'int4'],
  ['lang_id', 'int4'], ['referred', 'varchar'], ['description', 'text'], ['source_id', 'int4'], ['color', 'int4'],
  ['c_ace_opportunity_ref', 'varchar'], ['c_aws_account_ids', 'varchar'],
], [
  { column: 'partner_id', ref: 'res_partner' }, { column: 'user_id', ref: 'res_users' }, { column: 'team_id', ref: 'crm_team' },
  { column: 'stage_id', ref: 'crm_stage' }, { column: 'company_id', ref: 'res_company' }, { column: 'recurring_plan', ref: 'crm_recurring_plan' },
  { column: 'lost_reason_id', ref: 'crm_lost_reason' }, { column: 'state_id', ref: 'res_country_state' }, { column: 'country_id', ref: 'res_country' },
  { column: 'lang_id', ref: 'res_lang' }, { column: 'source_id', ref: 'utm_source' },
], { checks: ['probability >= 0 AND probability <= 100'] });

export const SALE_ORDER = odooTable('sale_order', [
  ['name', 'varchar NOT NULL'], ['state', 'varchar'], ['partner_id', 'int4 NOT NULL'], ['partner_invoice_id', 'int4 NOT NULL'],
  ['partner_shipping_id', 'int4 NOT NULL'], ['date_order', `${ts} NOT NULL`], ['validity_date', 'date'], ['commitment_date', ts],
  ['user_id', 'int4'], ['team_id', 'int4'], ['company_id', 'int4 NOT NULL'], ['currency_id', 'int4'], ['amount_untaxed', 'numeric'],
  ['amount_tax', 'numeric'], ['amount_total', 'numeric'], ['currency_rate', 'numeric'], ['invoice_status', 'varchar'],
  ['client_order_ref', 'varchar'], ['origin', 'varchar'], ['reference', 'varchar'], ['locked', 'bool'], ['opportunity_id', 'int4'], ['source_id', 'int4'],
], [
  { column: 'partner_id', ref: 'res_partner' }, { column: 'partner_invoice_id', ref: 'res_partner' }, { column: 'partner_shipping_id', ref: 'res_partner' },
  { column: 'user_id', ref: 'res_users' }, { column: 'team_id', ref: 'crm_team' }, { column: 'company_id', ref: 'res_company' },
  { column: 'opportunity_id', ref: 'crm_lead' }, { column: 'source_id', ref: 'utm_source' },
]);

export const SALE_ORDER_LINE = odooTable('sale_order_line', [
  ['order_id', 'int4 NOT NULL'], ['sequence', 'int4'], ['product_id', 'int4'], ['product_template_id', 'int4'], ['name', 'text NOT NULL'],
  ['product_uom_qty', 'numeric'], ['product_uom', 'int4'], ['price_unit', 'numeric'], ['discount', 'numeric'], ['price_subtotal', 'numeric'],
  ['price_tax', 'numeric'], ['price_total', 'numeric'], ['qty_delivered', 'numeric'], ['qty_invoiced', 'numeric'], ['qty_to_invoice', 'numeric'],
  ['invoice_status', 'varchar'], ['state', 'varchar'], ['display_type', 'varchar'], ['company_id', 'int4'], ['currency_id', 'int4'],
  ['order_partner_id', 'int4'], ['salesman_id', 'int4'], ['analytic_distribution', 'jsonb'],
], [
  { column: 'order_id', ref: 'sale_order' }, { column: 'company_id', ref: 'res_company' }, { column: 'order_partner_id', ref: 'res_partner' },
  { column: 'salesman_id', ref: 'res_users' },
]);

export const PROJECT_STAGE = odooTable('project_project_stage', [['name', 'jsonb NOT NULL'], ['sequence', 'int4'], ['fold', 'bool'], ['active', 'bool']]);

export const PROJECT_PROJECT = odooTable('project_project', [
  ['name', 'jsonb NOT NULL'], ['active', 'bool'], ['sequence', 'int4'], ['partner_id', 'int4'], ['company_id', 'int4'], ['user_id', 'int4'],
  ['date_start', 'date'], ['date', 'date'], ['privacy_visibility', 'varchar'], ['stage_id', 'int4'], ['last_update_status', 'varchar'],
  ['allow_billable', 'bool'], ['sale_line_id', 'int4'], ['analytic_account_id', 'int4'], ['description', 'text'], ['date_last_stage_update', ts],
], [
  { column: 'partner_id', ref: 'res_partner' }, { column: 'company_id', ref: 'res_company' }, { column: 'user_id', ref: 'res_users' },
  { column: 'stage_id', ref: 'project_project_stage' }, { column: 'sale_line_id', ref: 'sale_order_line' },
]);

export const C_AWS_ACCOUNTS = odooTable('c_aws_accounts', [
  ['name', 'varchar'], ['aws_account_id', 'varchar(12) NOT NULL'], ['payer_account_id', 'varchar(12)'], ['is_payer', 'bool'],
  ['account_email', 'varchar'], ['partner_id', 'int4'], ['lead_id', 'int4'], ['billing_mode', 'varchar'], ['status', 'varchar'],
  ['onboarding_date', 'date'], ['offboarding_date', 'date'], ['support_plan', 'varchar'], ['currency_id', 'int4'], ['company_id', 'int4'],
  ['active', 'bool'], ['notes', 'text'],
], [{ column: 'partner_id', ref: 'res_partner' }, { column: 'lead_id', ref: 'crm_lead' }, { column: 'company_id', ref: 'res_company' }],
{ unique: [['aws_account_id']] });

export const C_AWS_FUNDING_REQUEST = odooTable('c_aws_funding_request', [
  ['name', 'varchar NOT NULL'], ['lead_id', 'int4'], ['partner_id', 'int4'], ['aws_account_id', 'varchar(12)'], ['program', 'varchar'],
  ['funding_type', 'varchar'], ['amount_requested', 'numeric'], ['amount_approved', 'numeric'], ['credits_requested', 'numeric'],
  ['credits_approved', 'numeric'], ['currency_id', 'int4'], ['state', 'varchar'], ['date_submitted', 'date'], ['date_approved', 'date'],
  ['project_start', 'date'], ['project_end', 'date'], ['claim_due_date', 'date'], ['ace_opportunity_ref', 'varchar'], ['active', 'bool'],
], [{ column: 'lead_id', ref: 'crm_lead' }, { column: 'partner_id', ref: 'res_partner' }]);

/** FKs into the billing half's tables; added only when those tables exist. */
export const CROSS_FKS: { table: string; column: string; ref: string }[] = [
  { table: 'res_company', column: 'currency_id', ref: 'res_currency' },
  { table: 'res_country', column: 'currency_id', ref: 'res_currency' },
  { table: 'sale_order', column: 'currency_id', ref: 'res_currency' },
  { table: 'sale_order_line', column: 'currency_id', ref: 'res_currency' },
  { table: 'sale_order_line', column: 'product_id', ref: 'product_product' },
  { table: 'sale_order_line', column: 'product_template_id', ref: 'product_template' },
  { table: 'c_aws_accounts', column: 'currency_id', ref: 'res_currency' },
  { table: 'c_aws_funding_request', column: 'currency_id', ref: 'res_currency' },
];

export const ODOO_TABLES: TableDef[] = [
  RES_COMPANY, RES_COUNTRY, RES_COUNTRY_STATE, RES_LANG, RES_PARTNER_INDUSTRY, RES_PARTNER, RES_USERS, CRM_TEAM, CRM_TEAM_MEMBER, CRM_STAGE,
  CRM_LOST_REASON, CRM_TAG, CRM_TAG_REL, UTM_SOURCE, CRM_RECURRING_PLAN, CRM_LEAD, SALE_ORDER, SALE_ORDER_LINE, PROJECT_STAGE, PROJECT_PROJECT,
  C_AWS_ACCOUNTS, C_AWS_FUNDING_REQUEST,
];
