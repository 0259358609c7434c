/**
 * Named queries of the matcher (main/services/match): the core opportunities it reads, the analyst
 * decisions, whether semantic neighbours exist, and the results it writes (core.match_candidates,
 * core.match_assignments, ops.match_runs; migration 0006_match.sql).
 */
import type { Queryable } from '../types';

export type OdooOpportunityRow = {
  source_id: number;
  name: string;
  status: string | null;
  company_name: string | null;
  partner_name: string | null;
  commercial_partner_name: string | null;
  lead_partner_name: string | null;
  commercial_partner_id: number | null;
  country_code: string | null;
  website: string | null;
  partner_website: string | null;
  email_from: string | null;
  partner_email: string | null;
  normalized_domain: string | null;
  contact_name: string | null;
  user_name: string | null;
  user_email: string | null;
  aws_account_ids: string[];
  ace_opportunity_ref: string | null;
  description: string | null;
  referred: string | null;
  expected_revenue: string | null;
  recurring_revenue_monthly: string | null;
  create_ms: number | null;
  deadline_ms: number | null;
};

export async function readOdooOpportunities(db: Queryable): Promise<OdooOpportunityRow[]> {
  const r = await db.query<OdooOpportunityRow>(
    `SELECT source_id, name, status, company_name, partner_name, commercial_partner_name, lead_partner_name, commercial_partner_id,
       partner_country_code AS country_code, website, partner_website, email_from, partner_email, normalized_domain, contact_name, user_name, user_email,
       aws_account_ids, ace_opportunity_ref, description, referred, expected_revenue::text, recurring_revenue_monthly::text,
       (extract(epoch FROM create_date) * 1000)::float8 AS create_ms, (extract(epoch FROM date_deadline::timestamp) * 1000)::float8 AS deadline_ms
     FROM core.odoo_opportunities ORDER BY source_id`,
  );
  return r.rows;
}

export type AceOpportunityRow = {
  source_id: string;
  name: string;
  account_name: string | null;
  end_user_company_name: string | null;
  customer_country_code: string | null;
  customer_website: string | null;
  customer_email: string | null;
  customer_name: string | null;
  normalized_domain: string | null;
  partner_sales_rep_name: string | null;
  partner_sales_rep_email: string | null;
  aws_account_ids: string[];
  partner_crm_lead_id: number | null;
  status: string | null;
  stage: string | null;
  project_budget: string | null;
  create_ms: number | null;
  close_ms: number | null;
};

export async function readAceOpportunities(db: Queryable): Promise<AceOpportunityRow[]> {
  const r = await db.query<AceOpportunityRow>(
    `SELECT source_id, name, account_name, end_user_company_name, customer_country_code, customer_website, customer_email, customer_name, normalized_domain,
       partner_sales_rep_name, partner_sales_rep_email, aws_account_ids, partner_crm_lead_id, status, stage, project_budget::text,
       (extract(epoch FROM aws_create_date) * 1000)::float8 AS create_ms, (extract(epoch FROM close_date::timestamp) * 1000)::float8 AS close_ms
     FROM core.ace_opportunities ORDER BY source_id`,
  );
  return r.rows;
}

export type DecisionRow = { ace_source_id: string; odoo_source_id: number | null; decision: 'accept' | 'reject' | 'no_match' };

/** The analyst decisions in force (the latest per ACE opportunity and Odoo opportunity). */
export async function readDecisions(db: Queryable): Promise<DecisionRow[]> {
  const r = await db.query<DecisionRow>(
    `SELECT DISTINCT ON (ace_source_id, coalesce(odoo_source_id, -1)) ace_source_id, odoo_source_id, decision
     FROM ops.match_decisions WHERE superseded_at IS NULL
     ORDER BY ace_source_id, coalesce(odoo_source_id, -1), decided_at DESC, decision_id`,
  );
  return r.rows;
}

/** Does a relation exist (e.g. the search schema's tables, which another migration owns)? */
export async function relationExists(db: Queryable, name: string): Promise<boolean> {
  const r = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]);
  return !!r.rows[0]?.t;
}

// ---- writing results -------------------------------------------------------------------------------------

export const CANDIDATE_COLUMNS = ['ace_source_id', 'odoo_source_id', 'rank', 'probability', 'company_probability', 'match_weight', 'block_keys', 'levels', 'contributions'] as const;
export const ASSIGNMENT_COLUMNS = [
  'ace_source_id', 'status', 'decided_by', 'odoo_source_id', 'odoo_source_ids', 'link_kind', 'probability', 'no_match_probability', 'candidate_count',
  'explanation', 'conflict',
] as const;

/** Staging tables of one write (dropped at commit). */
export async function createMatchStaging(tx: Queryable): Promise<void> {
  await tx.exec(`CREATE TEMP TABLE match_candidates_new (LIKE core.match_candidates INCLUDING DEFAULTS) ON COMMIT DROP;
    ALTER TABLE match_candidates_new DROP COLUMN run_id, DROP COLUMN updated_at;
    CREATE TEMP TABLE match_assignments_new (LIKE core.match_assignments INCLUDING DEFAULTS) ON COMMIT DROP;
    ALTER TABLE match_assignments_new DROP COLUMN run_id, DROP COLUMN updated_at;`);
}

/**
 * Merges the staged results: inserts new rows, updates rows whose values changed (run_id/updated_at then
 * name this run), deletes rows no longer produced. Returns the rows written per table.
 */
export async function mergeMatchStaging(tx: Queryable, runId: string): Promise<{ candidates: number; assignments: number }> {
  const cset = CANDIDATE_COLUMNS.filter((c) => c !== 'ace_source_id' && c !== 'odoo_source_id');
  const cUp = await tx.query(
    `INSERT INTO core.match_candidates (${CANDIDATE_COLUMNS.join(', ')}, run_id)
     SELECT ${CANDIDATE_COLUMNS.join(', ')}, $1 FROM pg_temp.match_candidates_new
     ON CONFLICT (ace_source_id, odoo_source_id) DO UPDATE SET ${cset.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, run_id = EXCLUDED.run_id, updated_at = now()
     WHERE (${cset.map((c) => `core.match_candidates.${c}`).join(', ')}) IS DISTINCT FROM (${cset.map((c) => `EXCLUDED.${c}`).join(', ')})`,
    [runId],
  );
  const cDel = await tx.query(
    `DELETE FROM core.match_candidates c WHERE NOT EXISTS (SELECT 1 FROM pg_temp.match_candidates_new n WHERE n.ace_source_id = c.ace_source_id AND n.odoo_source_id = c.odoo_source_id)`,
  );
  const aset = ASSIGNMENT_COLUMNS.filter((c) => c !== 'ace_source_id');
  const aUp = await tx.query(
    `INSERT INTO core.match_assignments (${ASSIGNMENT_COLUMNS.join(', ')}, run_id)
     SELECT ${ASSIGNMENT_COLUMNS.join(', ')}, $1 FROM pg_temp.match_assignments_new
     ON CONFLICT (ace_source_id) DO UPDATE SET ${aset.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, run_id = EXCLUDED.run_id, updated_at = now()
     WHERE (${aset.map((c) => `core.match_assignments.${c}`).join(', ')}) IS DISTINCT FROM (${aset.map((c) => `EXCLUDED.${c}`).join(', ')})`,
    [runId],
  );
  const aDel = await tx.query(`DELETE FROM core.match_assignments a WHERE NOT EXISTS (SELECT 1 FROM pg_temp.match_assignments_new n WHERE n.ace_source_id = a.ace_source_id)`);
  return { candidates: cUp.rowCount + cDel.rowCount, assignments: aUp.rowCount + aDel.rowCount };
}

export async function startMatchRun(db: Queryable, runId: string, thresholds: unknown): Promise<void> {
  await db.query(`INSERT INTO ops.match_runs (run_id, status, thresholds) VALUES ($1, 'running', $2::jsonb)`, [runId, JSON.stringify(thresholds)]);
}

export type MatchRunUpdate = {
  status: 'succeeded' | 'failed';
  semantic?: boolean;
  semanticReason?: string | null;
  model?: unknown;
  blocking?: unknown;
  aceCount?: number;
  odooCount?: number;
  candidatePairs?: number;
  matched?: number;
  review?: number;
  noMatch?: number;
  rowsWritten?: number;
  durationMs: number;
  error?: string | null;
};

export async function finishMatchRun(db: Queryable, runId: string, u: MatchRunUpdate): Promise<void> {
  await db.query(
    `UPDATE ops.match_runs SET status = $2, finished_at = now(), semantic = $3, semantic_reason = $4, model = $5::jsonb, blocking = $6::jsonb,
       ace_count = $7, odoo_count = $8, candidate_pairs = $9, matched = $10, review = $11, no_match = $12, rows_written = $13, duration_ms = $14, error = $15
     WHERE run_id = $1`,
    [runId, u.status, u.semantic ?? false, u.semanticReason ?? null, u.model === undefined ? null : JSON.stringify(u.model), u.blocking === undefined ? null : JSON.stringify(u.blocking),
      u.aceCount ?? 0, u.odooCount ?? 0, u.candidatePairs ?? 0, u.matched ?? 0, u.review ?? 0, u.noMatch ?? 0, u.rowsWritten ?? 0, u.durationMs, u.error ?? null],
  );
}

export type AssignmentRow = { ace_source_id: string; status: string; decided_by: string | null; odoo_source_ids: number[]; probability: number };

/** Ranked candidates (top `k`) and the decision of every ACE opportunity, for the evaluation. */
export async function readMatchResults(db: Queryable): Promise<{ assignments: AssignmentRow[]; ranked: Map<string, { odoo: string; p: number }[]>; counts: Map<string, number> }> {
  const a = await db.query<AssignmentRow & { candidate_count: number }>(
    'SELECT ace_source_id, status, decided_by, odoo_source_ids, probability, candidate_count FROM core.match_assignments ORDER BY ace_source_id',
  );
  const c = await db.query<{ ace_source_id: string; odoo_source_id: number; probability: number }>(
    'SELECT ace_source_id, odoo_source_id, probability FROM core.match_candidates ORDER BY ace_source_id, rank',
  );
  const ranked = new Map<string, { odoo: string; p: number }[]>();
  for (const r of c.rows) ranked.set(r.ace_source_id, [...(ranked.get(r.ace_source_id) ?? []), { odoo: String(r.odoo_source_id), p: Number(r.probability) }]);
  return { assignments: a.rows, ranked, counts: new Map(a.rows.map((r) => [r.ace_source_id, r.candidate_count])) };
}
