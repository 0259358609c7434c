/**
 * Reads and writes of the match review (match:candidates, match:choose, the review queue's columns):
 * the ACE record and its stored candidates side by side, the analyst's match decisions, and the
 * assignment an analyst choice sets. Tables: migration 0006_match.sql, core opportunities 0003_core.sql.
 */
import type { MatchField } from '../../../app/contract';
import type { Queryable } from '../../../db/types';

/** The fields shown side by side: same key = same meaning on both sides (compared in the renderer). */
const FIELDS: readonly { key: string; label: string; ace: string; odoo: string }[] = [
  { key: 'company', label: 'Company', ace: 'coalesce(a.account_name, a.customer_name, a.end_user_company_name)', odoo: 'coalesce(o.commercial_partner_name, o.partner_name, o.lead_partner_name)' },
  { key: 'opportunity', label: 'Opportunity', ace: 'a.name', odoo: 'o.name' },
  { key: 'domain', label: 'Domain', ace: 'a.normalized_domain', odoo: 'o.normalized_domain' },
  { key: 'website', label: 'Website', ace: 'a.customer_website', odoo: 'coalesce(o.website, o.partner_website)' },
  { key: 'email', label: 'E-mail', ace: 'a.customer_email', odoo: 'coalesce(o.email_from, o.partner_email)' },
  { key: 'country', label: 'Country', ace: 'a.customer_country_code', odoo: 'o.partner_country_code' },
  { key: 'owner', label: 'Owner', ace: 'a.partner_sales_rep_name', odoo: 'o.user_name' },
  { key: 'aws_accounts', label: 'AWS accounts', ace: "nullif(array_to_string(a.aws_account_ids, ', '), '')", odoo: "nullif(array_to_string(o.aws_account_ids, ', '), '')" },
  { key: 'monthly', label: 'Monthly value', ace: 'a.project_budget::text', odoo: 'o.recurring_revenue_monthly::text' },
  { key: 'created', label: 'Created', ace: "to_char(a.aws_create_date AT TIME ZONE 'UTC', 'YYYY-MM-DD')", odoo: "to_char(o.create_date AT TIME ZONE 'UTC', 'YYYY-MM-DD')" },
  { key: 'close', label: 'Close date', ace: "to_char(a.close_date, 'YYYY-MM-DD')", odoo: "to_char(o.date_deadline, 'YYYY-MM-DD')" },
  { key: 'stage', label: 'Stage', ace: 'a.stage', odoo: 'o.stage_name' },
  { key: 'crm_ref', label: 'CRM cross-reference', ace: "CASE WHEN a.partner_crm_lead_id IS NULL THEN NULL ELSE '#' || a.partner_crm_lead_id END", odoo: 'o.ace_opportunity_ref' },
];

const fieldsOf = (row: Record<string, unknown>): MatchField[] => FIELDS.map((f) => ({ key: f.key, label: f.label, value: row[f.key] == null || row[f.key] === '' ? null : String(row[f.key]) }));

export async function readAceRecord(db: Queryable, aceId: string): Promise<{ name: string; fields: MatchField[] } | null> {
  const r = await db.query<Record<string, unknown> & { name: string }>(
    `SELECT a.name AS _name, ${FIELDS.map((f) => `${f.ace} AS ${f.key}`).join(', ')} FROM core.ace_opportunities a WHERE a.source_id = $1`, [aceId]);
  const row = r.rows[0];
  return row ? { name: String(row._name), fields: fieldsOf(row) } : null;
}

export async function readOdooRecords(db: Queryable, odooIds: readonly number[]): Promise<Map<number, { name: string; fields: MatchField[] }>> {
  if (odooIds.length === 0) return new Map();
  const r = await db.query<Record<string, unknown>>(
    `SELECT o.source_id AS _id, o.name AS _name, ${FIELDS.map((f) => `${f.odoo} AS ${f.key}`).join(', ')} FROM core.odoo_opportunities o WHERE o.source_id = ANY($1::int[])`, [odooIds]);
  return new Map(r.rows.map((row) => [Number(row._id), { name: String(row._name), fields: fieldsOf(row) }]));
}

export type CandidateRow = {
  odoo_source_id: number; rank: number; probability: number; company_probability: number; match_weight: number;
  block_keys: string[]; levels: Record<string, string | null>; contributions: unknown; run_id: string;
};

export async function readCandidates(db: Queryable, aceId: string): Promise<CandidateRow[]> {
  return (await db.query<CandidateRow>(
    `SELECT odoo_source_id, rank, probability, company_probability, match_weight, block_keys, levels, contributions, run_id
     FROM core.match_candidates WHERE ace_source_id = $1 ORDER BY rank`, [aceId])).rows;
}

export type AssignmentDetailRow = {
  status: 'matched' | 'review' | 'no_match'; decided_by: 'auto' | 'analyst' | null; odoo_source_ids: number[]; odoo_source_id: number | null;
  probability: number; no_match_probability: number; candidate_count: number; explanation: string; run_id: string;
};

export async function readAssignment(db: Queryable, aceId: string): Promise<AssignmentDetailRow | null> {
  return (await db.query<AssignmentDetailRow>(
    `SELECT status, decided_by, odoo_source_ids, odoo_source_id, probability, no_match_probability, candidate_count, explanation, run_id
     FROM core.match_assignments WHERE ace_source_id = $1`, [aceId])).rows[0] ?? null;
}

/** The semantic signal of a run (or of the newest succeeded run when `runId` is null). */
export async function readRunSemantic(db: Queryable, runId: string | null): Promise<{ on: boolean; reason: string | null }> {
  const r = await db.query<{ semantic: boolean; semantic_reason: string | null }>(
    runId
      ? 'SELECT semantic, semantic_reason FROM ops.match_runs WHERE run_id = $1'
      : "SELECT semantic, semantic_reason FROM ops.match_runs WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1",
    runId ? [runId] : [],
  );
  const row = r.rows[0];
  return row ? { on: row.semantic, reason: row.semantic_reason } : { on: false, reason: 'No match run yet.' };
}

export type MatchDecisionRow = { decision_id: string; decision: 'accept' | 'reject' | 'no_match'; odoo_source_id: number | null; decided_by: string; decided_at: Date; note: string | null; superseded_at: Date | null };

export async function readMatchDecisions(db: Queryable, aceId: string): Promise<MatchDecisionRow[]> {
  return (await db.query<MatchDecisionRow>(
    `SELECT decision_id, decision, odoo_source_id, decided_by, decided_at, note, superseded_at FROM ops.match_decisions
     WHERE ace_source_id = $1 ORDER BY decided_at DESC, decision_id`, [aceId])).rows;
}

/**
 * Appends the analyst's choice and supersedes the opportunity's earlier accept / no-match decisions (one
 * choice in force per opportunity; a rejected pair stays rejected unless it is the one chosen now).
 */
export async function insertMatchChoice(tx: Queryable, c: { aceId: string; odooId: number | null; by: string; note: string }): Promise<string> {
  await tx.query(
    `UPDATE ops.match_decisions SET superseded_at = now()
     WHERE ace_source_id = $1 AND superseded_at IS NULL AND (decision IN ('accept', 'no_match') OR ($2::int IS NOT NULL AND odoo_source_id = $2::int))`,
    [c.aceId, c.odooId]);
  const r = await tx.query<{ decision_id: string }>(
    `INSERT INTO ops.match_decisions (ace_source_id, odoo_source_id, decision, decided_by, note) VALUES ($1, $2, $3, $4, $5) RETURNING decision_id`,
    [c.aceId, c.odooId, c.odooId === null ? 'no_match' : 'accept', c.by, c.note]);
  const id = r.rows[0]?.decision_id;
  if (!id) throw new Error('insert returned no row');
  return id;
}

/** What the matcher itself writes for an analyst decision (app/match/assign.ts), so decide sees it at once. */
export async function applyChoiceToAssignment(tx: Queryable, c: { aceId: string; odooId: number | null; probability: number; explanation: string }): Promise<void> {
  await tx.query(
    `UPDATE core.match_assignments SET status = $2, decided_by = 'analyst', odoo_source_id = $3, odoo_source_ids = $4::int[], link_kind = $5,
       probability = $6, explanation = $7, conflict = NULL, updated_at = now()
     WHERE ace_source_id = $1`,
    [c.aceId, c.odooId === null ? 'no_match' : 'matched', c.odooId, c.odooId === null ? [] : [c.odooId], c.odooId === null ? null : 'single', c.probability, c.explanation]);
}

export type QueueRow = { ace_source_id: string; stage: string | null; owner: string | null; match_status: 'matched' | 'review' | 'no_match' | null; probability: number | null; candidate_count: number | null; odoo_source_id: number | null; odoo_name: string | null };

/** The review queue's match columns for every ACE opportunity. */
export async function readQueueColumns(db: Queryable): Promise<QueueRow[]> {
  return (await db.query<QueueRow>(
    `SELECT a.source_id AS ace_source_id, a.stage, a.partner_sales_rep_name AS owner, m.status AS match_status, m.probability, m.candidate_count,
            coalesce(m.odoo_source_id, c.odoo_source_id) AS odoo_source_id, o.name AS odoo_name
     FROM core.ace_opportunities a
     LEFT JOIN core.match_assignments m ON m.ace_source_id = a.source_id
     LEFT JOIN core.match_candidates c ON c.ace_source_id = a.source_id AND c.rank = 1 AND m.odoo_source_id IS NULL
     LEFT JOIN core.odoo_opportunities o ON o.source_id = coalesce(m.odoo_source_id, c.odoo_source_id)`)).rows;
}
