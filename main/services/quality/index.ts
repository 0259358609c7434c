/**
 * `runQuality`: runs every check of checks.ts against raw and core, scores them and records the run in
 * ops.data_quality_runs / ops.data_quality_checks (one transaction: a run is recorded whole or not at all).
 *
 * Scores (0–100): a check's score is the share of checked records that passed (no record checked → no
 * score); a table's score is the mean of its scored checks weighted by severity (error 3, warning 1; info
 * checks are reported but not scored); the overall score is the mean of the table scores.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db, Queryable } from '../../../db/types';
import { CHECKS, type Caps, type Check, type CheckType, type Severity } from './checks';

export const MAX_EXAMPLES = 50;
const WEIGHT: Record<Severity, number> = { error: 3, warning: 1, info: 0 };

export class QualityError extends Error {
  override name = 'QualityError';
}

export type CheckResult = {
  table: string;
  name: string;
  type: CheckType;
  severity: Severity;
  description: string;
  checked: number;
  failed: number;
  passed: boolean;
  score: number | null;
  examples: Record<string, unknown>[];
  skipped?: string;
};

export type QualityResult = {
  runId: string;
  durationMs: number;
  overallScore: number | null;
  tableScores: Record<string, number | null>;
  checks: CheckResult[];
};

export type QualityOptions = { db: Db; log?: (line: string) => void; onProgress?: (p: { check: string; index: number; total: number }) => void };

async function existing(db: Queryable): Promise<Set<string>> {
  const r = await db.query<{ t: string }>(
    `SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema IN ('raw', 'core')`,
  );
  return new Set(r.rows.map((x) => x.t));
}

async function runCheck(db: Queryable, c: Check, tables: ReadonlySet<string>, caps: Caps): Promise<CheckResult> {
  const base = { table: c.table, name: c.name, type: c.type, severity: c.severity, description: c.description };
  const missing = c.needs.filter((t) => !tables.has(t));
  if (missing.length > 0) {
    return { ...base, checked: 0, failed: 0, passed: true, score: null, examples: [], skipped: `${missing.join(', ')} not there yet (run revops sync all, then revops transform)` };
  }
  const r = await db.query<{ checked: number; failed: number; examples: Record<string, unknown>[] }>(
    `WITH r AS (${typeof c.rows === 'string' ? c.rows : c.rows(caps)})
     SELECT count(*)::int AS checked, count(*) FILTER (WHERE NOT r.ok)::int AS failed,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('key', e.key) || coalesce(e.detail, '{}'::jsonb) ORDER BY e.key), '[]'::jsonb)
          FROM (SELECT key, detail FROM r WHERE NOT r.ok ORDER BY key LIMIT ${MAX_EXAMPLES}) e) AS examples
     FROM r`,
  );
  const row = r.rows[0] ?? { checked: 0, failed: 0, examples: [] };
  const checked = Number(row.checked);
  const failed = Number(row.failed);
  return { ...base, checked, failed, passed: failed === 0, score: checked === 0 ? null : round2((100 * (checked - failed)) / checked), examples: row.examples ?? [] };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function scoreTables(checks: readonly CheckResult[]): { tableScores: Record<string, number | null>; overallScore: number | null } {
  const byTable = new Map<string, { w: number; sum: number }>();
  for (const c of checks) {
    const acc = byTable.get(c.table) ?? { w: 0, sum: 0 };
    const w = WEIGHT[c.severity];
    if (c.score !== null && w > 0) {
      acc.w += w;
      acc.sum += w * c.score;
    }
    byTable.set(c.table, acc);
  }
  const tableScores: Record<string, number | null> = {};
  for (const [t, { w, sum }] of [...byTable.entries()].sort(([a], [b]) => a.localeCompare(b))) tableScores[t] = w > 0 ? round2(sum / w) : null;
  const scored = Object.values(tableScores).filter((s): s is number => s !== null);
  return { tableScores, overallScore: scored.length > 0 ? round2(scored.reduce((a, b) => a + b, 0) / scored.length) : null };
}

export async function runQuality(opts: QualityOptions): Promise<QualityResult> {
  const { db } = opts;
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const tables = await existing(db);
  if (![...tables].some((t) => t.startsWith('raw.'))) throw new QualityError('Nothing to check: the raw layer is empty. Run `revops sync all`, then `revops transform`.');
  const coreRows = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM core.odoo_opportunities) + (SELECT count(*) FROM core.ace_opportunities) + (SELECT count(*) FROM core.aws_accounts) AS n');
  if (Number(coreRows.rows[0]?.n ?? 0) === 0) log('Core is empty: only raw checks can run. Run `revops transform` first for the full picture.');
  const trgm = await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
  const caps: Caps = { trgm: trgm.rowCount > 0 };
  const runId = randomUUID();
  const checks: CheckResult[] = [];
  for (const [i, c] of CHECKS.entries()) {
    opts.onProgress?.({ check: `${c.table} ${c.name}`, index: i, total: CHECKS.length });
    try {
      checks.push(await runCheck(db, c, tables, caps));
    } catch (err) {
      // A check that cannot run (e.g. a source column renamed) is reported, not fatal for the others.
      const why = err instanceof Error ? err.message : String(err);
      checks.push({ table: c.table, name: c.name, type: c.type, severity: c.severity, description: c.description, checked: 0, failed: 0, passed: false, score: null, examples: [], skipped: `error: ${why}` });
    }
  }
  const { tableScores, overallScore } = scoreTables(checks);
  const durationMs = Math.round(performance.now() - started);
  await db.transaction(async (tx) => {
    const ctx = await tx.query<{ batch: string | null; job: string | null }>(
      `SELECT (SELECT last_batch_id FROM core.transform_state WHERE name = 'core')::text AS batch,
              (SELECT job_id FROM ops.sync_jobs WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1)::text AS job`,
    );
    const { batch = null, job = null } = ctx.rows[0] ?? {};
    await tx.query(
      `INSERT INTO ops.data_quality_runs (run_id, finished_at, duration_ms, overall_score, table_scores, checks_run, checks_failed, transform_batch_id, sync_job_id)
       VALUES ($1, now(), $2, $3, $4::jsonb, $5, $6, $7, $8)`,
      [runId, durationMs, overallScore, JSON.stringify(tableScores), checks.filter((c) => !c.skipped).length, checks.filter((c) => !c.passed).length, batch, job],
    );
    await tx.query(
      `INSERT INTO ops.data_quality_checks (run_id, sync_job_id, table_name, check_name, check_type, check_description, severity, passed, records_checked,
         records_passed, records_failed, score, failure_details)
       SELECT $1, $2, x.table_name, x.check_name, x.check_type, x.check_description, x.severity, x.passed, x.checked, x.checked - x.failed, x.failed, x.score, x.details
       FROM jsonb_to_recordset($3::jsonb) AS x(table_name text, check_name text, check_type text, check_description text, severity text, passed boolean,
         checked int, failed int, score numeric, details jsonb)`,
      [runId, job, JSON.stringify(checks.map((c) => ({
        table_name: c.table, check_name: c.name, check_type: c.type, check_description: c.description, severity: c.severity, passed: c.passed,
        checked: c.checked, failed: c.failed, score: c.score, details: c.skipped ? { skipped: c.skipped } : c.failed > 0 ? { examples: c.examples, examples_shown: c.examples.length } : null,
      })))],
    );
  });
  log(`Quality run ${runId.slice(0, 8)}: ${checks.length} checks, overall score ${overallScore ?? 'n/a'} (${(durationMs / 1000).toFixed(1)} s)`);
  return { runId, durationMs, overallScore, tableScores, checks };
}
