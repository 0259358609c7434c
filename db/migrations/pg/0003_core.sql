-- 0003 core: normalized entities built from raw by `revops transform` (main/services/transform).
-- Every core row carries transform_batch_id (the last transform that changed it; see ops.transformation_log)
-- and updated_at (when it last changed). Rows are only rewritten when a value differs, so an unchanged
-- source keeps its hashes, timestamps and batch id.
-- identity_text / context_text are the texts to embed (seed 001); *_hash = sha256 hex of the text, so the
-- embedder re-embeds only rows whose hash changed.

-- Odoo translatable names are jsonb ({"en_US": …}); English first, else the first language present.
CREATE FUNCTION core.jname(value jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(value)
    WHEN 'object' THEN coalesce(value ->> 'en_US', (SELECT e.v FROM jsonb_each_text(value) AS e(k, v) ORDER BY e.k LIMIT 1))
    WHEN 'string' THEN value #>> '{}'
  END
$$;

-- sha256 hex of a text (the embedding hashes).
CREATE FUNCTION core.text_hash(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT encode(sha256(convert_to(value, 'UTF8')), 'hex') $$;

-- Normalization results of free text, cached per normalizer version (app/normalize, computed in TypeScript
-- and loaded with COPY). Pure functions of their input: safe to fill outside the transform transaction.
CREATE TABLE core.norm_company_names (
  version integer NOT NULL,
  input text NOT NULL,
  country text NOT NULL DEFAULT '',
  normalized text,
  fold text,
  legal_form text,
  PRIMARY KEY (version, input, country)
);
CREATE TABLE core.norm_domains (
  version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('website', 'email')),
  input text NOT NULL,
  domain text,
  status text NOT NULL,
  PRIMARY KEY (version, kind, input)
);
CREATE TABLE core.norm_aws_account_ids (
  version integer NOT NULL,
  input text NOT NULL,
  ids text[] NOT NULL,
  status text NOT NULL,
  alias text,
  PRIMARY KEY (version, input)
);

CREATE TABLE core.odoo_opportunities (
  source_id integer PRIMARY KEY,
  opportunity_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  name text NOT NULL,
  active boolean,
  status text NOT NULL,
  partner_id integer,
  partner_name text,
  partner_email text,
  partner_phone text,
  partner_website text,
  partner_street text,
  partner_city text,
  partner_state text,
  partner_country text,
  partner_country_code text,
  partner_is_company boolean,
  commercial_partner_id integer,
  commercial_partner_name text,
  lead_partner_name text,
  contact_name text,
  email_from text,
  website text,
  user_id integer,
  user_name text,
  user_email text,
  team_id integer,
  team_name text,
  stage_id integer,
  stage_name text,
  stage_sequence integer,
  stage_is_won boolean,
  lost_reason text,
  aws_account_id text,
  aws_account_name text,
  aws_account_alias text,
  aws_payer_account_id text,
  aws_payer_account_name text,
  aws_account_ids text[] NOT NULL DEFAULT '{}',
  probability numeric(5,2),
  expected_revenue numeric(15,2),
  recurring_revenue_monthly numeric(15,2),
  origination text,
  referred text,
  ace_opportunity_ref text,
  description text,
  create_date timestamp,
  write_date timestamp,
  close_date timestamp,
  date_deadline date,
  company_name text,
  domain text,
  normalized_domain text,
  normalized_company_name text,
  company_name_fold text,
  legal_form text,
  identity_text text NOT NULL,
  context_text text NOT NULL,
  identity_hash text NOT NULL,
  context_hash text NOT NULL,
  transform_batch_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX odoo_opp_aws_account_idx ON core.odoo_opportunities (aws_account_id);
CREATE INDEX odoo_opp_domain_idx ON core.odoo_opportunities (normalized_domain);
CREATE INDEX odoo_opp_partner_idx ON core.odoo_opportunities (partner_id);
CREATE INDEX odoo_opp_name_idx ON core.odoo_opportunities (normalized_company_name);
COMMENT ON TABLE core.odoo_opportunities IS 'Odoo crm_lead rows of type opportunity (active and archived) with partner, user, team, stage and AWS account resolved';

CREATE TABLE core.ace_opportunities (
  source_id text PRIMARY KEY,
  opportunity_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  apn_id integer NOT NULL,
  name text NOT NULL,
  account_name text,
  customer_name text,
  customer_email text,
  customer_website text,
  customer_country text,
  customer_country_code text,
  customer_city text,
  customer_duns text,
  industry text,
  end_user_id integer,
  end_user_company_name text,
  aws_account_raw text,
  aws_account text,
  aws_account_ids text[] NOT NULL DEFAULT '{}',
  aws_account_status text NOT NULL,
  aws_account_name text,
  aws_account_partner_id integer,
  project_budget numeric(15,2),
  expected_spend_currency text,
  opportunity_type text,
  opportunity_ownership text,
  opportunity_ownership_raw text,
  delivery_model text,
  use_case text,
  partner_sales_rep_name text,
  partner_sales_rep_email text,
  aws_sales_rep_name text,
  aws_sales_rep_email text,
  aws_account_manager_name text,
  psm_name text,
  status text,
  status_raw text,
  stage text,
  aws_status text,
  partner_acceptance_status text,
  closed_lost_reason text,
  partner_crm_unique_identifier text,
  partner_crm_lead_id integer,
  business_problem text,
  next_step text,
  close_date date,
  closed_date date,
  aws_create_date timestamptz,
  aws_last_modified_date timestamptz,
  domain text,
  normalized_domain text,
  normalized_company_name text,
  company_name_fold text,
  legal_form text,
  identity_text text NOT NULL,
  context_text text NOT NULL,
  identity_hash text NOT NULL,
  context_hash text NOT NULL,
  transform_batch_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ace_opp_aws_account_idx ON core.ace_opportunities (aws_account);
CREATE INDEX ace_opp_domain_idx ON core.ace_opportunities (normalized_domain);
CREATE INDEX ace_opp_status_idx ON core.ace_opportunities (status);
CREATE INDEX ace_opp_name_idx ON core.ace_opportunities (normalized_company_name);
COMMENT ON TABLE core.ace_opportunities IS 'ACE (APN) opportunities with ownership/status spellings normalized and AWS account ids parsed and resolved';

CREATE TABLE core.companies (
  source_system text NOT NULL CHECK (source_system IN ('odoo', 'ace')),
  source_id text NOT NULL,
  name text,
  is_company boolean,
  active boolean,
  company_type text,
  parent_id integer,
  website text,
  email text,
  phone text,
  vat text,
  ref text,
  duns text,
  street text,
  city text,
  state text,
  country text,
  country_code text,
  industry text,
  customer_rank integer,
  supplier_rank integer,
  aws_account_ids text[] NOT NULL DEFAULT '{}',
  normalized_domain text,
  domain_status text,
  normalized_company_name text,
  company_name_fold text,
  legal_form text,
  identity_text text NOT NULL,
  context_text text NOT NULL,
  identity_hash text NOT NULL,
  context_hash text NOT NULL,
  transform_batch_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_system, source_id)
);
CREATE INDEX companies_domain_idx ON core.companies (normalized_domain);
CREATE INDEX companies_name_idx ON core.companies (normalized_company_name);
CREATE INDEX companies_fold_idx ON core.companies (company_name_fold);
COMMENT ON TABLE core.companies IS 'Accounts: Odoo commercial partners (companies, orphan contacts, vendors) and ACE end users, with normalized names and domains';

CREATE TABLE core.aws_accounts (
  account_id text PRIMARY KEY,
  account_id_valid boolean NOT NULL,
  odoo_record_id integer,
  in_odoo boolean NOT NULL,
  account_name text,
  account_alias text,
  account_email text,
  company_id integer,
  company_name text,
  company_website text,
  company_domain text,
  partner_id integer,
  partner_name text,
  partner_email text,
  salesperson_id integer,
  salesperson_name text,
  salesperson_email text,
  lead_id integer,
  lead_name text,
  is_payer boolean NOT NULL DEFAULT false,
  payer_account_id text,
  payer_account_name text,
  payer_count integer NOT NULL DEFAULT 0,
  is_billable boolean NOT NULL DEFAULT true,
  billing_mode text,
  status text,
  environment text,
  support_plan text,
  onboarding_date date,
  offboarding_date date,
  first_cost_month date,
  last_cost_month date,
  combined_text text NOT NULL,
  identity_text text NOT NULL,
  context_text text NOT NULL,
  identity_hash text NOT NULL,
  context_hash text NOT NULL,
  transform_batch_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX aws_accounts_payer_idx ON core.aws_accounts (payer_account_id);
CREATE INDEX aws_accounts_company_idx ON core.aws_accounts (company_id);
CREATE INDEX aws_accounts_domain_idx ON core.aws_accounts (company_domain);
COMMENT ON TABLE core.aws_accounts IS 'AWS accounts from Odoo c_aws_accounts plus accounts seen only in the cost rows (in_odoo = false), with company and payer resolved';

CREATE TABLE core.aws_account_payers (
  account_id text NOT NULL,
  payer_account_id text NOT NULL,
  first_month date NOT NULL,
  last_month date NOT NULL,
  months integer NOT NULL,
  transform_batch_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, payer_account_id)
);
COMMENT ON TABLE core.aws_account_payers IS 'Payer relationships as the cost rows show them (an account that moved payer has two rows)';

-- Billing facts (seed 004 "Billing Data Flow"): costs, staging bills, invoices. Amounts stay in their own
-- currency (CUR: USD; bills: USD cost/list/billed plus billed in invoice currency; invoices: document and
-- company currency). Marts (issue 7) convert and compare; these tables keep the facts separated.
CREATE TABLE core.billing_costs (
  usage_month date NOT NULL,
  payer_account_id text NOT NULL,
  usage_account_id text NOT NULL,
  product_code text NOT NULL,
  billing_entity text NOT NULL,
  c_aws_account_id integer,
  product_name text,
  currency text,
  usage_amount numeric,
  usage_cost numeric(20,10) NOT NULL,
  list_cost numeric(20,10) NOT NULL,
  fee_cost numeric(20,10) NOT NULL,
  savings_plan_fee numeric(20,10) NOT NULL,
  gross_cost numeric(20,10) NOT NULL,
  savings_plan_negation numeric(20,10) NOT NULL,
  spp_discount numeric(20,10) NOT NULL,
  other_discount numeric(20,10) NOT NULL,
  credit numeric(20,10) NOT NULL,
  refund numeric(20,10) NOT NULL,
  tax numeric(20,10) NOT NULL,
  net_cost numeric(20,10) NOT NULL,
  unblended_cost numeric(20,10) NOT NULL,
  is_final boolean,
  bill_invoice_id text,
  row_count integer NOT NULL,
  transform_batch_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (usage_month, payer_account_id, usage_account_id, product_code, billing_entity)
);
CREATE INDEX billing_costs_account_idx ON core.billing_costs (usage_account_id, usage_month);
COMMENT ON TABLE core.billing_costs IS 'Monthly AWS cost per payer, usage account and product from c_billing_internal_cur: gross (list + Fee/RIFee) = what the customer would pay AWS; SPP discount, other discounts, credits, refunds and tax separated; net_cost = unblended without tax';

CREATE TABLE core.billing_bills (
  bill_id integer PRIMARY KEY,
  name text,
  partner_id integer,
  partner_name text,
  billing_period date,
  payer_account_id text,
  currency text,
  fx_rate numeric,
  pricing_rule text,
  pricing_pct numeric,
  amount_cost numeric,
  amount_list numeric,
  amount_billed numeric,
  amount_billed_currency numeric,
  amount_margin numeric,
  state text,
  error_message text,
  account_move_id integer,
  transform_batch_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_bills_period_idx ON core.billing_bills (billing_period, partner_id);

CREATE TABLE core.billing_bill_lines (
  bill_line_id integer PRIMARY KEY,
  bill_id integer NOT NULL,
  billing_period date,
  partner_id integer,
  bill_state text,
  c_aws_account_id integer,
  aws_account_id text,
  usage_month date,
  product_code text,
  product_name text,
  line_type text NOT NULL,
  amount_class text NOT NULL,
  cost_amount numeric,
  list_amount numeric,
  billed_amount numeric,
  margin_amount numeric,
  quantity numeric,
  transform_batch_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_bill_lines_account_idx ON core.billing_bill_lines (aws_account_id, usage_month);
CREATE INDEX billing_bill_lines_bill_idx ON core.billing_bill_lines (bill_id);
COMMENT ON TABLE core.billing_bill_lines IS 'Staging bill lines (c_billing_bill_line) per account, product and line type; amount_class separates usage, fees, credits, discounts, refunds, tax';

CREATE TABLE core.invoices (
  move_id integer PRIMARY KEY,
  name text,
  move_type text NOT NULL,
  state text NOT NULL,
  payment_state text,
  partner_id integer,
  partner_name text,
  commercial_partner_id integer,
  invoice_date date,
  accounting_date date,
  due_date date,
  currency text,
  amount_untaxed numeric,
  amount_tax numeric,
  amount_total numeric,
  amount_residual numeric,
  amount_untaxed_signed numeric,
  amount_total_signed numeric,
  reversed_entry_id integer,
  invoice_origin text,
  ref text,
  bill_id integer,
  billing_period date,
  transform_batch_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoices_bill_idx ON core.invoices (bill_id);
CREATE INDEX invoices_partner_idx ON core.invoices (commercial_partner_id, billing_period);
COMMENT ON TABLE core.invoices IS 'Final invoices and credit notes (account_move); *_signed in company currency, negative for refunds';

CREATE TABLE core.invoice_lines (
  move_id integer NOT NULL,
  line_key text NOT NULL,
  move_type text NOT NULL,
  parent_state text,
  invoice_date date,
  partner_id integer,
  c_aws_account_id integer,
  aws_account_id text,
  billing_period date,
  bill_line_id integer,
  product_id integer,
  product_code text,
  product_name text,
  line_type text,
  amount_class text NOT NULL,
  line_count integer NOT NULL,
  quantity numeric,
  amount_currency numeric NOT NULL,
  amount_company numeric NOT NULL,
  currency text,
  transform_batch_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (move_id, line_key)
);
CREATE INDEX invoice_lines_account_idx ON core.invoice_lines (aws_account_id, billing_period);
COMMENT ON TABLE core.invoice_lines IS 'Invoice product lines (account_move_line, display_type product) summed per move, bill line / product, account and period; amounts signed (refunds negative), document currency and company currency';

-- Incremental state: which sync jobs' raw changes the transform has consumed.
CREATE TABLE core.transform_state (
  name text PRIMARY KEY,
  normalizer_version integer NOT NULL,
  last_batch_id uuid,
  last_full_at timestamptz,
  last_run_at timestamptz
);
CREATE TABLE core.transform_consumed_jobs (
  job_id uuid PRIMARY KEY,
  batch_id uuid NOT NULL,
  consumed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ops.transformation_log (
  log_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  batch_id uuid NOT NULL,
  source_table text NOT NULL,
  target_table text NOT NULL,
  source_record_id text,
  target_record_id uuid,
  transformation_type text NOT NULL CHECK (transformation_type IN ('full', 'incremental')),
  status text NOT NULL DEFAULT 'succeeded',
  rows_considered bigint NOT NULL DEFAULT 0,
  rows_inserted bigint NOT NULL DEFAULT 0,
  rows_updated bigint NOT NULL DEFAULT 0,
  rows_deleted bigint NOT NULL DEFAULT 0,
  duration_ms integer NOT NULL DEFAULT 0,
  sync_job_ids uuid[] NOT NULL DEFAULT '{}',
  transformed_at timestamptz NOT NULL DEFAULT now(),
  transformation_rules jsonb
);
CREATE INDEX transform_source_idx ON ops.transformation_log (source_table, source_record_id);
CREATE INDEX transform_target_idx ON ops.transformation_log (target_table, target_record_id);
CREATE INDEX transform_batch_idx ON ops.transformation_log (batch_id);
COMMENT ON TABLE ops.transformation_log IS 'Lineage per transform batch and target table: which raw tables fed it, rows inserted/updated/deleted, which sync jobs were consumed; core rows carry transform_batch_id';
