/**
 * Ground truth (spec §6), schema `synthetic_truth` in its own database: the app pipeline never reads it,
 * only evaluation commands do. Additive deviations: gt_crm_lead.merged_into (hard-deleted merge tails are
 * listed so stale ids typed into ACE resolve), gt_odoo_partner.merged_into (set by the deltas mode), gt_opportunity_pair.odoo_partner_id (HN10 pairs a vendor
 * partner, not a lead) and a surrogate pair_id, gt_run (the generator parameters).
 */
import type { TableDef } from '../write/table';

export const TRUTH_SCHEMA = 'synthetic_truth';
const t = (name: string, columns: TableDef['columns'], pk: string[], fks: TableDef['fks'] = []): TableDef => ({ name: `${TRUTH_SCHEMA}.${name}`, columns, pk, fks });
const fk = (column: string, table: string, refColumn: string) => ({ column, ref: `${TRUTH_SCHEMA}.${table}`, refColumn });

export const GT_RUN = t('gt_run', [['key', 'text NOT NULL'], ['value', 'text']], ['key']);

export const GT_ENTITY = t('gt_entity', [
  ['entity_id', 'varchar(12) NOT NULL'], ['group_id', 'varchar(12) NOT NULL'], ['canonical_name', 'text NOT NULL'], ['canonical_name_latin', 'text NOT NULL'],
  ['short_name', 'text'], ['acronym', 'text'], ['legal_form', 'text'], ['country_code', 'varchar(2)'], ['industry', 'text'], ['primary_domain', 'text'],
  ['other_domains', 'text[]'], ['former_names', 'text[]'], ['rebrand_date', 'date'], ['is_individual', 'bool'], ['kind', 'text NOT NULL'],
], ['entity_id'], [fk('group_id', 'gt_entity', 'entity_id')]);

export const GT_ENTITY_ALIAS = t('gt_entity_alias', [['entity_id', 'varchar(12) NOT NULL'], ['alias', 'text NOT NULL'], ['kind', 'text NOT NULL']],
  ['entity_id', 'alias', 'kind'], [fk('entity_id', 'gt_entity', 'entity_id')]);

export const GT_ODOO_PARTNER = t('gt_odoo_partner', [['partner_id', 'int4 NOT NULL'], ['entity_id', 'varchar(12)'], ['role', 'text NOT NULL'], ['is_canonical', 'bool NOT NULL'], ['merged_into', 'int4']],
  ['partner_id'], [fk('entity_id', 'gt_entity', 'entity_id')]);

export const GT_ACE_END_USER = t('gt_ace_end_user', [['end_user_id', 'int4 NOT NULL'], ['entity_id', 'varchar(12) NOT NULL']], ['end_user_id'], [fk('entity_id', 'gt_entity', 'entity_id')]);

export const GT_AWS_ACCOUNT = t('gt_aws_account', [['aws_account_id', 'varchar(12) NOT NULL'], ['entity_id', 'varchar(12)'], ['payer_account_id', 'varchar(12)'], ['billing_mode', 'text']],
  ['aws_account_id'], [fk('entity_id', 'gt_entity', 'entity_id')]);

export const GT_DEAL = t('gt_deal', [
  ['deal_id', 'varchar(12) NOT NULL'], ['entity_id', 'varchar(12) NOT NULL'], ['workload', 'text'], ['use_case', 'text'], ['origin', 'text'],
  ['created_at', 'timestamp with time zone'], ['true_close_date', 'date'], ['outcome', 'text'], ['rendering', 'text'],
], ['deal_id'], [fk('entity_id', 'gt_entity', 'entity_id')]);

export const GT_CRM_LEAD = t('gt_crm_lead', [['lead_id', 'int4 NOT NULL'], ['deal_id', 'varchar(12)'], ['entity_id', 'varchar(12)'], ['render_ops', 'text[]'], ['merged_into', 'int4']],
  ['lead_id'], [fk('deal_id', 'gt_deal', 'deal_id'), fk('entity_id', 'gt_entity', 'entity_id')]);

export const GT_ACE_OPPORTUNITY = t('gt_ace_opportunity', [['ace_id', 'varchar(20) NOT NULL'], ['deal_id', 'varchar(12)'], ['entity_id', 'varchar(12) NOT NULL'], ['render_ops', 'text[]'], ['difficulty', 'text NOT NULL']],
  ['ace_id'], [fk('deal_id', 'gt_deal', 'deal_id'), fk('entity_id', 'gt_entity', 'entity_id')]);

export const GT_OPPORTUNITY_PAIR = t('gt_opportunity_pair', [
  ['pair_id', 'int4 NOT NULL'], ['ace_id', 'varchar(20) NOT NULL'], ['lead_id', 'int4'], ['odoo_partner_id', 'int4'], ['label', 'text NOT NULL'], ['family', 'text'],
  ['account_match_expected', 'bool NOT NULL'],
], ['pair_id'], [fk('ace_id', 'gt_ace_opportunity', 'ace_id'), fk('lead_id', 'gt_crm_lead', 'lead_id'), fk('odoo_partner_id', 'gt_odoo_partner', 'partner_id')]);

export const GT_POD_EXPECTED = t('gt_pod_expected', [
  ['ace_id', 'varchar(20) NOT NULL'], ['partner_originated', 'bool NOT NULL'], ['entity_id', 'varchar(12) NOT NULL'], ['linked_lead_id', 'int4'], ['prior_month', 'date NOT NULL'],
  ['prior_month_gross_usd', 'numeric(14,2)'], ['prior_month_net_usd', 'numeric(14,2)'], ['spend_known', 'bool NOT NULL'], ['spend_rule_pass', 'bool NOT NULL'],
  ['days_to_target_close', 'int4'], ['close_rule_pass', 'bool NOT NULL'], ['competing_open_opps', 'int4 NOT NULL'], ['competing_rule_pass', 'bool NOT NULL'],
  ['expected_eligible', 'bool NOT NULL'], ['reason_codes', 'text[]'],
], ['ace_id'], [fk('ace_id', 'gt_ace_opportunity', 'ace_id'), fk('linked_lead_id', 'gt_crm_lead', 'lead_id')]);

export const GT_BILLING_ANOMALY = t('gt_billing_anomaly', [
  ['anomaly_id', 'int4 NOT NULL'], ['kind', 'text NOT NULL'], ['bill_id', 'int4'], ['move_id', 'int4'], ['aws_account_id', 'varchar(12)'], ['period', 'date'], ['detail', 'jsonb'],
], ['anomaly_id']);

export const GT_DELETED = t('gt_deleted', [['table_name', 'text NOT NULL'], ['id', 'int4 NOT NULL'], ['deleted_at', 'timestamp with time zone']], ['table_name', 'id']);

export const TRUTH_TABLES: TableDef[] = [
  GT_RUN, GT_ENTITY, GT_ENTITY_ALIAS, GT_ODOO_PARTNER, GT_ACE_END_USER, GT_AWS_ACCOUNT, GT_DEAL, GT_CRM_LEAD, GT_ACE_OPPORTUNITY, GT_OPPORTUNITY_PAIR,
  GT_POD_EXPECTED, GT_BILLING_ANOMALY, GT_DELETED,
];
