/**
 * `runMatch`: ACE ↔ Odoo opportunity matching over core (app/match is the engine), results written to
 * core.match_candidates / core.match_assignments, the run and its fitted model to ops.match_runs.
 *
 * Invariants:
 * - All result rows of a run commit in ONE transaction (staged with COPY, merged set-based); a failed run
 *   leaves the previous results and records itself 'failed'.
 * - Re-running on unchanged core data and decisions writes no result row (the engine is deterministic and
 *   the merge only touches rows whose values differ).
 * - Embeddings are optional: when the semantic signal is on, ANN neighbours join the blocking and the dense /
 *   sparse similarities of every candidate pair are comparisons of the model; otherwise the run says so and
 *   matches on its other signals, exactly as without a model.
 * - Two runs never interleave (transaction-scoped advisory lock).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../../db/types';
import { copyLine } from '../../../db/copy';
import { CANDIDATE_COLUMNS, ASSIGNMENT_COLUMNS, createMatchStaging, finishMatchRun, mergeMatchStaging, startMatchRun } from '../../../db/queries/match';
import { annNeighbours } from '../../../db/queries/search';
import { semanticSignalStatus } from '../../../db/queries/search-status';
import { DEFAULT_THRESHOLDS, type MatchThresholds } from '../../../app/match/assign';
import { planEngine, type AceResult, type EngineResult } from '../../../app/match/engine';
import { explainAssignment } from '../../../app/match/explain';
import { loadInputs } from './load';
import { fetchSimilarities } from './similarities';

export class MatchError extends Error {
  override name = 'MatchError';
}

export type MatchOptions = { db: Db; log?: (line: string) => void; thresholds?: MatchThresholds; keep?: number; semanticK?: number };

export type MatchResult = {
  runId: string;
  durationMs: number;
  ace: number;
  odoo: number;
  candidatePairs: number;
  withCandidates: number;
  matched: number;
  review: number;
  noMatch: number;
  rowsWritten: number;
  semantic: { on: boolean; reason: string };
  blocking: Record<string, number>;
  model: EngineResult['model'];
  thresholds: MatchThresholds;
};

const LOCK_KEY = 7_262_011_406;

const round = (x: number, d = 6): number => Math.round(x * 10 ** d) / 10 ** d;

async function* copyText(lines: Iterable<string>): AsyncIterable<string> {
  let buf = '';
  for (const l of lines) {
    buf += l + '\n';
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

function candidateLines(results: readonly AceResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    for (const c of r.candidates) {
      out.push(copyLine([r.ace, Number(c.odoo), c.rank, round(c.p, 9), round(c.company, 9), round(c.weight, 4), c.keys, JSON.stringify(c.levels),
        JSON.stringify(c.contributions.map((x) => ({ id: x.id, label: x.label, stage: x.stage, level: x.level, bits: round(x.bits, 4) })))]));
    }
  }
  return out;
}

function assignmentLines(results: readonly AceResult[], names: ReadonlyMap<string, string>): string[] {
  return results.map((r) => {
    const a = r.assignment;
    const best = r.candidates.find((c) => c.odoo === a.odoo[0]) ?? r.candidates[0];
    const text = explainAssignment(a, best?.contributions, a.odoo[0] ? (names.get(a.odoo[0]) ?? null) : null);
    return copyLine([r.ace, a.status, a.decidedBy, a.odoo[0] ? Number(a.odoo[0]) : null, a.odoo.map(Number), a.linkKind, round(a.probability, 9), round(a.none, 9),
      r.candidateCount, text, a.conflict ? JSON.stringify(a.conflict) : null]);
  });
}

export async function runMatch(opts: MatchOptions): Promise<MatchResult> {
  const { db } = opts;
  const log = opts.log ?? (() => {});
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const started = performance.now();
  const runId = randomUUID();
  const ace = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM core.ace_opportunities');
  const odooN = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM core.odoo_opportunities');
  if ((ace.rows[0]?.n ?? 0) === 0 || (odooN.rows[0]?.n ?? 0) === 0) {
    throw new MatchError('Nothing to match: core has no ACE or no Odoo opportunities. Run `revops sync all` and `revops transform` first.');
  }
  await startMatchRun(db, runId, thresholds);
  try {
    const inputs = await loadInputs(db);
    log(`Match run ${runId.slice(0, 8)}: ${inputs.ace.length} ACE × ${inputs.odoo.length} Odoo opportunities, ${inputs.decisions.size} analyst decision(s)`);
    const status = await semanticSignalStatus(db).catch((err: unknown) => ({ on: false, reason: `semantic signal unavailable: ${(err as Error).message}`, modelId: null }));
    let semantic: Map<string, string[]> | undefined;
    if (status.on && status.modelId) {
      const k = opts.semanticK ?? 20;
      const t1 = performance.now();
      semantic = await annNeighbours(db, {
        model: status.modelId, kind: 'identity', k, sourceIds: inputs.ace.map((a) => a.sourceId),
        onChunk: (done, total) => { if (done < total) log(`  ANN neighbours: ${done}/${total} ACE opportunities`); },
      });
      let n = 0;
      for (const list of semantic.values()) n += list.length;
      log(`  semantic signal on (${status.modelId}): ${n} ANN neighbours (top ${k}) in ${Math.round(performance.now() - t1)} ms`);
    } else log(`  semantic signal off: ${status.reason}`);
    const t0 = performance.now();
    const plan = planEngine(inputs.odoo, inputs.ace, { thresholds, keep: opts.keep ?? 20, decisions: inputs.decisions, semantic });
    let similarities: Awaited<ReturnType<typeof fetchSimilarities>> | undefined;
    if (semantic && status.modelId) {
      const t1 = performance.now();
      similarities = await fetchSimilarities(db, status.modelId, plan.pairs, inputs.ace.map((a) => a.sourceId), inputs.odoo.map((o) => String(o.sourceId)));
      const withVectors = similarities.pairs.filter((x) => x.dense !== null).length;
      log(`  embedding similarities of ${plan.pairs.length} candidate pairs (${withVectors} with both vectors) in ${Math.round(performance.now() - t1)} ms`);
    }
    const engine = plan.finish(similarities);
    const s = engine.stats;
    log(`  ${s.pairs} candidate pairs (${s.withCandidates} ACE with ≥ 1), EM: company ${engine.model.company.iterations} it., deal ${engine.model.deal.iterations} it. (${Math.round(performance.now() - t0)} ms)`);
    const names = new Map(inputs.odoo.map((o) => [String(o.sourceId), o.name]));
    const counts = { matched: 0, review: 0, noMatch: 0 };
    for (const r of engine.results) {
      if (r.assignment.status === 'matched') counts.matched++;
      else if (r.assignment.status === 'review') counts.review++;
      else counts.noMatch++;
    }
    const written = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [LOCK_KEY]);
      await createMatchStaging(tx);
      await tx.copyFromData('pg_temp.match_candidates_new', CANDIDATE_COLUMNS, copyText(candidateLines(engine.results)));
      await tx.copyFromData('pg_temp.match_assignments_new', ASSIGNMENT_COLUMNS, copyText(assignmentLines(engine.results, names)));
      return mergeMatchStaging(tx, runId);
    });
    const durationMs = Math.round(performance.now() - started);
    const model = {
      company: { lambda: engine.model.company.lambda, iterations: engine.model.company.iterations, converged: engine.model.company.converged, comparisons: engine.model.company.comparisons },
      deal: engine.model.deal,
      calibration: engine.calibration,
    };
    await finishMatchRun(db, runId, {
      status: 'succeeded', semantic: status.on, semanticReason: status.reason, model, blocking: { ...s.byKey, randomPairs: s.randomPairs, withCandidates: s.withCandidates },
      aceCount: s.ace, odooCount: s.odoo, candidatePairs: s.pairs, matched: counts.matched, review: counts.review, noMatch: counts.noMatch,
      rowsWritten: written.candidates + written.assignments, durationMs,
    });
    log(`Match done in ${(durationMs / 1000).toFixed(1)} s: ${counts.matched} matched, ${counts.review} to review, ${counts.noMatch} no match; ${written.candidates + written.assignments} rows written.`);
    return {
      runId, durationMs, ace: s.ace, odoo: s.odoo, candidatePairs: s.pairs, withCandidates: s.withCandidates, ...counts, rowsWritten: written.candidates + written.assignments,
      semantic: { on: status.on, reason: status.reason }, blocking: s.byKey, model: engine.model, thresholds,
    };
  } catch (err) {
    await finishMatchRun(db, runId, { status: 'failed', durationMs: Math.round(performance.now() - started), error: (err as Error).message }).catch(() => undefined);
    throw err;
  }
}
