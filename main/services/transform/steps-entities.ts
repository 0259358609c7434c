/**
 * Steps for the entity tables: AWS accounts, companies, Odoo and ACE opportunities (seed 002 CORE design).
 * Names are resolved by joins (res_users has no name: its partner's), translatable names read with
 * core.jname, free text normalized through the core.norm_* caches (norm-cache.ts).
 * identity_text = who (company, domain, country); context_text = what (deal, stage, people, accounts…).
 */
import { changedIds, type Step, type StepContext } from './step';
import { ENVIRONMENT, awsIdJoin, domainJoin, labelled, nameJoin } from './sql-parts';

const cc = (alias: string): string => `coalesce(upper(${alias}.code), '')`;
const hashCols = `core.text_hash(x.identity_text) AS identity_hash, core.text_hash(x.context_text) AS context_hash`;

/** Payer relationships as the cost rows show them (derived from core.billing_costs; small, always full). */
export const AWS_ACCOUNT_PAYERS: Step = {
  target: 'core.aws_account_payers',
  sources: [],
  keys: ['account_id', 'payer_account_id'],
  columns: ['account_id', 'payer_account_id', 'first_month', 'last_month', 'months'],
  select: () => `SELECT usage_account_id AS account_id, payer_account_id, min(usage_month) AS first_month, max(usage_month) AS last_month,
      count(DISTINCT usage_month)::int AS months
    FROM core.billing_costs GROUP BY usage_account_id, payer_account_id`,
};

const AWS_ACCOUNT_COLUMNS = [
  'account_id', 'account_id_valid', 'odoo_record_id', 'in_odoo', 'account_name', 'account_alias', 'account_email', 'company_id', 'company_name',
  'company_website', 'company_domain', 'partner_id', 'partner_name', 'partner_email', 'salesperson_id', 'salesperson_name', 'salesperson_email',
  'lead_id', 'lead_name', 'is_payer', 'payer_account_id', 'payer_account_name', 'payer_count', 'is_billable', 'billing_mode', 'status', 'environment',
  'support_plan', 'onboarding_date', 'offboarding_date', 'first_cost_month', 'last_cost_month', 'combined_text', 'identity_text', 'context_text',
  'identity_hash', 'context_hash',
];

/**
 * AWS accounts: every c_aws_accounts row plus accounts that only the cost rows know (unmapped, in_odoo=false).
 * Small (660 at prod) and dependent on many tables (partners, users, leads, cost months): always recomputed,
 * only changed rows written. The company domain skips partner-managed root e-mails ("aws+x@msp.example").
 */
export const AWS_ACCOUNTS: Step = {
  target: 'core.aws_accounts',
  sources: ['odoo_c_aws_accounts', 'odoo_res_partner', 'odoo_res_users', 'odoo_crm_lead'],
  keys: ['account_id'],
  columns: AWS_ACCOUNT_COLUMNS,
  select: (ctx: StepContext) => `
    WITH cost AS (
      SELECT usage_account_id AS id, min(usage_month) AS first_month, max(usage_month) AS last_month FROM core.billing_costs GROUP BY 1
    ), payers AS (
      SELECT account_id, count(*)::int AS n, (array_agg(payer_account_id ORDER BY last_month DESC, payer_account_id))[1] AS latest FROM core.aws_account_payers GROUP BY 1
    ), as_payer AS (
      SELECT DISTINCT payer_account_id AS id FROM core.billing_costs
    ), odoo AS (
      SELECT a.aws_account_id AS account_id, a.aws_account_id ~ '^[0-9]{12}$' AS account_id_valid, a.id AS odoo_record_id, true AS in_odoo,
        a.name AS account_name, a.name AS account_alias, a.account_email,
        cp.id AS company_id, cp.name AS company_name, cp.website AS company_website,
        coalesce(wd.domain, cd.domain, CASE WHEN a.account_email !~ '^[^@]*\\+' THEN ad.domain END) AS company_domain,
        a.partner_id, p.name AS partner_name, p.email AS partner_email,
        u.id AS salesperson_id, up.name AS salesperson_name, coalesce(up.email, u.login) AS salesperson_email,
        a.lead_id, l.name AS lead_name,
        coalesce(a.is_payer, false) OR ap.id IS NOT NULL AS is_payer,
        coalesce(nullif(a.payer_account_id, ''), py.latest) AS payer_account_id, coalesce(py.n, 0) AS payer_count,
        coalesce(a.billing_mode, '') NOT IN ('internal', 'direct_customer_payer') AND coalesce(a.status, 'active') <> 'closed' AS is_billable,
        a.billing_mode, a.status, ${ENVIRONMENT} AS environment, a.support_plan, a.onboarding_date, a.offboarding_date,
        c.first_month AS first_cost_month, c.last_month AS last_cost_month
      FROM raw.odoo_c_aws_accounts a
      LEFT JOIN raw.odoo_res_partner p ON p.id = a.partner_id
      LEFT JOIN raw.odoo_res_partner cp ON cp.id = coalesce(p.commercial_partner_id, p.id)
      LEFT JOIN raw.odoo_res_users u ON u.id = cp.user_id
      LEFT JOIN raw.odoo_res_partner up ON up.id = u.partner_id
      LEFT JOIN raw.odoo_crm_lead l ON l.id = a.lead_id
      LEFT JOIN cost c ON c.id = a.aws_account_id
      LEFT JOIN payers py ON py.account_id = a.aws_account_id
      LEFT JOIN as_payer ap ON ap.id = a.aws_account_id
      ${domainJoin('wd', ctx.normalizerVersion, 'website', 'cp.website')}
      ${domainJoin('cd', ctx.normalizerVersion, 'email', 'cp.email')}
      ${domainJoin('ad', ctx.normalizerVersion, 'email', 'a.account_email')}
    ), cur_only AS (
      SELECT c.id AS account_id, c.id ~ '^[0-9]{12}$' AS account_id_valid, NULL::int AS odoo_record_id, false AS in_odoo,
        NULL::text AS account_name, NULL::text AS account_alias, NULL::text AS account_email, NULL::int AS company_id, NULL::text AS company_name,
        NULL::text AS company_website, NULL::text AS company_domain, NULL::int AS partner_id, NULL::text AS partner_name, NULL::text AS partner_email,
        NULL::int AS salesperson_id, NULL::text AS salesperson_name, NULL::text AS salesperson_email, NULL::int AS lead_id, NULL::text AS lead_name,
        ap.id IS NOT NULL AS is_payer, py.latest AS payer_account_id, coalesce(py.n, 0) AS payer_count, true AS is_billable,
        NULL::text AS billing_mode, NULL::text AS status, NULL::text AS environment, NULL::text AS support_plan, NULL::date AS onboarding_date,
        NULL::date AS offboarding_date, c.first_month AS first_cost_month, c.last_month AS last_cost_month
      FROM (SELECT id, first_month, last_month FROM cost UNION SELECT id, NULL::date, NULL::date FROM as_payer WHERE id NOT IN (SELECT id FROM cost)) c
      LEFT JOIN payers py ON py.account_id = c.id
      LEFT JOIN as_payer ap ON ap.id = c.id
      WHERE NOT EXISTS (SELECT 1 FROM raw.odoo_c_aws_accounts a WHERE a.aws_account_id = c.id)
    ), allx AS (SELECT * FROM odoo UNION ALL SELECT * FROM cur_only)
    SELECT x.*, core.text_hash(x.identity_text) AS identity_hash, core.text_hash(x.context_text) AS context_hash, x.context_text AS combined_text
    FROM (
      SELECT y.*, pn.account_name AS payer_account_name,
        concat_ws(' | ', coalesce(y.company_name, y.account_name, 'AWS account ' || y.account_id), y.company_domain) AS identity_text,
        concat_ws(E'\\n', ${labelled('AWS account', 'y.account_id')}, ${labelled('Alias', 'y.account_alias')}, ${labelled('Company', 'y.company_name')},
          ${labelled('Domain', 'y.company_domain')}, ${labelled('Payer', "y.payer_account_id || coalesce(' (' || pn.account_name || ')', '')")},
          ${labelled('Environment', 'y.environment')}, ${labelled('Billing mode', 'y.billing_mode')}, ${labelled('Status', 'y.status')},
          ${labelled('Salesperson', 'y.salesperson_name')}, ${labelled('Opportunity', 'y.lead_name')}) AS context_text
      FROM allx y LEFT JOIN (SELECT aws_account_id, name AS account_name FROM raw.odoo_c_aws_accounts) pn ON pn.aws_account_id = y.payer_account_id
    ) x`,
};

const COMPANY_COLUMNS = [
  'source_system', 'source_id', 'name', 'is_company', 'active', 'company_type', 'parent_id', 'website', 'email', 'phone', 'vat', 'ref', 'duns', 'street',
  'city', 'state', 'country', 'country_code', 'industry', 'customer_rank', 'supplier_rank', 'aws_account_ids', 'normalized_domain', 'domain_status',
  'normalized_company_name', 'company_name_fold', 'legal_form', 'identity_text', 'context_text', 'identity_hash', 'context_hash',
];

/** Odoo commercial partners (top-level records: companies, orphan contacts, vendors) and ACE end users. */
export const COMPANIES: Step = {
  target: 'core.companies',
  sources: ['odoo_res_partner', 'odoo_res_country', 'odoo_res_country_state', 'odoo_res_company', 'odoo_res_partner_industry', 'odoo_c_aws_accounts', 'apn_end_user'],
  keys: ['source_system', 'source_id'],
  columns: COMPANY_COLUMNS,
  scope: {
    column: 'source_id',
    sourceCondition: 'applied inside the select',
    // A partner changed; an AWS account moved to or from it; a lookup (country, state, industry) changed.
    affected: () => `
      SELECT id::text FROM ${changedIds('odoo_res_partner')} c(id)
      UNION SELECT coalesce(p.commercial_partner_id, p.id)::text FROM raw.odoo_c_aws_accounts a JOIN raw.odoo_res_partner p ON p.id = a.partner_id
        WHERE a.id IN ${changedIds('odoo_c_aws_accounts')}
      UNION SELECT c.source_id FROM core.companies c
        WHERE c.aws_account_ids && ARRAY(SELECT a.aws_account_id::text FROM raw.odoo_c_aws_accounts a WHERE a.id IN ${changedIds('odoo_c_aws_accounts')})
      UNION SELECT 'ace:' || id FROM ${changedIds('apn_end_user')} e(id)
      UNION SELECT source_id FROM core.companies WHERE source_system = 'odoo' AND EXISTS (SELECT 1 FROM pg_temp.changed
        WHERE raw_table IN ('odoo_res_country', 'odoo_res_country_state', 'odoo_res_partner_industry', 'odoo_res_company'))`,
  },
  select: (ctx: StepContext, scope: string) => {
    // The scope is applied inside both branches (before the joins), not on the union's result.
    const inScope = (key: string): string => (scope === 'TRUE' ? 'TRUE' : `${key} IN (SELECT v FROM pg_temp.step_scope)`);
    return `
    SELECT x.*, ${hashCols} FROM (
      SELECT y.*,
        concat_ws(' | ', y.name, y.normalized_domain, y.country) AS identity_text,
        concat_ws(E'\\n', ${labelled('Company', 'y.name')}, ${labelled('Type', 'y.company_type')}, ${labelled('Domain', 'y.normalized_domain')},
          ${labelled('City', 'y.city')}, ${labelled('Country', 'y.country')}, ${labelled('Industry', 'y.industry')}, ${labelled('VAT', 'y.vat')},
          ${labelled('DUNS', 'y.duns')}, ${labelled('AWS accounts', "array_to_string(y.aws_account_ids, ', ')")}) AS context_text
      FROM (
        SELECT 'odoo'::text AS source_system, p.id::text AS source_id, p.name, p.is_company, p.active,
          CASE WHEN EXISTS (SELECT 1 FROM raw.odoo_res_company rc WHERE rc.partner_id = p.id) THEN 'self'
               WHEN coalesce(p.supplier_rank, 0) > 0 AND coalesce(p.customer_rank, 0) = 0 THEN 'vendor'
               WHEN p.is_company THEN 'company' ELSE 'individual' END AS company_type,
          p.parent_id, p.website, p.email, coalesce(p.phone, p.mobile) AS phone, nullif(btrim(p.vat), '/') AS vat, p.ref, NULL::text AS duns, p.street,
          p.city, st.name AS state, core.jname(c.name) AS country, upper(c.code) AS country_code, core.jname(ind.name) AS industry,
          p.customer_rank, p.supplier_rank,
          coalesce(acc.ids, '{}') AS aws_account_ids,
          coalesce(wd.domain, ed.domain) AS normalized_domain, coalesce(CASE WHEN wd.domain IS NOT NULL THEN wd.status END, ed.status, wd.status, 'missing') AS domain_status,
          n.normalized AS normalized_company_name, n.fold AS company_name_fold, n.legal_form
        FROM raw.odoo_res_partner p
        LEFT JOIN (
          SELECT coalesce(ap.commercial_partner_id, ap.id) AS partner_id, array_agg(a.aws_account_id::text ORDER BY a.aws_account_id) AS ids
          FROM raw.odoo_c_aws_accounts a JOIN raw.odoo_res_partner ap ON ap.id = a.partner_id GROUP BY 1
        ) acc ON acc.partner_id = p.id
        LEFT JOIN raw.odoo_res_country c ON c.id = p.country_id
        LEFT JOIN raw.odoo_res_country_state st ON st.id = p.state_id
        LEFT JOIN raw.odoo_res_partner_industry ind ON ind.id = p.industry_id
        ${nameJoin('n', ctx.normalizerVersion, 'p.name', cc('c'))}
        ${domainJoin('wd', ctx.normalizerVersion, 'website', 'p.website')}
        ${domainJoin('ed', ctx.normalizerVersion, 'email', 'p.email')}
        WHERE p.parent_id IS NULL AND (p.commercial_partner_id IS NULL OR p.commercial_partner_id = p.id) AND ${inScope('p.id::text')}
        UNION ALL
        SELECT 'ace', 'ace:' || e.id, e.company_name, true, true, 'company', NULL, e.website, NULL, NULL, NULL, e.end_user_ref, e.duns, e.street_address,
          e.city, e.state_or_region, e.country, upper(nullif(btrim(e.country_code), '')), coalesce(nullif(e.industry_other, ''), e.industry), NULL, NULL,
          coalesce(ai.ids, '{}'), wd.domain, coalesce(wd.status, 'missing'), n.normalized, n.fold, n.legal_form
        FROM raw.apn_end_user e
        ${nameJoin('n', ctx.normalizerVersion, 'e.company_name', "coalesce(upper(nullif(trim(e.country_code), '')), '')")}
        ${domainJoin('wd', ctx.normalizerVersion, 'website', 'e.website')}
        ${awsIdJoin('ai', ctx.normalizerVersion, 'e.aws_account_id')}
        WHERE ${inScope("'ace:' || e.id")}
      ) y
    ) x`;
  },
};
