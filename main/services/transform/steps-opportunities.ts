/**
 * Odoo and ACE opportunities (seed 002 core.odoo_opportunities / core.ace_opportunities).
 * Odoo: crm_lead rows of type 'opportunity' (archived = lost ones included). Company = the lead's commercial
 * partner, else the free-text partner_name; domain = first usable of lead website, partner websites, lead
 * e-mail, partner e-mails. AWS accounts = c_aws_accounts linked to the lead plus ids typed in
 * c_aws_account_ids. ACE: ids parsed (dashes, lost leading zeros, two ids, aliases), ownership/status
 * spellings normalized, the Odoo lead id the rep typed parsed ('ODOO-4711', 'crm.lead,4711').
 */
import { changedIds, type Step, type StepContext } from './step';
import { ACE_OWNERSHIP, ACE_STATUS, ODOO_STATUS, awsIdJoin, domainJoin, labelled, multiSelect, nameJoin, plainText } from './sql-parts';

const cc = (alias: string): string => `coalesce(upper(${alias}.code), '')`;
const hashCols = `core.text_hash(x.identity_text) AS identity_hash, core.text_hash(x.context_text) AS context_hash`;

const ODOO_COLUMNS = [
  'source_id', 'name', 'active', 'status', 'partner_id', 'partner_name', 'partner_email', 'partner_phone', 'partner_website', 'partner_street',
  'partner_city', 'partner_state', 'partner_country', 'partner_country_code', 'partner_is_company', 'commercial_partner_id', 'commercial_partner_name',
  'lead_partner_name', 'contact_name', 'email_from', 'website', 'user_id', 'user_name', 'user_email', 'team_id', 'team_name', 'stage_id', 'stage_name',
  'stage_sequence', 'stage_is_won', 'lost_reason', 'aws_account_id', 'aws_account_name', 'aws_account_alias', 'aws_payer_account_id',
  'aws_payer_account_name', 'aws_account_ids', 'probability', 'expected_revenue', 'recurring_revenue_monthly', 'origination', 'referred',
  'ace_opportunity_ref', 'description', 'create_date', 'write_date', 'close_date', 'date_deadline', 'company_name', 'domain', 'normalized_domain',
  'normalized_company_name', 'company_name_fold', 'legal_form', 'identity_text', 'context_text', 'identity_hash', 'context_hash',
];

export const ODOO_OPPORTUNITIES: Step = {
  target: 'core.odoo_opportunities',
  sources: ['odoo_crm_lead', 'odoo_res_partner', 'odoo_res_users', 'odoo_crm_team', 'odoo_crm_stage', 'odoo_crm_lost_reason', 'odoo_utm_source',
    'odoo_res_country', 'odoo_res_country_state', 'odoo_c_aws_accounts'],
  keys: ['source_id'],
  columns: ODOO_COLUMNS,
  scope: {
    column: 'source_id',
    sourceCondition: 'l.id IN (SELECT v FROM pg_temp.step_scope)',
    affected: () => `
      SELECT id FROM ${changedIds('odoo_crm_lead')} c(id)
      UNION SELECT l.id FROM raw.odoo_crm_lead l JOIN raw.odoo_res_partner p ON p.id = l.partner_id
        WHERE p.id IN ${changedIds('odoo_res_partner')} OR p.commercial_partner_id IN ${changedIds('odoo_res_partner')}
      UNION SELECT l.id FROM raw.odoo_crm_lead l JOIN raw.odoo_res_users u ON u.id = l.user_id
        WHERE u.id IN ${changedIds('odoo_res_users')} OR u.partner_id IN ${changedIds('odoo_res_partner')}
      UNION SELECT id FROM raw.odoo_crm_lead WHERE team_id IN ${changedIds('odoo_crm_team')} OR stage_id IN ${changedIds('odoo_crm_stage')}
        OR lost_reason_id IN ${changedIds('odoo_crm_lost_reason')} OR source_id IN ${changedIds('odoo_utm_source')}
        OR country_id IN ${changedIds('odoo_res_country')} OR state_id IN ${changedIds('odoo_res_country_state')}
      UNION SELECT lead_id FROM raw.odoo_c_aws_accounts WHERE id IN ${changedIds('odoo_c_aws_accounts')}
      UNION SELECT o.source_id FROM core.odoo_opportunities o JOIN core.aws_accounts a ON a.account_id = ANY (o.aws_account_ids)
        WHERE a.transform_batch_id = (SELECT batch_id FROM pg_temp.batch)`,
  },
  select: (ctx: StepContext, scope: string) => {
    const v = ctx.normalizerVersion;
    return `
    SELECT x.*, ${hashCols} FROM (
      SELECT y.*,
        concat_ws(' | ', y.company_name, y.normalized_domain, coalesce(y.partner_country, y.lead_country)) AS identity_text,
        concat_ws(E'\\n', ${labelled('Opportunity', 'y.name')}, ${labelled('Company', 'y.company_name')}, ${labelled('Contact', 'y.contact_name')},
          ${labelled('Stage', 'y.stage_name')}, ${labelled('Status', 'y.status')}, ${labelled('Salesperson', 'y.user_name')}, ${labelled('Team', 'y.team_name')},
          ${labelled('Expected closing', 'y.date_deadline')}, ${labelled('Expected revenue', 'y.expected_revenue')},
          ${labelled('AWS accounts', "array_to_string(y.aws_account_ids, ', ')")}, ${labelled('Source', 'y.origination')}, ${labelled('Referred by', 'y.referred')},
          ${labelled('ACE', 'y.ace_opportunity_ref')}, ${labelled('Lost reason', 'y.lost_reason')}, ${labelled('Notes', plainText('y.description', 1000))}) AS context_text
      FROM (
        SELECT l.id AS source_id, l.name, l.active, ${ODOO_STATUS} AS status,
          l.partner_id, p.name AS partner_name, p.email AS partner_email, coalesce(p.phone, p.mobile) AS partner_phone, p.website AS partner_website,
          p.street AS partner_street, p.city AS partner_city, pst.name AS partner_state, core.jname(pco.name) AS partner_country,
          upper(pco.code) AS partner_country_code, p.is_company AS partner_is_company,
          cp.id AS commercial_partner_id, cp.name AS commercial_partner_name, core.jname(lco.name) AS lead_country,
          l.partner_name AS lead_partner_name, l.contact_name, l.email_from, l.website,
          l.user_id, up.name AS user_name, coalesce(up.email, u.login) AS user_email,
          l.team_id, core.jname(t.name) AS team_name, l.stage_id, core.jname(s.name) AS stage_name, s.sequence AS stage_sequence, s.is_won AS stage_is_won,
          core.jname(lr.name) AS lost_reason,
          acc.ids[1] AS aws_account_id, aa.account_name AS aws_account_name, aa.account_alias AS aws_account_alias,
          aa.payer_account_id AS aws_payer_account_id, aa.payer_account_name AS aws_payer_account_name, acc.ids AS aws_account_ids,
          round(l.probability::numeric, 2) AS probability, round(l.expected_revenue, 2) AS expected_revenue,
          round(l.recurring_revenue_monthly, 2) AS recurring_revenue_monthly, us.name AS origination, l.referred,
          coalesce(nullif(btrim(l.c_ace_opportunity_ref), ''), substring(l.referred from '(O[0-9]{5,19})')) AS ace_opportunity_ref,
          l.description, l.create_date, l.write_date, l.date_closed AS close_date, l.date_deadline,
          coalesce(CASE WHEN cp.is_company THEN nullif(btrim(cp.name), '') END, nullif(btrim(l.partner_name), ''), nullif(btrim(p.name), '')) AS company_name,
          CASE WHEN wl.domain IS NOT NULL THEN l.website WHEN wc.domain IS NOT NULL THEN cp.website WHEN wp.domain IS NOT NULL THEN p.website
               WHEN el.domain IS NOT NULL THEN l.email_from WHEN ep.domain IS NOT NULL THEN p.email WHEN ec.domain IS NOT NULL THEN cp.email END AS domain,
          coalesce(wl.domain, wc.domain, wp.domain, el.domain, ep.domain, ec.domain) AS normalized_domain,
          CASE WHEN cp.is_company AND nullif(btrim(cp.name), '') IS NOT NULL THEN ncp.normalized WHEN nullif(btrim(l.partner_name), '') IS NOT NULL THEN nl.normalized ELSE np.normalized END AS normalized_company_name,
          CASE WHEN cp.is_company AND nullif(btrim(cp.name), '') IS NOT NULL THEN ncp.fold WHEN nullif(btrim(l.partner_name), '') IS NOT NULL THEN nl.fold ELSE np.fold END AS company_name_fold,
          CASE WHEN cp.is_company AND nullif(btrim(cp.name), '') IS NOT NULL THEN ncp.legal_form WHEN nullif(btrim(l.partner_name), '') IS NOT NULL THEN nl.legal_form ELSE np.legal_form END AS legal_form
        FROM raw.odoo_crm_lead l
        LEFT JOIN raw.odoo_res_partner p ON p.id = l.partner_id
        LEFT JOIN raw.odoo_res_partner cp ON cp.id = coalesce(p.commercial_partner_id, p.id)
        LEFT JOIN raw.odoo_res_country pco ON pco.id = p.country_id
        LEFT JOIN raw.odoo_res_country cco ON cco.id = cp.country_id
        LEFT JOIN raw.odoo_res_country lco ON lco.id = l.country_id
        LEFT JOIN raw.odoo_res_country_state pst ON pst.id = p.state_id
        LEFT JOIN raw.odoo_res_users u ON u.id = l.user_id
        LEFT JOIN raw.odoo_res_partner up ON up.id = u.partner_id
        LEFT JOIN raw.odoo_crm_team t ON t.id = l.team_id
        LEFT JOIN raw.odoo_crm_stage s ON s.id = l.stage_id
        LEFT JOIN raw.odoo_crm_lost_reason lr ON lr.id = l.lost_reason_id
        LEFT JOIN raw.odoo_utm_source us ON us.id = l.source_id
        ${awsIdJoin('typed', v, 'l.c_aws_account_ids')}
        LEFT JOIN (SELECT lead_id, array_agg(aws_account_id::text ORDER BY aws_account_id) AS ids FROM raw.odoo_c_aws_accounts
                   WHERE lead_id IS NOT NULL GROUP BY lead_id) linked ON linked.lead_id = l.id
        LEFT JOIN LATERAL (
          SELECT coalesce(array_agg(z.id ORDER BY z.ord, z.id), '{}') AS ids FROM (
            SELECT DISTINCT ON (q.id) q.id, q.ord FROM (
              SELECT unnest(coalesce(linked.ids, '{}')) AS id, 0 AS ord
              UNION ALL SELECT t2.id, t2.ord::int FROM unnest(coalesce(typed.ids, '{}')) WITH ORDINALITY AS t2(id, ord)
            ) q ORDER BY q.id, q.ord
          ) z
        ) acc ON true
        LEFT JOIN core.aws_accounts aa ON aa.account_id = acc.ids[1]
        ${nameJoin('ncp', v, 'cp.name', cc('cco'))}
        ${nameJoin('nl', v, 'l.partner_name', cc('lco'))}
        ${nameJoin('np', v, 'p.name', cc('pco'))}
        ${domainJoin('wl', v, 'website', 'l.website')}
        ${domainJoin('wc', v, 'website', 'cp.website')}
        ${domainJoin('wp', v, 'website', 'p.website')}
        ${domainJoin('el', v, 'email', 'l.email_from')}
        ${domainJoin('ep', v, 'email', 'p.email')}
        ${domainJoin('ec', v, 'email', 'cp.email')}
        WHERE l.type = 'opportunity' AND ${scope}
      ) y
    ) x`;
  },
};

const ACE_COLUMNS = [
  'source_id', 'apn_id', 'name', 'account_name', 'customer_name', 'customer_email', 'customer_website', 'customer_country', 'customer_country_code',
  'customer_city', 'customer_duns', 'industry', 'end_user_id', 'end_user_company_name', 'aws_account_raw', 'aws_account', 'aws_account_ids',
  'aws_account_status', 'aws_account_name', 'aws_account_partner_id', 'project_budget', 'expected_spend_currency', 'opportunity_type',
  'opportunity_ownership', 'opportunity_ownership_raw', 'delivery_model', 'use_case', 'partner_sales_rep_name', 'partner_sales_rep_email',
  'aws_sales_rep_name', 'aws_sales_rep_email', 'aws_account_manager_name', 'psm_name', 'status', 'status_raw', 'stage', 'aws_status',
  'partner_acceptance_status', 'closed_lost_reason', 'partner_crm_unique_identifier', 'partner_crm_lead_id', 'business_problem', 'next_step',
  'close_date', 'closed_date', 'aws_create_date', 'aws_last_modified_date', 'domain', 'normalized_domain', 'normalized_company_name',
  'company_name_fold', 'legal_form', 'identity_text', 'context_text', 'identity_hash', 'context_hash',
];

export const ACE_OPPORTUNITIES: Step = {
  target: 'core.ace_opportunities',
  sources: ['apn_opportunity', 'apn_end_user'],
  keys: ['source_id'],
  columns: ACE_COLUMNS,
  scope: {
    column: 'source_id',
    sourceCondition: 'o.apn_crm_unique_identifier IN (SELECT v FROM pg_temp.step_scope)',
    affected: () => `
      SELECT o.apn_crm_unique_identifier FROM raw.apn_opportunity o WHERE o.id IN ${changedIds('apn_opportunity')} OR o.end_user_id IN ${changedIds('apn_end_user')}
      UNION SELECT source_id FROM core.ace_opportunities WHERE apn_id IN ${changedIds('apn_opportunity')}
      UNION SELECT o.source_id FROM core.ace_opportunities o JOIN core.aws_accounts a ON a.account_id = ANY (o.aws_account_ids)
        WHERE a.transform_batch_id = (SELECT batch_id FROM pg_temp.batch)`,
  },
  select: (ctx: StepContext, scope: string) => {
    const v = ctx.normalizerVersion;
    return `
    SELECT x.*, ${hashCols} FROM (
      SELECT y.*,
        concat_ws(' | ', y.account_name, y.normalized_domain, y.customer_country) AS identity_text,
        concat_ws(E'\\n', ${labelled('Opportunity', 'y.name')}, ${labelled('Customer', 'y.account_name')}, ${labelled('Contact', 'y.customer_name')},
          ${labelled('Stage', 'y.stage')}, ${labelled('Status', 'y.status')}, ${labelled('Ownership', 'y.opportunity_ownership')},
          ${labelled('Use case', 'y.use_case')}, ${labelled('Delivery model', 'y.delivery_model')}, ${labelled('Industry', 'y.industry')},
          ${labelled('Partner sales rep', 'y.partner_sales_rep_name')}, ${labelled('AWS sales rep', 'y.aws_sales_rep_name')},
          ${labelled('Target close', 'y.close_date')}, ${labelled('Expected monthly AWS revenue', 'y.project_budget')},
          ${labelled('AWS accounts', "array_to_string(y.aws_account_ids, ', ')")}, ${labelled('Business problem', 'left(y.business_problem, 1000)')},
          ${labelled('Next step', 'y.next_step')}) AS context_text
      FROM (
        SELECT o.apn_crm_unique_identifier AS source_id, o.id AS apn_id,
          coalesce(nullif(btrim(o.partner_project_title), ''), nullif(btrim(o.customer_company_name), ''), o.apn_crm_unique_identifier) AS name,
          nullif(btrim(o.customer_company_name), '') AS account_name,
          nullif(btrim(concat_ws(' ', nullif(o.primary_contact_first_name, '***'), nullif(o.primary_contact_last_name, '***'))), '') AS customer_name,
          o.primary_contact_email AS customer_email, o.customer_website, o.country AS customer_country, upper(nullif(btrim(o.country_code), '')) AS customer_country_code,
          o.city AS customer_city, o.customer_duns, coalesce(nullif(o.industry_other, ''), o.industry) AS industry,
          o.end_user_id, e.company_name AS end_user_company_name,
          o.aws_account_id AS aws_account_raw, ai.ids[1] AS aws_account, coalesce(ai.ids, '{}') AS aws_account_ids,
          coalesce(ai.status, 'missing') AS aws_account_status, aa.account_name AS aws_account_name, aa.partner_id AS aws_account_partner_id,
          o.expected_monthly_aws_revenue AS project_budget, o.expected_spend_currency, o.opportunity_type,
          ${ACE_OWNERSHIP} AS opportunity_ownership, o.opportunity_ownership AS opportunity_ownership_raw,
          ${multiSelect('o.delivery_model')} AS delivery_model, o.use_case,
          o.opportunity_owner_name AS partner_sales_rep_name, o.opportunity_owner_email AS partner_sales_rep_email,
          o.aws_sales_rep_name, o.aws_sales_rep_email, o.aws_account_manager_name, o.partner_development_manager AS psm_name,
          ${ACE_STATUS} AS status, o.status AS status_raw, o.stage, o.aws_stage AS aws_status, o.partner_acceptance_status, o.closed_lost_reason,
          o.partner_crm_unique_identifier, substring(o.partner_crm_unique_identifier from '([0-9]{1,9})[[:space:]]*$')::int AS partner_crm_lead_id,
          o.customer_business_problem AS business_problem, o.next_step,
          o.target_close_date AS close_date, o.closed_date, o.created_date AS aws_create_date, o.last_modified_date AS aws_last_modified_date,
          CASE WHEN w.domain IS NOT NULL THEN o.customer_website WHEN ew.domain IS NOT NULL THEN e.website WHEN em.domain IS NOT NULL THEN o.primary_contact_email END AS domain,
          coalesce(w.domain, ew.domain, em.domain) AS normalized_domain,
          coalesce(n.normalized, ne.normalized) AS normalized_company_name, coalesce(n.fold, ne.fold) AS company_name_fold,
          CASE WHEN n.normalized IS NOT NULL THEN n.legal_form ELSE ne.legal_form END AS legal_form
        FROM raw.apn_opportunity o
        LEFT JOIN raw.apn_end_user e ON e.id = o.end_user_id
        ${awsIdJoin('ai', v, 'o.aws_account_id')}
        LEFT JOIN core.aws_accounts aa ON aa.account_id = ai.ids[1]
        ${nameJoin('n', v, 'o.customer_company_name', "coalesce(upper(nullif(trim(o.country_code), '')), '')")}
        ${nameJoin('ne', v, 'e.company_name', "coalesce(upper(nullif(trim(e.country_code), '')), '')")}
        ${domainJoin('w', v, 'website', 'o.customer_website')}
        ${domainJoin('ew', v, 'website', 'e.website')}
        ${domainJoin('em', v, 'email', 'o.primary_contact_email')}
        WHERE ${scope}
      ) y
    ) x`;
  },
};
