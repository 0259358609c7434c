/**
 * Reads for the dashboard (main/services/dashboard): value of each ACE opportunity, source freshness,
 * the latest quality run, when each pipeline step last ran, recent sync jobs. Read-only, small results.
 */
import type { Queryable } from '../types';

export type BudgetRow = { source_id: string; project_budget: string | null; currency: string | null };

/** Expected monthly AWS revenue per ACE opportunity (numeric as string, as both engines return it). */
export async function readBudgets(db: Queryable): Promise<BudgetRow[]> {
  return (await db.query<BudgetRow>('SELECT source_id, project_budget, expected_spend_currency AS currency FROM core.ace_opportunities')).rows;
}

export type FreshnessRow = { source: string; last_success_at: Date | null; last_status: string | null; last_error: string | null; rows: string };

export async function readFreshness(db: Queryable): Promise<FreshnessRow[]> {
  return (await db.query<FreshnessRow>(`
    SELECT s.source,
      (SELECT max(finished_at) FROM ops.sync_jobs j WHERE j.source_system = s.source AND j.status = 'succeeded') AS last_success_at,
      l.status AS last_status, l.error_message AS last_error,
      (SELECT coalesce(sum(records_inserted + records_updated), 0) FROM ops.sync_jobs j WHERE j.source_system = s.source AND j.status = 'succeeded')::text AS rows
    FROM (VALUES ('odoo'), ('apn')) AS s(source)
    LEFT JOIN LATERAL (SELECT status, error_message FROM ops.sync_jobs j WHERE j.source_system = s.source ORDER BY started_at DESC LIMIT 1) l ON true
    ORDER BY s.source DESC`)).rows;
}

export type QualityRow = { overall_score: string | null; finished_at: Date | null; started_at: Date; checks_run: number; checks_failed: number; table_scores: Record<string, number> };

export async function readLatestQuality(db: Queryable): Promise<QualityRow | null> {
  return (await db.query<QualityRow>('SELECT overall_score, finished_at, started_at, checks_run, checks_failed, table_scores FROM ops.data_quality_runs ORDER BY started_at DESC LIMIT 1')).rows[0] ?? null;
}

export type StepRow = { transform: Date | null; quality: Date | null; match: Date | null; decide: Date | null };

export async function readStepTimes(db: Queryable): Promise<StepRow> {
  return (await db.query<StepRow>(`SELECT
    (SELECT max(transformed_at) FROM ops.transformation_log) AS transform,
    (SELECT max(finished_at) FROM ops.data_quality_runs) AS quality,
    (SELECT max(finished_at) FROM ops.match_runs WHERE status = 'succeeded') AS match,
    (SELECT max(finished_at) FROM ops.decision_runs WHERE status = 'succeeded') AS decide`)).rows[0]!;
}
