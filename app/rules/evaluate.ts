/**
 * Evaluates a compiled rule set on one ACE opportunity's facts and derives the decision:
 * - auto_reject: a rule failed whose (effective) severity is `reject`;
 * - needs_review: otherwise, a rule failed with severity `review`, or any rule is `unknown`;
 * - auto_approve: every rule that applies passed (skipped rules do not count).
 * Never throws on data: an expression that fails at run time makes its rule `unknown` (with the error).
 */
import type { CompiledExpr, CompiledRule, CompiledRuleSet, CompiledTemplate, CompiledVersion, ExplainKey } from './compile';
import type { FactName, PodFacts } from './facts';
import { FACT_DEFS, FACT_NAMES, toCelValue } from './facts';
import { formatValue } from './template';

export type RuleStatus = 'pass' | 'fail' | 'unknown' | 'skipped';
export type Outcome = 'auto_approve' | 'needs_review' | 'auto_reject';

export type RuleResult = {
  id: string;
  title: string;
  severity: 'reject' | 'review';
  status: RuleStatus;
  /** for a failed rule: what it does to the decision (review_when may lower reject to review); else null */
  effect: 'reject' | 'review' | null;
  /** the facts the rule read, with their values */
  facts: Partial<Record<FactName, unknown>>;
  explanation: string;
  /** run-time error of an expression (the rule is then unknown) */
  error?: string;
};

export type Decision = {
  ace_id: string;
  outcome: Outcome;
  program_version: string;
  /** the day that picked the program version */
  version_day: string;
  results: RuleResult[];
};

type Context = Record<string, unknown>;

/** The facts as CEL values (ints as BigInt); built once per opportunity, shared by its rules. */
export function celFacts(facts: PodFacts): Context {
  const out: Context = {};
  for (const name of FACT_NAMES) out[name] = toCelValue(FACT_DEFS[name].type, facts[name]);
  return out;
}

function run(e: CompiledExpr, ctx: Context): unknown {
  return e.run(ctx);
}

function render(t: CompiledTemplate | undefined, ctx: Context): string {
  if (!t) return '';
  return t.map((p) => {
    if ('text' in p) return p.text;
    try {
      return formatValue(run(p.expr, ctx), p.format);
    } catch {
      return 'unknown';
    }
  }).join('');
}

/**
 * `cel` is the opportunity's context (celFacts), shared by its rules and reused on purpose: copying ~30
 * facts per rule cost more than evaluating the rule. Each rule sets `params` and its `let` names before
 * it runs (evaluation is synchronous, so nothing interleaves).
 */
export function evaluateRule(rule: CompiledRule, facts: PodFacts, cel: Context): RuleResult {
  const read: RuleResult['facts'] = {};
  for (const f of rule.factsRead) read[f] = facts[f];
  const base = { id: rule.def.id, title: rule.def.title, severity: rule.def.severity, facts: read };
  const ctx = cel;
  ctx.params = rule.paramsMap;
  for (const [name] of rule.lets) ctx[name] = undefined;
  if (rule.def.enabled === false) return { ...base, status: 'skipped', effect: null, explanation: 'Turned off for this tenant.' };
  const missing = rule.factsRead.filter((f) => facts[f] === null);
  let status: RuleStatus;
  let effect: RuleResult['effect'] = null;
  let error: string | undefined;
  try {
    for (const [name, e] of rule.lets) if (missing.length === 0) ctx[name] = run(e, ctx);
    if (missing.length > 0) {
      status = rule.def.when_missing === 'skip' ? 'skipped' : 'unknown';
    } else if (rule.when && run(rule.when, ctx) !== true) {
      status = 'skipped';
    } else if (rule.unknownWhen && run(rule.unknownWhen, ctx) === true) {
      status = 'unknown';
    } else if (run(rule.condition, ctx) === true) {
      status = 'pass';
    } else {
      status = 'fail';
      effect = rule.def.severity === 'reject' && rule.reviewWhen && run(rule.reviewWhen, ctx) === true ? 'review' : rule.def.severity;
    }
  } catch (err) {
    status = 'unknown';
    effect = null;
    error = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  }
  const key: ExplainKey = status === 'fail' && effect === 'review' && rule.def.severity === 'reject' ? 'review' : status;
  let explanation = render(rule.explain[key] ?? (key === 'review' ? rule.explain.fail : undefined), ctx);
  if (!explanation && status === 'skipped') explanation = missing.length > 0 ? `Not applicable: ${missing.join(', ')} not in the data.` : 'Not applicable to this opportunity.';
  if (status === 'unknown' && missing.length > 0 && !rule.explain.unknown) explanation = `Unknown: ${missing.join(', ')} not in the data.`;
  return error === undefined ? { ...base, status, effect, explanation } : { ...base, status, effect, explanation: `${explanation} (could not evaluate: ${error})`, error };
}

export function decideOutcome(results: readonly RuleResult[]): Outcome {
  if (results.some((r) => r.status === 'fail' && r.effect === 'reject')) return 'auto_reject';
  if (results.some((r) => r.status === 'unknown' || r.status === 'fail')) return 'needs_review';
  return 'auto_approve';
}

/** The program version in force on `day` (YYYY-MM-DD), or null. */
export function versionOn(set: CompiledRuleSet, day: string): CompiledVersion | null {
  return set.versions.find((v) => v.from <= day && (v.to === null || day <= v.to)) ?? null;
}

export function evaluateFacts(set: CompiledRuleSet, facts: PodFacts): Decision {
  const day = set.resolved.versionDate === 'opportunity_created' ? (facts.created_date ?? facts.as_of) : facts.as_of;
  const version = versionOn(set, day);
  if (!version) {
    const results: RuleResult[] = [{
      id: 'program_version', title: 'Program version in force', severity: 'review', status: 'unknown', effect: null,
      facts: set.resolved.versionDate === 'opportunity_created' ? { created_date: facts.created_date } : { as_of: facts.as_of },
      explanation: `No program version of '${set.resolved.id}' is in force on ${day} (versions: ${set.versions.map((v) => `${v.id} ${v.from}…${v.to ?? ''}`).join(', ')}).`,
    }];
    return { ace_id: facts.ace_id, outcome: 'needs_review', program_version: '', version_day: day, results };
  }
  const cel = celFacts(facts);
  const results = version.rules.map((r) => evaluateRule(r, facts, cel));
  return { ace_id: facts.ace_id, outcome: decideOutcome(results), program_version: version.id, version_day: day, results };
}
