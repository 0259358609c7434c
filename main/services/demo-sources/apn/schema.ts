/**
 * APN/ACE database tables (spec §2.2–2.3): older ACE export column names, API enum values.
 * apn_opportunity has exactly the 66 columns of §2.2.
 */
import type { TableDef } from '../write/table';

const tz = 'timestamp with time zone';

export const APN_OPPORTUNITY: TableDef = {
  name: 'apn_opportunity',
  pk: ['id'],
  unique: [['apn_crm_unique_identifier']],
  fks: [{ column: 'end_user_id', ref: 'apn_end_user' }],
  columns: [
    ['id', 'int4 NOT NULL'], ['apn_crm_unique_identifier', 'varchar(20) NOT NULL'], ['partner_crm_unique_identifier', 'varchar'],
    ['opportunity_ownership', 'varchar'], ['status', 'varchar'], ['partner_acceptance_status', 'varchar'], ['accept_by_date', tz],
    ['rejection_reason', 'varchar'], ['stage', 'varchar'], ['aws_stage', 'varchar'], ['closed_lost_reason', 'varchar'],
    ['opportunity_type', 'varchar'], ['customer_company_name', 'varchar(120)'], ['customer_website', 'varchar'], ['customer_duns', 'varchar(9)'],
    ['industry', 'varchar'], ['industry_other', 'varchar'], ['country', 'varchar'], ['country_code', 'varchar(2)'], ['state_or_region', 'varchar'],
    ['city', 'varchar'], ['postal_code', 'varchar'], ['street_address', 'varchar'], ['aws_account_id', 'varchar(40)'],
    ['partner_project_title', 'varchar(255)'], ['customer_business_problem', 'text'], ['use_case', 'varchar'], ['delivery_model', 'varchar'],
    ['expected_monthly_aws_revenue', 'numeric(14,2)'], ['expected_spend_currency', 'varchar(3)'], ['target_close_date', 'date'],
    ['partner_primary_need_from_aws', 'varchar'], ['sales_activities', 'varchar'], ['competitor_name', 'varchar'], ['other_competitor_names', 'varchar'],
    ['solution_offered', 'varchar'], ['apn_programs', 'varchar'], ['is_opp_from_marketing_activity', 'varchar'], ['aws_funding_used', 'varchar'],
    ['campaign_name', 'varchar'], ['marketing_channel', 'varchar'], ['national_security', 'varchar'], ['involvement_type', 'varchar'],
    ['visibility', 'varchar'], ['next_step', 'varchar(255)'], ['next_step_history', 'text'], ['review_comments', 'text'],
    ['review_status_reason', 'varchar'], ['additional_comments', 'text'], ['primary_contact_first_name', 'varchar'],
    ['primary_contact_last_name', 'varchar'], ['primary_contact_email', 'varchar'], ['primary_contact_phone', 'varchar'],
    ['primary_contact_title', 'varchar'], ['opportunity_owner_name', 'varchar'], ['opportunity_owner_email', 'varchar'],
    ['aws_sales_rep_name', 'varchar'], ['aws_sales_rep_email', 'varchar'], ['aws_account_manager_name', 'varchar'],
    ['partner_development_manager', 'varchar'], ['end_user_id', 'int4'], ['created_date', tz], ['last_modified_date', tz],
    ['created_by', 'varchar'], ['last_modified_by', 'varchar'], ['closed_date', 'date'],
  ],
};

export const APN_END_USER: TableDef = {
  name: 'apn_end_user', pk: ['id'],
  columns: [
    ['id', 'int4 NOT NULL'], ['end_user_ref', 'varchar'], ['company_name', 'varchar'], ['website', 'varchar'], ['duns', 'varchar'], ['industry', 'varchar'],
    ['industry_other', 'varchar'], ['country_code', 'varchar(2)'], ['country', 'varchar'], ['state_or_region', 'varchar'], ['city', 'varchar'],
    ['postal_code', 'varchar'], ['street_address', 'varchar'], ['aws_account_id', 'varchar'], ['created_date', tz], ['last_modified_date', tz],
  ],
};

export const APN_CONTACTS: TableDef = {
  name: 'apn_contacts', pk: ['id'],
  fks: [{ column: 'end_user_id', ref: 'apn_end_user' }, { column: 'opportunity_id', ref: 'apn_opportunity' }],
  columns: [
    ['id', 'int4 NOT NULL'], ['end_user_id', 'int4'], ['opportunity_id', 'int4'], ['first_name', 'varchar'], ['last_name', 'varchar'], ['email', 'varchar'],
    ['phone', 'varchar'], ['business_title', 'varchar'], ['contact_type', 'varchar'], ['created_date', tz], ['last_modified_date', tz],
  ],
};

export const APN_USERS: TableDef = {
  name: 'apn_users', pk: ['id'], unique: [['email']],
  columns: [
    ['id', 'int4 NOT NULL'], ['first_name', 'varchar'], ['last_name', 'varchar'], ['email', 'varchar NOT NULL'], ['business_title', 'varchar'],
    ['ace_role', 'varchar'], ['active', 'bool'], ['last_login', tz], ['created_date', tz], ['last_modified_date', tz],
  ],
};

export const APN_COMPANIES: TableDef = {
  name: 'apn_companies', pk: ['id'], unique: [['apn_partner_id']],
  columns: [
    ['id', 'int4 NOT NULL'], ['apn_partner_id', 'varchar(18) NOT NULL'], ['name', 'varchar'], ['website', 'varchar'], ['country_code', 'varchar(2)'],
    ['partner_tier', 'varchar'], ['partner_type', 'varchar'], ['is_self', 'bool'], ['created_date', tz], ['last_modified_date', tz],
  ],
};

export const APN_FUNDING_REQUEST: TableDef = {
  name: 'apn_funding_request', pk: ['id'], unique: [['fund_request_id']],
  fks: [{ column: 'end_user_id', ref: 'apn_end_user' }],
  columns: [
    ['id', 'int4 NOT NULL'], ['fund_request_id', 'varchar NOT NULL'], ['opportunity_id', 'varchar'], ['end_user_id', 'int4'], ['program', 'varchar'],
    ['funding_type', 'varchar'], ['activity_name', 'varchar'], ['customer_company_name', 'varchar'], ['aws_account_id', 'varchar'],
    ['requested_cash_amount', 'numeric'], ['requested_credit_amount', 'numeric'], ['approved_cash_amount', 'numeric'], ['approved_credit_amount', 'numeric'],
    ['currency', 'varchar'], ['expected_arr', 'numeric'], ['stage', 'varchar'], ['status', 'varchar'], ['project_start_date', 'date'],
    ['project_end_date', 'date'], ['claim_due_date', 'date'], ['po_number', 'varchar'], ['created_date', tz], ['submitted_date', tz],
    ['approved_date', tz], ['last_modified_date', tz], ['created_by', 'varchar'],
  ],
};

export const APN_FUNDING_REQUEST_HISTORY: TableDef = {
  name: 'apn_funding_request_history', pk: ['id'],
  fks: [{ column: 'fund_request_id', ref: 'apn_funding_request', refColumn: 'fund_request_id' }],
  columns: [
    ['id', 'int4 NOT NULL'], ['fund_request_id', 'varchar NOT NULL'], ['from_stage', 'varchar'], ['to_stage', 'varchar'], ['from_status', 'varchar'],
    ['to_status', 'varchar'], ['changed_at', tz], ['changed_by', 'varchar'], ['comment', 'text'],
  ],
};

export const APN_CASH_CLAIM: TableDef = {
  name: 'apn_cash_claim', pk: ['id'], unique: [['claim_id']],
  fks: [{ column: 'fund_request_id', ref: 'apn_funding_request', refColumn: 'fund_request_id' }],
  columns: [
    ['id', 'int4 NOT NULL'], ['claim_id', 'varchar NOT NULL'], ['fund_request_id', 'varchar NOT NULL'], ['milestone_number', 'int4'], ['claim_amount', 'numeric'],
    ['approved_amount', 'numeric'], ['currency', 'varchar'], ['status', 'varchar'], ['partner_invoice_number', 'varchar'], ['submitted_date', 'date'],
    ['approved_date', 'date'], ['paid_date', 'date'], ['proof_of_execution', 'bool'], ['created_date', tz], ['last_modified_date', tz],
  ],
};

export const APN_TABLES: TableDef[] = [
  APN_END_USER, APN_OPPORTUNITY, APN_CONTACTS, APN_USERS, APN_COMPANIES, APN_FUNDING_REQUEST, APN_FUNDING_REQUEST_HISTORY, APN_CASH_CLAIM,
];
