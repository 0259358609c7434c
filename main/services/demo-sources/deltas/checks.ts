/**
 * Invariants after a daily change set (spec §7 minus what the deltas change on purpose: exact row counts).
 * Per database, inside the day's transaction (a failure rolls the day back): foreign keys, write_date ≥ create_date
 * (ACE: last_modified ≥ created), unique ids, and the billing half's consistency checks (moves balance, residuals
 * match, names unique per journal, bill lines = Σ their CUR rows). Across databases, after commit: the ground truth
 * still resolves (positive pairs, partners) and every logged deletion is really gone.
 */
import type { Queryable } from '../../../../db/types';
import { ODOO_TABLES, CROSS_FKS } from '../odoo/schema';
import { APN_TABLES } from '../apn/schema';
import { TRUTH_SCHEMA, TRUTH_TABLES } from '../truth/schema';
import { checkAuditDates, checkFks, checkTruth, type Checker } from '../self-checks';
import { checksBlock, sqlChecks } from '../billing/checks';
import { MARGIN_BANDS } from '../billing/index';
import type { Scale } from '../universe-types';

async function n(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);
}

async function zero(c: Checker, what: string, value: Promise<number>): Promise<void> {
  const v = await value;
  if (v === 0) c.ok++;
  else c.failures.push(`${what}: ${v}`);
}

/** Last statement of the block: a failing billing check raises, which aborts the transaction (the day rolls back). */
export async function checkOdooDay(c: Checker, odoo: Queryable, scale: Scale): Promise<void> {
  await checkFks(c, odoo, ODOO_TABLES, CROSS_FKS);
  await checkAuditDates(c, odoo, ODOO_TABLES, 'create_date', 'write_date');
  await zero(c, 'crm_lead probability outside 0–100', n(odoo, 'SELECT count(*)::int AS n FROM crm_lead WHERE probability < 0 OR probability > 100'));
  await zero(c, 'CUR rows of a final month without bill_invoice_id', n(odoo, `SELECT count(*)::int AS n FROM c_billing_internal_cur WHERE is_final AND bill_invoice_id IS NULL`));
  if (c.failures.length > 0) return;
  try {
    await odoo.exec(checksBlock(sqlChecks({ curRows: null, moves: null, lines: null, margin: MARGIN_BANDS[scale] })));
    c.ok++;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (!msg.includes('billing self-checks failed')) throw err;
    c.failures.push(...msg.slice(msg.indexOf(':') + 1).split('\n').map((s) => s.replace(/^\s*-\s*/, '').trim()).filter(Boolean));
  }
}

export async function checkApnDay(c: Checker, apn: Queryable): Promise<void> {
  await checkFks(c, apn, APN_TABLES);
  await checkAuditDates(c, apn, APN_TABLES, 'created_date', 'last_modified_date');
  await zero(c, 'duplicate apn_crm_unique_identifier', n(apn, 'SELECT (count(*) - count(DISTINCT apn_crm_unique_identifier))::int AS n FROM apn_opportunity'));
  await zero(c, 'ACE ids not O + digits', n(apn, `SELECT count(*)::int AS n FROM apn_opportunity WHERE apn_crm_unique_identifier !~ '^O[0-9]{1,19}$'`));
}

export async function checkTruthDay(c: Checker, truth: Queryable, odoo: Queryable, apn: Queryable): Promise<void> {
  const ids = {
    leadIds: new Set((await odoo.query<{ id: number }>('SELECT id FROM crm_lead')).rows.map((r) => Number(r.id))),
    partnerIds: new Set((await odoo.query<{ id: number }>('SELECT id FROM res_partner')).rows.map((r) => Number(r.id))),
    aceIds: new Set((await apn.query<{ a: string }>('SELECT apn_crm_unique_identifier AS a FROM apn_opportunity')).rows.map((r) => r.a)),
  };
  await checkTruth(c, truth, ids, true);
  const deleted = (await truth.query<{ table_name: string; id: number }>(`SELECT table_name, id FROM ${TRUTH_SCHEMA}.gt_deleted ORDER BY 1, 2`)).rows;
  const back = deleted.filter((d) => (d.table_name === 'crm_lead' ? ids.leadIds : d.table_name === 'res_partner' ? ids.partnerIds : new Set<number>()).has(Number(d.id)));
  if (back.length === 0) c.ok++;
  else c.failures.push(`gt_deleted: ${back.length} logged deletions still present (e.g. ${back[0]?.table_name} ${back[0]?.id})`);
  const born = (await truth.query<{ lead_id: number }>(`SELECT lead_id FROM ${TRUTH_SCHEMA}.gt_crm_lead WHERE 'delta_new' = ANY(render_ops) AND merged_into IS NULL`)).rows;
  const lost = born.filter((b) => !ids.leadIds.has(Number(b.lead_id)));
  if (lost.length === 0) c.ok++;
  else c.failures.push(`gt_crm_lead: ${lost.length} new leads of the deltas missing from crm_lead`);
  await checkFks(c, truth, TRUTH_TABLES);
}
