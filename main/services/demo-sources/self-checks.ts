/**
 * Self-checks of the CRM/ACE half (spec §7), run as SQL against the generated databases. Every check
 * runs; all failures are reported together (`SelfCheckError.failures`), so one run shows everything.
 */
import type { Queryable } from '../../../db/types';
import { quote, fkViolationSql, type TableDef } from './write/table';
import { ODOO_TABLES, CROSS_FKS } from './odoo/schema';
import { APN_TABLES } from './apn/schema';
import { TRUTH_TABLES, TRUTH_SCHEMA } from './truth/schema';
import { aceOpportunityCount, HN_FAMILIES, odooOpportunityCount, type ScaleConfig } from './scale';
import { addDays, isoDate, makeClock } from './dates';
import type { GenParams } from './universe-types';

export class SelfCheckError extends Error {
  override readonly name = 'SelfCheckError';
  constructor(readonly failures: string[]) {
    super(`Demo source self-checks failed (${failures.length}):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  }
}

export type Checker = { failures: string[]; ok: number };

export function checker(): Checker {
  return { failures: [], ok: 0 };
}

async function count(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const r = await db.query<{ n: number | string }>(sql, params);
  return Number(r.rows[0]?.n ?? 0);
}

async function expect(c: Checker, what: string, actual: Promise<number>, expected: number): Promise<void> {
  const n = await actual;
  if (n === expected) c.ok++;
  else c.failures.push(`${what}: expected ${expected}, found ${n}`);
}

async function tableExists(db: Queryable, name: string): Promise<boolean> {
  const [schema, table] = name.includes('.') ? name.split('.') : ['public', name];
  return (await count(db, `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [schema, table])) > 0;
}

export async function checkFks(c: Checker, db: Queryable, tables: readonly TableDef[], extra: { table: string; column: string; ref: string }[] = []): Promise<void> {
  for (const t of tables) {
    for (const f of t.fks ?? []) await expect(c, `FK ${t.name}.${f.column} → ${f.ref}`, count(db, fkViolationSql(t, f)), 0);
  }
  for (const x of extra) {
    if (!(await tableExists(db, x.ref)) || !(await tableExists(db, x.table))) continue;
    const t = tables.find((y) => y.name === x.table);
    if (t) await expect(c, `FK ${x.table}.${x.column} → ${x.ref}`, count(db, fkViolationSql(t, { column: x.column, ref: x.ref })), 0);
  }
}

export async function checkAuditDates(c: Checker, db: Queryable, tables: readonly TableDef[], created: string, modified: string): Promise<void> {
  for (const t of tables) {
    const cols = t.columns.map(([n]) => n);
    if (!cols.includes(created) || !cols.includes(modified)) continue;
    await expect(c, `${t.name}: ${modified} >= ${created}`, count(db, `SELECT count(*)::int AS n FROM ${quote(t.name)} WHERE ${quote(modified)} < ${quote(created)}`), 0);
  }
}

export async function checkOdoo(c: Checker, db: Queryable, cfg: ScaleConfig): Promise<void> {
  await expect(c, 'crm_lead opportunities', count(db, `SELECT count(*)::int AS n FROM crm_lead WHERE type = 'opportunity'`), odooOpportunityCount(cfg));
  await expect(c, 'crm_lead leads', count(db, `SELECT count(*)::int AS n FROM crm_lead WHERE type = 'lead'`), cfg.rawLeads);
  await expect(c, 'c_aws_accounts', count(db, 'SELECT count(*)::int AS n FROM c_aws_accounts'), cfg.accounts.total);
  await expect(c, 'c_aws_accounts with lead_id', count(db, 'SELECT count(*)::int AS n FROM c_aws_accounts WHERE lead_id IS NOT NULL'), cfg.accounts.withLead);
  await expect(c, 'sale_order', count(db, 'SELECT count(*)::int AS n FROM sale_order'), cfg.saleOrders);
  await expect(c, 'sale_order_line', count(db, 'SELECT count(*)::int AS n FROM sale_order_line'), cfg.saleOrderLines);
  await expect(c, 'project_project', count(db, 'SELECT count(*)::int AS n FROM project_project'), cfg.projects);
  await expect(c, 'c_aws_funding_request', count(db, 'SELECT count(*)::int AS n FROM c_aws_funding_request'), cfg.funding.odooMirror);
  await expect(c, 'crm_stage', count(db, 'SELECT count(*)::int AS n FROM crm_stage'), 9);
  await expect(c, 'crm_team', count(db, 'SELECT count(*)::int AS n FROM crm_team'), cfg.teams);
  await expect(c, 'res_users (generated + OdooBot + admin)', count(db, 'SELECT count(*)::int AS n FROM res_users'), cfg.users.internal + cfg.users.archived + cfg.users.portal + 2);
  await expect(c, 'lost opportunities kept active in the Lost stage', count(db, `SELECT least(count(*), 1)::int AS n FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id WHERE l.active AND s.fold AND l.type = 'opportunity'`), 1);
  await expect(c, 'archived (lost) opportunities', count(db, `SELECT least(count(*), 1)::int AS n FROM crm_lead WHERE NOT active AND type = 'opportunity'`), 1);
  await expect(c, 'duplicate aws_account_id', count(db, 'SELECT (count(*) - count(DISTINCT aws_account_id))::int AS n FROM c_aws_accounts'), 0);
  await expect(c, 'AWS ids that are not 12-digit text', count(db, `SELECT count(*)::int AS n FROM c_aws_accounts WHERE aws_account_id !~ '^[0-9]{12}$' OR payer_account_id !~ '^[0-9]{12}$'`), 0);
  await expect(c, 'AWS id columns typed as text', count(db, `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'c_aws_accounts' AND column_name IN ('aws_account_id', 'payer_account_id') AND data_type = 'character varying'`), 2);
  await expect(c, 'edge case: AWS id with a leading zero', count(db, `SELECT least(count(*), 1)::int AS n FROM c_aws_accounts WHERE aws_account_id LIKE '0%'`), 1);
  await expect(c, 'edge case: account that moved payer', count(db, `SELECT least(count(*), 1)::int AS n FROM c_aws_accounts WHERE notes LIKE 'Moved from payer %'`), 1);
  await expect(c, 'translatable names stored as jsonb', count(db, `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'name' AND table_name IN ('crm_stage', 'crm_team', 'project_project', 'res_country') AND data_type = 'jsonb'`), 4);
  await checkFks(c, db, ODOO_TABLES, CROSS_FKS);
  await checkAuditDates(c, db, ODOO_TABLES, 'create_date', 'write_date');
}

export async function checkApn(c: Checker, db: Queryable, cfg: ScaleConfig, params: GenParams): Promise<void> {
  await expect(c, 'apn_opportunity', count(db, 'SELECT count(*)::int AS n FROM apn_opportunity'), aceOpportunityCount(cfg));
  const exact: [string, number][] = [
    ['apn_contacts', cfg.apn.contacts], ['apn_users', cfg.apn.users], ['apn_companies', cfg.apn.companies], ['apn_funding_request', cfg.funding.requests],
    ['apn_funding_request_history', cfg.funding.history], ['apn_cash_claim', cfg.funding.cashClaims],
  ];
  for (const [t, n] of exact) await expect(c, t, count(db, `SELECT count(*)::int AS n FROM ${quote(t)}`), n);
  const endUsers = await count(db, 'SELECT count(*)::int AS n FROM apn_end_user');
  const distinct = await count(db, 'SELECT count(DISTINCT customer_company_name)::int AS n FROM apn_opportunity');
  if (endUsers === cfg.apn.endUsers || (endUsers > cfg.apn.endUsers && endUsers <= distinct)) c.ok++;
  else c.failures.push(`apn_end_user: expected ${cfg.apn.endUsers}, found ${endUsers}`);
  await expect(c, 'apn_opportunity columns', count(db, `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'apn_opportunity'`), 66);
  await expect(c, 'duplicate apn_crm_unique_identifier', count(db, 'SELECT (count(*) - count(DISTINCT apn_crm_unique_identifier))::int AS n FROM apn_opportunity'), 0);
  await expect(c, 'ACE ids not O + digits', count(db, `SELECT count(*)::int AS n FROM apn_opportunity WHERE apn_crm_unique_identifier !~ '^O[0-9]{1,19}$'`), 0);
  const clock = makeClock(params.asOf, params.historyMonths);
  const open = `stage NOT IN ('Launched', 'Closed Lost') AND coalesce(status, '') <> 'Rejected' AND coalesce(partner_acceptance_status, '') NOT IN ('Rejected', 'Expired')`;
  for (const days of [90, 91, 0, -1]) {
    await expect(c, `edge case: open ACE opportunity closing at ${days >= 0 ? '+' : ''}${days} days`,
      count(db, `SELECT least(count(*), 1)::int AS n FROM apn_opportunity WHERE ${open} AND target_close_date = $1::date`, [isoDate(addDays(clock.asOf, days))]), 1);
  }
  if (params.scale !== 'tiny') {
    await expect(c, 'legacy status spellings present (Draft / In Review)', count(db, `SELECT least(count(*), 1)::int AS n FROM apn_opportunity WHERE status IN ('Draft', 'In Review')`), 1);
  }
  await checkFks(c, db, APN_TABLES);
  await checkAuditDates(c, db, APN_TABLES, 'created_date', 'last_modified_date');
}

export async function checkTruth(c: Checker, db: Queryable, ids: { leadIds: Set<number>; aceIds: Set<string>; partnerIds: Set<number> }, billingRan: boolean): Promise<void> {
  const s = TRUTH_SCHEMA;
  for (const f of HN_FAMILIES) {
    await expect(c, `hard-negative family ${f} present`, count(db, `SELECT least(count(*), 1)::int AS n FROM ${s}.gt_opportunity_pair WHERE family = $1`, [f]), 1);
  }
  const pairs = await db.query<{ ace_id: string; lead_id: number }>(`SELECT ace_id, lead_id FROM ${s}.gt_opportunity_pair WHERE label = 'match'`);
  const broken = pairs.rows.filter((p) => !ids.aceIds.has(p.ace_id) || !ids.leadIds.has(Number(p.lead_id)));
  if (pairs.rows.length > 0 && broken.length === 0) c.ok++;
  else c.failures.push(`positive pairs resolvable: ${broken.length} of ${pairs.rows.length} match pairs point at missing rows${broken[0] ? ` (e.g. ${broken[0].ace_id} ↔ ${broken[0].lead_id})` : ''}`);
  const merged = await db.query<{ lead_id: number }>(`SELECT lead_id FROM ${s}.gt_crm_lead WHERE merged_into IS NOT NULL`);
  const present = merged.rows.filter((m) => ids.leadIds.has(Number(m.lead_id)));
  if (merged.rows.length > 0 && present.length === 0) c.ok++;
  else c.failures.push(`merged (hard-deleted) leads: ${merged.rows.length} recorded, ${present.length} still present in crm_lead`);
  // partners merged away by the deltas mode (merged_into set) are gone from res_partner by design
  const partners = await db.query<{ partner_id: number }>(`SELECT partner_id FROM ${s}.gt_odoo_partner WHERE merged_into IS NULL`);
  const missing = partners.rows.filter((p) => !ids.partnerIds.has(Number(p.partner_id)));
  if (missing.length === 0) c.ok++;
  else c.failures.push(`gt_odoo_partner: ${missing.length} partner ids missing from res_partner`);
  if (billingRan) {
    for (const v of ['4999.99', '5000.00']) {
      await expect(c, `edge case: prior-month gross ${v} USD`, count(db, `SELECT least(count(*), 1)::int AS n FROM ${s}.gt_pod_expected WHERE prior_month_gross_usd = $1::numeric`, [v]), 1);
    }
  }
  await checkFks(c, db, TRUTH_TABLES);
}

export function finish(c: Checker): void {
  if (c.failures.length > 0) throw new SelfCheckError(c.failures);
}
