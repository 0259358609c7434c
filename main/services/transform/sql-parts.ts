/**
 * SQL fragments shared by the transform steps. Everything here is static text built from constants of this
 * codebase (never from data), so interpolating it into statements is safe.
 */

/** LEFT JOIN of a cached company-name normalization for `input` (+ country key, '' when unknown). */
export function nameJoin(alias: string, version: number, input: string, country: string): string {
  return `LEFT JOIN core.norm_company_names ${alias} ON ${alias}.version = ${int(version)} AND ${alias}.input = ${input} AND ${alias}.country = ${country}`;
}

/** LEFT JOIN of a cached domain (kind 'website' | 'email'); only status 'ok' rows carry a domain. */
export function domainJoin(alias: string, version: number, kind: 'website' | 'email', input: string): string {
  return `LEFT JOIN core.norm_domains ${alias} ON ${alias}.version = ${int(version)} AND ${alias}.kind = '${kind}' AND ${alias}.input = ${input}`;
}

export function awsIdJoin(alias: string, version: number, input: string): string {
  return `LEFT JOIN core.norm_aws_account_ids ${alias} ON ${alias}.version = ${int(version)} AND ${alias}.input = ${input}`;
}

function int(n: number): string {
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
}

/** "Label: value" when value is not NULL/empty, else NULL (so concat_ws skips it). */
export function labelled(label: string, expr: string): string {
  return `'${label.replace(/'/g, "''")}: ' || nullif(btrim((${expr})::text), '')`;
}

/** Plain text from Odoo's html fields (descriptions), bounded for embedding. */
export function plainText(expr: string, max = 1000): string {
  return `left(btrim(regexp_replace(regexp_replace(${expr}, '<[^>]*>', ' ', 'g'), '\\s+', ' ', 'g')), ${int(max)})`;
}

/** The active-or-not opportunity status from the stage and archive flag (spec §1.1: lost = archived or a "Lost" stage). */
export const ODOO_STATUS = `CASE WHEN s.is_won THEN 'won'
  WHEN l.active IS FALSE OR lower(core.jname(s.name)) IN ('lost', 'verloren') THEN 'lost'
  ELSE 'open' END`;

/** ACE ownership spellings (spec §2.4: "Partner Originated", lower case …) → the two API values. */
export const ACE_OWNERSHIP = `CASE lower(regexp_replace(btrim(o.opportunity_ownership), '\\s+', ' ', 'g'))
  WHEN 'partner referral' THEN 'Partner Referral' WHEN 'partner originated' THEN 'Partner Referral'
  WHEN 'aws referral' THEN 'AWS Referral' WHEN 'aws originated' THEN 'AWS Referral'
  ELSE nullif(btrim(o.opportunity_ownership), '') END`;

/** ACE review status: legacy 'Draft' = 'Pending Submission'; 'In review' (enum) = 'In Review' (UI). */
export const ACE_STATUS = `CASE lower(regexp_replace(btrim(o.status), '\\s+', ' ', 'g'))
  WHEN 'draft' THEN 'Pending Submission' WHEN 'pending submission' THEN 'Pending Submission'
  WHEN 'submitted' THEN 'Submitted' WHEN 'in review' THEN 'In Review' WHEN 'approved' THEN 'Approved'
  WHEN 'rejected' THEN 'Rejected' WHEN 'action required' THEN 'Action Required'
  ELSE nullif(btrim(o.status), '') END`;

/** Multi-select values joined by '; ' whatever separator the export used (spec §2.4). */
export function multiSelect(expr: string): string {
  return `nullif(regexp_replace(regexp_replace(btrim(${expr}), '\\s*[,;]\\s*', '; ', 'g'), '(^; |;\\s*$)', '', 'g'), '')`;
}

/** Environment from an account alias suffix ("acme-prod", "acme-log-archive"). */
export const ENVIRONMENT = `CASE
  WHEN a.name ~* '(^|[-_])(prod|production|prd)($|[-_])' THEN 'production'
  WHEN a.name ~* '(^|[-_])(staging|stage|stg)($|[-_])' THEN 'staging'
  WHEN a.name ~* '(^|[-_])(test|qa|uat)($|[-_])' THEN 'test'
  WHEN a.name ~* '(^|[-_])(dev|development)($|[-_])' THEN 'development'
  WHEN a.name ~* '(^|[-_])sandbox' THEN 'sandbox'
  WHEN a.name ~* '(^|[-_])(security|log-archive|audit|shared|network|payer)' THEN 'shared'
  END`;
