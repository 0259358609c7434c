/**
 * Fills core.norm_* with the TypeScript normalization (app/normalize) of every distinct free-text value in
 * raw that the cache does not hold yet for this normalizer version: one anti-join query per kind, the
 * results computed in memory and written with one COPY each. The SQL steps then join these tables, so
 * names, domains and account ids are normalized set-based, inside the transform transaction.
 *
 * Invariant: the (input, country) pairs produced here use exactly the expressions the steps join on
 * (`COUNTRY_SQL` below and the column lists), so every join finds its row.
 */
import { copyLine } from '../../../db/copy';
import type { Db } from '../../../db/types';
import { domainFromEmail, domainFromWebsite, normalizeAwsAccountId, normalizeCompanyName } from '../../../app/normalize';

type Source = { table: string; sql: string; needs?: string };

/** Country code of a res_country id, '' when unknown (the cache key cannot be NULL). */
export const odooCountry = (countryIdExpr: string): string => `coalesce((SELECT upper(c.code) FROM raw.odoo_res_country c WHERE c.id = ${countryIdExpr}), '')`;
export const apnCountry = (codeExpr: string): string => `coalesce(upper(nullif(trim(${codeExpr}), '')), '')`;

const NAME_SOURCES: Source[] = [
  { table: 'odoo_res_partner', needs: 'odoo_res_country', sql: `SELECT name, ${odooCountry('country_id')} FROM raw.odoo_res_partner` },
  { table: 'odoo_crm_lead', needs: 'odoo_res_country', sql: `SELECT partner_name, ${odooCountry('country_id')} FROM raw.odoo_crm_lead` },
  { table: 'apn_opportunity', sql: `SELECT customer_company_name, ${apnCountry('country_code')} FROM raw.apn_opportunity` },
  { table: 'apn_end_user', sql: `SELECT company_name, ${apnCountry('country_code')} FROM raw.apn_end_user` },
];

const WEBSITE_SOURCES: Source[] = [
  { table: 'odoo_res_partner', sql: 'SELECT website FROM raw.odoo_res_partner' },
  { table: 'odoo_crm_lead', sql: 'SELECT website FROM raw.odoo_crm_lead' },
  { table: 'apn_opportunity', sql: 'SELECT customer_website FROM raw.apn_opportunity' },
  { table: 'apn_end_user', sql: 'SELECT website FROM raw.apn_end_user' },
];

const EMAIL_SOURCES: Source[] = [
  { table: 'odoo_res_partner', sql: 'SELECT email FROM raw.odoo_res_partner' },
  { table: 'odoo_crm_lead', sql: 'SELECT email_from FROM raw.odoo_crm_lead' },
  { table: 'apn_opportunity', sql: 'SELECT primary_contact_email FROM raw.apn_opportunity' },
  { table: 'odoo_c_aws_accounts', sql: 'SELECT account_email FROM raw.odoo_c_aws_accounts' },
];

const AWS_ID_SOURCES: Source[] = [
  { table: 'apn_opportunity', sql: 'SELECT aws_account_id FROM raw.apn_opportunity' },
  { table: 'apn_end_user', sql: 'SELECT aws_account_id FROM raw.apn_end_user' },
  { table: 'odoo_crm_lead', sql: 'SELECT c_aws_account_ids FROM raw.odoo_crm_lead' },
];

/** The sources present, as one UNION; with `jobsParam`, only rows written by those sync jobs. */
function union(sources: Source[], rawTables: ReadonlySet<string>, jobsParam: string | null): string | null {
  const present = sources.filter((s) => rawTables.has(s.table) && (!s.needs || rawTables.has(s.needs)));
  const filter = jobsParam ? ` WHERE _sync_batch_id = ANY (${jobsParam}::uuid[])` : '';
  return present.length === 0 ? null : present.map((s) => s.sql + filter).join('\nUNION\n');
}

export type CacheFill = { names: number; domains: number; awsIds: number };

/**
 * `jobs`: incremental run — only values of raw rows those sync jobs wrote can be new (everything older was
 * cached by an earlier run of the same normalizer version). Without it every raw value is considered.
 */
export async function fillNormalizationCache(db: Db, rawTables: ReadonlySet<string>, version: number, jobs?: readonly string[]): Promise<CacheFill> {
  const out: CacheFill = { names: 0, domains: 0, awsIds: 0 };
  const j = jobs ? [jobs] : [];
  const names = union(NAME_SOURCES, rawTables, jobs ? '$2' : null);
  if (names) {
    const r = await db.query<{ input: string; country: string }>(
      `SELECT DISTINCT s.input, s.country FROM (${names}) AS s(input, country)
       WHERE s.input IS NOT NULL AND NOT EXISTS (SELECT 1 FROM core.norm_company_names n WHERE n.version = $1 AND n.input = s.input AND n.country = s.country)`,
      [version, ...j],
    );
    out.names = await db.copyFrom('core.norm_company_names', ['version', 'input', 'country', 'normalized', 'fold', 'legal_form'],
      r.rows.map((x) => {
        const n = normalizeCompanyName(x.input, x.country || null);
        return copyLine([version, x.input, x.country, n?.normalized ?? null, n?.fold ?? null, n?.legalForm ?? null]);
      }));
  }
  for (const [kind, sources] of [['website', WEBSITE_SOURCES], ['email', EMAIL_SOURCES]] as const) {
    const q = union(sources, rawTables, jobs ? '$3' : null);
    if (!q) continue;
    const r = await db.query<{ input: string }>(
      `SELECT DISTINCT s.input FROM (${q}) AS s(input)
       WHERE s.input IS NOT NULL AND NOT EXISTS (SELECT 1 FROM core.norm_domains n WHERE n.version = $1 AND n.kind = $2 AND n.input = s.input)`,
      [version, kind, ...j],
    );
    out.domains += await db.copyFrom('core.norm_domains', ['version', 'kind', 'input', 'domain', 'status'],
      r.rows.map((x) => {
        const d = kind === 'website' ? domainFromWebsite(x.input) : domainFromEmail(x.input);
        return copyLine([version, kind, x.input, d.domain, d.status]);
      }));
  }
  const ids = union(AWS_ID_SOURCES, rawTables, jobs ? '$2' : null);
  if (ids) {
    const r = await db.query<{ input: string }>(
      `SELECT DISTINCT s.input FROM (${ids}) AS s(input)
       WHERE s.input IS NOT NULL AND NOT EXISTS (SELECT 1 FROM core.norm_aws_account_ids n WHERE n.version = $1 AND n.input = s.input)`,
      [version, ...j],
    );
    out.awsIds = await db.copyFrom('core.norm_aws_account_ids', ['version', 'input', 'ids', 'status', 'alias'],
      r.rows.map((x) => {
        const a = normalizeAwsAccountId(x.input);
        return copyLine([version, x.input, a.ids, a.status, a.alias]);
      }));
  }
  // Fresh rows without statistics make the planner nest-loop over seq scans (15 s instead of 0.2 s at prod).
  if (out.names + out.domains + out.awsIds > 0) await db.exec('ANALYZE core.norm_company_names; ANALYZE core.norm_domains; ANALYZE core.norm_aws_account_ids');
  return out;
}
