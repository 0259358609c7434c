/**
 * `runDecide`: POD decisions for every ACE opportunity — load the rule files (base or a tenant), build the
 * facts, evaluate, and append a decision for each opportunity whose outcome, facts, rule set or program
 * version changed (ops.pod_decisions is append-only; the newest row is current).
 *
 * Invariants:
 * - Broken rule files never stop the pipeline silently and never half-apply: the run uses the tenant's
 *   last good rule set (the one of its last successful run) and says so (`fallback`); without one it fails
 *   with every problem listed.
 * - One transaction for the decisions of a run: a crash leaves the previous decisions current.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CompiledRuleSet, Decision, RuleProblem } from '../../../app/rules';
import { evaluateFacts, RuleSetError } from '../../../app/rules';
import type { ResolvedRuleSet } from '../../../app/rules';
import type { Db } from '../../../db/types';
import { copyLine } from '../../../db/copy';
import { currentDecisionKeys, lastGoodRuleSet, saveRuleSet, type NewDecision } from '../../../db/queries/decide';
import { buildFacts } from './facts';
import { compileStored, DEFAULT_TENANT, loadRuleSetFile, ruleFileFor, rulesDir, TENANT_NAME } from './rule-files';

export class DecideError extends Error {
  override name = 'DecideError';
}

export type DecideOptions = {
  db: Db;
  /** the evaluation day YYYY-MM-DD (see resolveAsOf) */
  asOf: string;
  tenant?: string;
  /** default: rulesDir() */
  rulesDir?: string;
  log?: (line: string) => void;
};

export type DecideResult = {
  runId: string;
  tenant: string;
  ruleSetHash: string;
  ruleSetFiles: string[];
  /** the rule files had problems: the run used the last good rule set */
  fallback: { problems: RuleProblem[]; usedAt: string } | null;
  asOf: string;
  opportunities: number;
  autoApprove: number;
  needsReview: number;
  autoReject: number;
  decisionsWritten: number;
  factsMs: number;
  evaluateMs: number;
  durationMs: number;
};

export type ActiveRuleSet = { compiled: CompiledRuleSet; hash: string; files: { path: string; sha256: string }[]; fallback: DecideResult['fallback'] };

export function checkTenant(tenant: string | undefined): string {
  const t = tenant ?? DEFAULT_TENANT;
  if (!TENANT_NAME.test(t)) throw new DecideError(`Bad tenant name '${t}': lower-case letters, digits, - and _ (a file rules/tenants/<name>.yaml).`);
  return t;
}

/** The tenant's rule files, or — when they have problems — its last good rule set from the warehouse. */
export async function activeRuleSet(db: Db, tenant: string, dir = rulesDir()): Promise<ActiveRuleSet> {
  try {
    const loaded = await loadRuleSetFile(ruleFileFor(dir, tenant));
    return { ...loaded, fallback: null };
  } catch (err) {
    if (!(err instanceof RuleSetError)) throw err;
    const last = await lastGoodRuleSet(db, tenant);
    if (!last) throw new DecideError(`${err.message}\nNo earlier rule set to fall back on for tenant '${tenant}': fix the rule files (\`revops rules check <file>\`).`);
    return {
      compiled: compileStored(last.content as ResolvedRuleSet),
      hash: last.rule_set_hash,
      files: last.files,
      fallback: { problems: [...err.problems], usedAt: last.used_at.toISOString() },
    };
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function runDecide(opts: DecideOptions): Promise<DecideResult> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const tenant = checkTenant(opts.tenant);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) || Number.isNaN(Date.parse(opts.asOf))) throw new DecideError(`Bad as-of date '${opts.asOf}': use YYYY-MM-DD.`);
  const db = opts.db;
  const active = await activeRuleSet(db, tenant, opts.rulesDir);
  if (active.fallback) {
    log(`rule files have ${active.fallback.problems.length} problem(s); keeping the last good rule set ${active.hash.slice(0, 12)} (used ${active.fallback.usedAt}):`);
    for (const p of active.fallback.problems) log(`  ${p.file}${p.line ? `:${p.line}` : ''}${p.rule ? ` rule '${p.rule}'` : ''}: ${p.message}`);
  }
  const runId = randomUUID();
  await saveRuleSet(db, { hash: active.hash, tenant, id: active.compiled.resolved.id, files: active.files, content: active.compiled.resolved });
  await db.query("INSERT INTO ops.decision_runs (run_id, status, tenant, rule_set_hash, as_of) VALUES ($1, 'running', $2, $3, $4)", [runId, tenant, active.hash, opts.asOf]);
  try {
    log(`decide: building facts as of ${opts.asOf}`);
    const t0 = performance.now();
    const { facts, governmentField } = await buildFacts(db, opts.asOf);
    const factsMs = Math.round(performance.now() - t0);
    if (facts.length === 0) log('decide: no ACE opportunities in core yet: run `revops sync all`, `revops transform` and `revops match` first');
    else if (!facts.some((f) => f.match_status !== 'none')) log('decide: the matcher has not run: every CRM-match rule is unknown (run `revops match`)');
    if (!governmentField) log('decide: the ACE export has no government-advising field; that rule is skipped');
    const t1 = performance.now();
    const decisions: Decision[] = facts.map((f) => evaluateFacts(active.compiled, f));
    const evaluateMs = Math.round(performance.now() - t1);
    log(`decide: ${facts.length} opportunities, facts ${factsMs} ms, rules ${evaluateMs} ms`);
    const current = await currentDecisionKeys(db, tenant);
    const rows: NewDecision[] = [];
    decisions.forEach((d, i) => {
      const f = facts[i];
      const factsHash = sha256(JSON.stringify(f));
      const cur = current.get(d.ace_id);
      if (cur && cur.facts_hash === factsHash && cur.rule_set_hash === active.hash && cur.program_version === d.program_version && cur.outcome === d.outcome) return;
      rows.push({
        decisionId: randomUUID(), aceId: d.ace_id, tenant, runId, ruleSetHash: active.hash, programVersion: d.program_version, asOf: opts.asOf,
        outcome: d.outcome, results: d.results, facts: f, factsHash,
      });
    });
    const count = (o: Decision['outcome']) => decisions.filter((d) => d.outcome === o).length;
    const written = await db.transaction(async (tx) => {
      const n = rows.length ? await tx.copyFromData('ops.pod_decisions', ['decision_id', 'ace_source_id', 'tenant', 'run_id', 'rule_set_hash', 'program_version', 'as_of', 'outcome', 'results', 'facts', 'facts_hash'], copyData(rows)) : 0;
      await tx.query(
        `UPDATE ops.decision_runs SET status = 'succeeded', finished_at = now(), opportunities = $2, auto_approve = $3, needs_review = $4, auto_reject = $5,
           decisions_written = $6, facts_ms = $7, evaluate_ms = $8, duration_ms = $9 WHERE run_id = $1`,
        [runId, decisions.length, count('auto_approve'), count('needs_review'), count('auto_reject'), n, factsMs, evaluateMs, Math.round(performance.now() - started)],
      );
      return n;
    });
    return {
      runId, tenant, ruleSetHash: active.hash, ruleSetFiles: active.files.map((f) => f.path), fallback: active.fallback, asOf: opts.asOf,
      opportunities: decisions.length, autoApprove: count('auto_approve'), needsReview: count('needs_review'), autoReject: count('auto_reject'),
      decisionsWritten: written, factsMs, evaluateMs, durationMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    await db.query("UPDATE ops.decision_runs SET status = 'failed', finished_at = now(), error = $2 WHERE run_id = $1", [runId, err instanceof Error ? err.message : String(err)]).catch(() => undefined);
    throw err;
  }
}

async function* copyData(rows: readonly NewDecision[]): AsyncIterable<string> {
  let chunk = '';
  for (const r of rows) {
    chunk += copyLine([r.decisionId, r.aceId, r.tenant, r.runId, r.ruleSetHash, r.programVersion, r.asOf, r.outcome, JSON.stringify(r.results), JSON.stringify(r.facts), r.factsHash]) + '\n';
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

