/**
 * `evaluateMatch`: the stored matcher results (core.match_assignments / core.match_candidates) against the
 * demo generator's ground truth (app/match/metrics.ts defines every figure).
 */
import type { Db } from '../../../db/types';
import { readMatchResults } from '../../../db/queries/match';
import { evaluate, type Metrics, type Prediction } from '../../../app/match/metrics';
import { openTruth, readTruth } from './truth';
import { MatchError } from './index';

export type EvalResult = Metrics & { truth: string; thresholds: unknown; run_id: string | null };

export async function evaluateMatch(opts: { db: Db; dataDir: string; databaseUrl: string | undefined }): Promise<EvalResult> {
  const run = (await opts.db.query<{ run_id: string; thresholds: unknown }>(
    "SELECT run_id, thresholds FROM ops.match_runs WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1",
  )).rows[0];
  if (!run) throw new MatchError('No matcher results to evaluate: run `revops match` first.');
  const { assignments, ranked, counts } = await readMatchResults(opts.db);
  const truth = await openTruth(opts.dataDir, opts.databaseUrl);
  let gt;
  try {
    gt = await readTruth(truth.db);
  } finally {
    await truth.db.close();
  }
  const predictions: Prediction[] = assignments.map((a) => {
    const r = ranked.get(a.ace_source_id) ?? [];
    return {
      ace: a.ace_source_id, ranked: r.map((x) => x.odoo), top1p: r[0]?.p ?? 0, candidateCount: counts.get(a.ace_source_id) ?? 0,
      status: a.status as Prediction['status'], decidedBy: a.decided_by as Prediction['decidedBy'], links: a.odoo_source_ids.map(String), probability: Number(a.probability),
    };
  });
  return { ...evaluate(gt, predictions), truth: truth.describe, thresholds: run.thresholds, run_id: run.run_id };
}
