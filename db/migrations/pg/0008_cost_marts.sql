-- 0008 cost marts (issue 7, seed 004 "Cost Explorer"): AWS cost vs. what customers are invoiced, per
-- month × linked account × payer account × product, in ONE reporting currency (USD, the currency of the
-- cost rows). Rebuilt from core at the end of every transform (main/services/cost/mart.ts), inside the
-- transform's transaction, so the mart always matches the core it was built from.
--
-- Conventions:
-- - cost_* split the CUR unblended cost: usage (Usage, SP-covered and RI usage, fees, SP negation),
--   credits, refunds, discounts (SPP, POD, other) and tax; cost_other is what no bucket claims, so the
--   buckets always add up to cost_unblended. net_cost = unblended without tax (what margin is taken on).
-- - billed_usd: staging bill lines (c_billing_bill_line, USD) without tax lines.
-- - invoiced_usd: posted customer invoices and credit notes (account_move out_invoice / out_refund), product
--   lines, converted from the document currency with the rate of the invoice date; credit notes are
--   negative. invoiced_company: the same in company currency (account_move_line.balance), for
--   reconciliation with the books. Cost month = usage month; invoice month = the billing period it bills.
-- - Invoice lines without an AWS account (service invoices) have account_id '' and no payer.
-- - margin_usd = invoiced_usd − net_cost; margin_pct = margin / invoiced (NULL when nothing invoiced).
-- - Flags are per linked account × month (every product row of that account-month carries them): cost and
--   no invoice (billable accounts only), invoice and no cost, negative margin (something invoiced).

CREATE TABLE core.cost_mart (
  month date NOT NULL,
  account_id text NOT NULL,
  payer_account_id text NOT NULL,
  product_code text NOT NULL,
  product_name text,
  partner_id integer,
  gross_cost numeric(20,6) NOT NULL DEFAULT 0,
  cost_usage numeric(20,6) NOT NULL DEFAULT 0,
  cost_credits numeric(20,6) NOT NULL DEFAULT 0,
  cost_refunds numeric(20,6) NOT NULL DEFAULT 0,
  discount_spp numeric(20,6) NOT NULL DEFAULT 0,
  discount_pod numeric(20,6) NOT NULL DEFAULT 0,
  discount_other numeric(20,6) NOT NULL DEFAULT 0,
  cost_tax numeric(20,6) NOT NULL DEFAULT 0,
  cost_other numeric(20,6) NOT NULL DEFAULT 0,
  cost_unblended numeric(20,6) NOT NULL DEFAULT 0,
  net_cost numeric(20,6) NOT NULL DEFAULT 0,
  billed_usd numeric(20,6) NOT NULL DEFAULT 0,
  invoiced_usd numeric(20,6) NOT NULL DEFAULT 0,
  credit_notes_usd numeric(20,6) NOT NULL DEFAULT 0,
  invoiced_company numeric(20,6) NOT NULL DEFAULT 0,
  margin_usd numeric(20,6) NOT NULL DEFAULT 0,
  margin_pct numeric(12,6),
  has_cost boolean NOT NULL DEFAULT false,
  has_invoice boolean NOT NULL DEFAULT false,
  flag_cost_no_invoice boolean NOT NULL DEFAULT false,
  flag_invoice_no_cost boolean NOT NULL DEFAULT false,
  flag_negative_margin boolean NOT NULL DEFAULT false,
  PRIMARY KEY (month, account_id, payer_account_id, product_code)
);
CREATE INDEX cost_mart_account_idx ON core.cost_mart (account_id, month);
CREATE INDEX cost_mart_payer_idx ON core.cost_mart (payer_account_id, month);
COMMENT ON TABLE core.cost_mart IS 'Cost explorer mart: month × linked account × payer × product, AWS cost split (usage, credits, refunds, SPP/POD/other discounts, tax) vs. billed and invoiced (USD at the invoice-date rate, credit notes negative), margin and flags';

-- Account-month totals (the grain of the flags and of most screen queries): a tenth of the mart's rows.
CREATE TABLE core.cost_mart_account_months (
  month date NOT NULL,
  account_id text NOT NULL,
  payer_account_id text NOT NULL,
  gross_cost numeric(20,6) NOT NULL,
  net_cost numeric(20,6) NOT NULL,
  cost_credits numeric(20,6) NOT NULL,
  cost_refunds numeric(20,6) NOT NULL,
  discount_spp numeric(20,6) NOT NULL,
  discount_pod numeric(20,6) NOT NULL,
  discount_other numeric(20,6) NOT NULL,
  cost_tax numeric(20,6) NOT NULL,
  billed_usd numeric(20,6) NOT NULL,
  invoiced_usd numeric(20,6) NOT NULL,
  credit_notes_usd numeric(20,6) NOT NULL,
  margin_usd numeric(20,6) NOT NULL,
  margin_pct numeric(12,6),
  -- core.aws_accounts.is_billable (unknown accounts count as billable): internal and direct-pay accounts
  -- are never invoiced, so their cost is not "cost without invoice"
  billable boolean NOT NULL,
  flag_cost_no_invoice boolean NOT NULL,
  flag_invoice_no_cost boolean NOT NULL,
  flag_negative_margin boolean NOT NULL,
  PRIMARY KEY (month, account_id, payer_account_id)
);
CREATE INDEX cost_mart_am_account_idx ON core.cost_mart_account_months (account_id, month);
CREATE INDEX cost_mart_am_payer_idx ON core.cost_mart_account_months (payer_account_id, month);

CREATE TABLE core.cost_mart_state (
  name text PRIMARY KEY,
  transform_batch_id uuid,
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  mode text NOT NULL,
  rows integer NOT NULL,
  duration_ms integer NOT NULL
);
