/**
 * The quality checks (seed 003 requirement 7): required fields, referential integrity between related
 * tables, validity of identifiers, duplicates and billing anomalies. Each check is one SQL query yielding
 * one row per record checked: `key` (text, what an analyst looks up), `ok` (boolean) and `detail` (jsonb
 * shown with failing examples). Static SQL only.
 *
 * Severity: error = the record is unusable for matching/POD/cost; warning = degraded; info = reported,
 * not scored (e.g. facts of life such as negative-margin months).
 */

export type CheckType = 'required' | 'referential' | 'validity' | 'uniqueness' | 'anomaly';
export type Severity = 'error' | 'warning' | 'info';

/** What the warehouse offers beyond PostgreSQL itself (pg_trgm is optional on servers). */
export type Caps = { trgm: boolean };

export type Check = {
  table: string;
  name: string;
  type: CheckType;
  severity: Severity;
  description: string;
  /** tables (schema-qualified) that must exist, else the check is skipped */
  needs: readonly string[];
  rows: string | ((caps: Caps) => string);
};

const fk = (table: string, column: string, parent: string, severity: Severity, what: string, parentColumn = 'id'): Check => ({
  table: `raw.${table}`,
  name: `fk_${column}`,
  type: 'referential',
  severity,
  description: `${what}: raw.${table}.${column} points to an existing raw.${parent} row`,
  needs: [`raw.${table}`, `raw.${parent}`],
  rows: `SELECT c.id::text AS key, EXISTS (SELECT 1 FROM raw.${parent} p WHERE p.${parentColumn} = c.${column}) AS ok,
           jsonb_build_object('${column}', c.${column}) AS detail
         FROM raw.${table} c WHERE c.${column} IS NOT NULL`,
});

/**
 * Months that should be invoiced by now: before the previous month of the latest cost row (the latest month
 * is partial, the one before is being invoiced: its invoices may still be drafts).
 */
const CLOSED_MONTH = `usage_month < (SELECT max(usage_month) FROM core.billing_costs) - interval '1 month'`;

export const CHECKS: readonly Check[] = [
  // --- Odoo opportunities -------------------------------------------------------------------------------
  {
    table: 'core.odoo_opportunities', name: 'company_identified', type: 'required', severity: 'error',
    description: 'The opportunity names its customer: a partner or a free-text company name',
    needs: ['core.odoo_opportunities'],
    rows: `SELECT source_id::text AS key, company_name IS NOT NULL AS ok, jsonb_build_object('name', name, 'email_from', email_from) AS detail FROM core.odoo_opportunities`,
  },
  {
    table: 'core.odoo_opportunities', name: 'salesperson_set', type: 'required', severity: 'warning',
    description: 'An open opportunity has a salesperson',
    needs: ['core.odoo_opportunities'],
    rows: `SELECT source_id::text AS key, user_id IS NOT NULL AS ok, jsonb_build_object('name', name) AS detail FROM core.odoo_opportunities WHERE status = 'open'`,
  },
  {
    table: 'core.odoo_opportunities', name: 'domain_known', type: 'required', severity: 'warning',
    description: 'A registered domain could be read from the website or a non-generic e-mail (matching needs it)',
    needs: ['core.odoo_opportunities'],
    rows: `SELECT source_id::text AS key, normalized_domain IS NOT NULL AS ok, jsonb_build_object('company', company_name, 'website', website, 'email_from', email_from) AS detail FROM core.odoo_opportunities`,
  },
  {
    table: 'core.odoo_opportunities', name: 'expected_closing_set', type: 'required', severity: 'warning',
    description: 'An open opportunity has an expected closing date',
    needs: ['core.odoo_opportunities'],
    rows: `SELECT source_id::text AS key, date_deadline IS NOT NULL AS ok, jsonb_build_object('name', name) AS detail FROM core.odoo_opportunities WHERE status = 'open'`,
  },
  fk('odoo_crm_lead', 'partner_id', 'odoo_res_partner', 'error', 'Lead customer'),
  fk('odoo_crm_lead', 'user_id', 'odoo_res_users', 'error', 'Lead salesperson'),
  fk('odoo_crm_lead', 'stage_id', 'odoo_crm_stage', 'error', 'Lead stage'),
  fk('odoo_crm_lead', 'team_id', 'odoo_crm_team', 'warning', 'Lead sales team'),
  fk('odoo_res_partner', 'parent_id', 'odoo_res_partner', 'warning', 'Contact company'),
  fk('odoo_c_aws_accounts', 'partner_id', 'odoo_res_partner', 'error', 'AWS account customer'),
  fk('odoo_c_aws_accounts', 'lead_id', 'odoo_crm_lead', 'warning', 'AWS account opportunity'),

  // --- ACE opportunities --------------------------------------------------------------------------------
  {
    table: 'core.ace_opportunities', name: 'customer_named', type: 'required', severity: 'error',
    description: 'The ACE opportunity names its customer company',
    needs: ['core.ace_opportunities'],
    rows: `SELECT source_id AS key, account_name IS NOT NULL AS ok, jsonb_build_object('name', name) AS detail FROM core.ace_opportunities`,
  },
  {
    table: 'core.ace_opportunities', name: 'ownership_known', type: 'validity', severity: 'warning',
    description: "Opportunity ownership is (a spelling of) 'Partner Referral' or 'AWS Referral'",
    needs: ['core.ace_opportunities'],
    rows: `SELECT source_id AS key, opportunity_ownership IN ('Partner Referral', 'AWS Referral') AS ok, jsonb_build_object('ownership', opportunity_ownership_raw) AS detail FROM core.ace_opportunities`,
  },
  {
    table: 'core.ace_opportunities', name: 'target_close_set', type: 'required', severity: 'warning',
    description: 'An open ACE opportunity has a target close date',
    needs: ['core.ace_opportunities'],
    rows: `SELECT source_id AS key, close_date IS NOT NULL AS ok, jsonb_build_object('stage', stage) AS detail FROM core.ace_opportunities WHERE coalesce(stage, '') NOT IN ('Launched', 'Closed Lost')`,
  },
  {
    table: 'core.ace_opportunities', name: 'aws_account_id_wellformed', type: 'validity', severity: 'warning',
    description: 'The AWS account id field holds 12-digit ids (dashes, spaces, lost leading zeros, aliases and junk are flagged)',
    needs: ['core.ace_opportunities'],
    rows: `SELECT source_id AS key, aws_account_status = 'ok' OR (aws_account_status = 'multiple' AND aws_account_raw ~ '^[0-9]{12}([,;/ ]+[0-9]{12})+$') AS ok,
             jsonb_build_object('aws_account_id', aws_account_raw, 'status', aws_account_status, 'parsed', aws_account_ids) AS detail
           FROM core.ace_opportunities WHERE aws_account_status NOT IN ('missing', 'placeholder')`,
  },
  {
    table: 'core.ace_opportunities', name: 'aws_account_known', type: 'referential', severity: 'info',
    description: 'A parsed AWS account id is one of the partner\'s known accounts (not yet created accounts are normal)',
    needs: ['core.ace_opportunities', 'core.aws_accounts'],
    rows: `SELECT source_id AS key, EXISTS (SELECT 1 FROM core.aws_accounts a WHERE a.account_id = o.aws_account) AS ok,
             jsonb_build_object('aws_account', aws_account, 'customer', account_name) AS detail FROM core.ace_opportunities o WHERE aws_account IS NOT NULL`,
  },
  {
    table: 'core.ace_opportunities', name: 'odoo_reference_exists', type: 'referential', severity: 'warning',
    description: 'The Odoo opportunity id a rep typed into ACE (partner CRM id) exists in Odoo (merged leads leave stale ids)',
    needs: ['core.ace_opportunities', 'raw.odoo_crm_lead'],
    rows: `SELECT source_id AS key, EXISTS (SELECT 1 FROM raw.odoo_crm_lead l WHERE l.id = o.partner_crm_lead_id) AS ok,
             jsonb_build_object('partner_crm_unique_identifier', partner_crm_unique_identifier) AS detail FROM core.ace_opportunities o WHERE partner_crm_unique_identifier IS NOT NULL`,
  },
  fk('apn_opportunity', 'end_user_id', 'apn_end_user', 'error', 'ACE end user'),

  // --- Companies ----------------------------------------------------------------------------------------
  {
    table: 'core.companies', name: 'name_present', type: 'required', severity: 'error',
    description: 'A company record has a usable name',
    needs: ['core.companies'],
    rows: `SELECT source_system || ':' || source_id AS key, normalized_company_name IS NOT NULL AS ok, jsonb_build_object('name', name) AS detail FROM core.companies`,
  },
  {
    table: 'core.companies', name: 'duplicate_crm_company', type: 'uniqueness', severity: 'warning',
    description: 'No other Odoo company (active or archived) has the same normalized name, or the same domain and a near-identical name (duplicates split leads and accounts)',
    needs: ['core.companies'],
    rows: (caps) => `SELECT c.source_id AS key, d.ids IS NULL AS ok, jsonb_build_object('name', c.name, 'active', c.active, 'duplicate_of', d.ids) AS detail
           FROM core.companies c
           LEFT JOIN LATERAL (SELECT array_agg(o.source_id ORDER BY o.source_id) AS ids FROM core.companies o
             WHERE o.source_system = 'odoo' AND o.source_id <> c.source_id AND o.company_type = 'company'
               AND (o.company_name_fold = c.company_name_fold
                    OR (o.normalized_domain = c.normalized_domain AND ${caps.trgm ? 'similarity(o.company_name_fold, c.company_name_fold) >= 0.6' : 'left(o.company_name_fold, 6) = left(c.company_name_fold, 6) AND abs(length(o.company_name_fold) - length(c.company_name_fold)) <= 2'}))) d ON true
           WHERE c.source_system = 'odoo' AND c.company_type = 'company' AND c.company_name_fold IS NOT NULL`,
  },
  {
    table: 'core.companies', name: 'shared_domain', type: 'uniqueness', severity: 'info',
    description: 'Active Odoo companies sharing a registered domain (duplicates, or franchisees/subsidiaries sharing a brand domain)',
    needs: ['core.companies'],
    rows: `SELECT c.source_id AS key, d.ids IS NULL AS ok, jsonb_build_object('name', c.name, 'domain', c.normalized_domain, 'shared_with', d.ids) AS detail
           FROM core.companies c
           LEFT JOIN LATERAL (SELECT array_agg(o.source_id ORDER BY o.source_id) AS ids FROM core.companies o
             WHERE o.source_system = 'odoo' AND o.source_id <> c.source_id AND o.normalized_domain = c.normalized_domain AND o.company_type = 'company') d ON true
           WHERE c.source_system = 'odoo' AND c.company_type = 'company' AND c.normalized_domain IS NOT NULL`,
  },

  // --- AWS accounts -------------------------------------------------------------------------------------
  {
    table: 'core.aws_accounts', name: 'account_id_wellformed', type: 'validity', severity: 'error',
    description: 'AWS account ids are 12-digit strings (leading zeros kept)',
    needs: ['core.aws_accounts'],
    rows: `SELECT account_id AS key, account_id_valid AS ok, jsonb_build_object('name', account_name, 'in_odoo', in_odoo) AS detail FROM core.aws_accounts`,
  },
  {
    table: 'core.aws_accounts', name: 'known_to_odoo', type: 'referential', severity: 'warning',
    description: 'Accounts with cost rows are registered in Odoo (c_aws_accounts); unknown ones cannot be billed',
    needs: ['core.aws_accounts'],
    rows: `SELECT account_id AS key, in_odoo AS ok, jsonb_build_object('first_cost_month', first_cost_month, 'last_cost_month', last_cost_month, 'payer', payer_account_id) AS detail
           FROM core.aws_accounts WHERE first_cost_month IS NOT NULL`,
  },
  {
    table: 'core.aws_accounts', name: 'customer_mapped', type: 'required', severity: 'warning',
    description: 'A registered, billable account is mapped to a customer (partner)',
    needs: ['core.aws_accounts'],
    rows: `SELECT account_id AS key, partner_id IS NOT NULL AS ok, jsonb_build_object('name', account_name, 'billing_mode', billing_mode) AS detail
           FROM core.aws_accounts WHERE in_odoo AND is_billable AND NOT is_payer`,
  },
  {
    table: 'core.aws_accounts', name: 'single_payer', type: 'anomaly', severity: 'info',
    description: 'An account appears under one payer (two payers = moved organisation or split month)',
    needs: ['core.aws_accounts', 'core.aws_account_payers'],
    rows: `SELECT a.account_id AS key, a.payer_count <= 1 AS ok,
             jsonb_build_object('payers', (SELECT jsonb_agg(jsonb_build_object('payer', p.payer_account_id, 'from', p.first_month, 'to', p.last_month) ORDER BY p.first_month)
               FROM core.aws_account_payers p WHERE p.account_id = a.account_id)) AS detail
           FROM core.aws_accounts a WHERE a.payer_count > 0`,
  },

  // --- Billing ------------------------------------------------------------------------------------------
  fk('odoo_c_billing_bill_line', 'bill_id', 'odoo_c_billing_bill', 'error', 'Bill line header'),
  fk('odoo_account_move_line', 'move_id', 'odoo_account_move', 'error', 'Invoice line header'),
  fk('odoo_account_move', 'c_billing_bill_id', 'odoo_c_billing_bill', 'warning', 'Invoice staging bill'),
  fk('odoo_c_billing_bill', 'account_move_id', 'odoo_account_move', 'error', 'Bill invoice'),
  {
    table: 'core.billing_costs', name: 'cost_without_invoice', type: 'anomaly', severity: 'warning',
    description: 'A customer with net AWS cost in a closed month has a posted invoice or credit note for that month',
    needs: ['core.billing_costs', 'core.aws_accounts', 'core.invoices', 'raw.odoo_c_billing_spp_bill'],
    // Only cost the partner resells: rows under one of its SPP payers (a customer-owned payer is billed by AWS).
    rows: `WITH cm AS (
             SELECT a.company_id, c.usage_month, sum(c.net_cost) AS net_cost, array_agg(DISTINCT c.usage_account_id) AS accounts
             FROM core.billing_costs c JOIN core.aws_accounts a ON a.account_id = c.usage_account_id
             WHERE a.is_billable AND a.company_id IS NOT NULL AND c.${CLOSED_MONTH}
               AND c.payer_account_id IN (SELECT s.bill_payer_account_id::text FROM raw.odoo_c_billing_spp_bill s)
             GROUP BY 1, 2 HAVING sum(c.net_cost) > 0)
           SELECT cm.company_id || ' ' || to_char(cm.usage_month, 'YYYY-MM') AS key,
             EXISTS (SELECT 1 FROM core.invoices i WHERE i.state = 'posted' AND i.move_type IN ('out_invoice', 'out_refund')
               AND i.commercial_partner_id = cm.company_id AND i.billing_period = cm.usage_month) AS ok,
             jsonb_build_object('partner_id', cm.company_id, 'month', cm.usage_month, 'net_cost_usd', round(cm.net_cost, 2), 'accounts', cm.accounts,
               'bills', (SELECT jsonb_agg(jsonb_build_object('bill_id', b.bill_id, 'name', b.name, 'state', b.state)) FROM core.billing_bills b
                 WHERE b.partner_id = cm.company_id AND b.billing_period = cm.usage_month)) AS detail
           FROM cm`,
  },
  {
    table: 'core.billing_costs', name: 'cost_of_unknown_account', type: 'anomaly', severity: 'warning',
    description: 'Cost rows belong to an account registered in Odoo (else nobody is invoiced for them)',
    needs: ['core.billing_costs', 'core.aws_accounts'],
    rows: `SELECT c.usage_account_id || ' ' || to_char(c.usage_month, 'YYYY-MM') AS key, bool_and(a.in_odoo) AS ok,
             jsonb_build_object('account', c.usage_account_id, 'month', c.usage_month, 'net_cost_usd', round(sum(c.net_cost), 2)) AS detail
           FROM core.billing_costs c JOIN core.aws_accounts a ON a.account_id = c.usage_account_id
           GROUP BY c.usage_account_id, c.usage_month`,
  },
  {
    table: 'core.billing_bills', name: 'bill_invoiced', type: 'anomaly', severity: 'warning',
    description: 'A validated staging bill of a closed month has a posted invoice (validated but never invoiced = missing invoice)',
    needs: ['core.billing_bills', 'core.invoices', 'core.billing_costs'],
    rows: `SELECT b.bill_id::text AS key,
             EXISTS (SELECT 1 FROM core.invoices i WHERE i.state = 'posted' AND (i.move_id = b.account_move_id OR i.bill_id = b.bill_id)) AS ok,
             jsonb_build_object('name', b.name, 'partner', b.partner_name, 'period', b.billing_period, 'state', b.state, 'amount_billed', b.amount_billed) AS detail
           FROM core.billing_bills b
           WHERE b.state IN ('validated', 'computed', 'invoiced') AND b.billing_period < (SELECT max(usage_month) FROM core.billing_costs) - interval '1 month'`,
  },
  {
    table: 'core.billing_bills', name: 'bill_not_in_error', type: 'anomaly', severity: 'warning',
    description: 'The billing run computed the bill without error (e.g. unmapped AWS account)',
    needs: ['core.billing_bills'],
    rows: `SELECT bill_id::text AS key, state IS DISTINCT FROM 'error' AS ok, jsonb_build_object('name', name, 'error', error_message) AS detail FROM core.billing_bills`,
  },
  {
    table: 'core.billing_bills', name: 'margin_not_negative', type: 'anomaly', severity: 'info',
    description: 'The bill does not sell below AWS cost',
    needs: ['core.billing_bills'],
    rows: `SELECT bill_id::text AS key, coalesce(amount_margin, 0) >= 0 AS ok,
             jsonb_build_object('name', name, 'pricing_rule', pricing_rule, 'amount_cost', amount_cost, 'amount_billed', amount_billed, 'amount_margin', amount_margin) AS detail
           FROM core.billing_bills WHERE state NOT IN ('cancelled', 'error')`,
  },
  {
    table: 'core.invoices', name: 'invoice_has_bill', type: 'anomaly', severity: 'warning',
    description: 'A posted AWS usage invoice comes from a live staging bill (not a cancelled bill, not a manual lump sum)',
    needs: ['core.invoices', 'core.billing_bills', 'core.invoice_lines'],
    rows: `SELECT i.move_id::text AS key,
             i.bill_id IS NOT NULL AND EXISTS (SELECT 1 FROM core.billing_bills b WHERE b.bill_id = i.bill_id AND b.state <> 'cancelled')
               AND EXISTS (SELECT 1 FROM core.invoice_lines l WHERE l.move_id = i.move_id AND l.bill_line_id IS NOT NULL) AS ok,
             jsonb_build_object('name', i.name, 'partner', i.partner_name, 'period', i.billing_period, 'ref', i.ref, 'bill_id', i.bill_id,
               'bill_state', (SELECT b.state FROM core.billing_bills b WHERE b.bill_id = i.bill_id)) AS detail
           FROM core.invoices i
           WHERE i.state = 'posted' AND i.move_type = 'out_invoice'
             AND (i.bill_id IS NOT NULL OR EXISTS (SELECT 1 FROM core.invoice_lines l WHERE l.move_id = i.move_id AND l.amount_class IN ('usage', 'credit', 'fee')))`,
  },
  {
    table: 'core.invoices', name: 'total_not_negative', type: 'validity', severity: 'error',
    description: 'A posted customer invoice is not negative (credits larger than usage must be credit notes)',
    needs: ['core.invoices'],
    rows: `SELECT move_id::text AS key, coalesce(amount_total, 0) >= 0 AS ok, jsonb_build_object('name', name, 'amount_total', amount_total) AS detail
           FROM core.invoices WHERE state = 'posted' AND move_type = 'out_invoice'`,
  },
];
