/**
 * Resolved rule set → compiled CEL programs, type-checked against the fact schema (app/rules/facts.ts) and
 * each rule's parameters. Every problem (syntax, type, unknown fact, unknown parameter, unsafe pattern,
 * bad template) is reported with file, rule and line.
 *
 * Safety: CEL has no loops, I/O or host access, and only the functions registered here exist (none are),
 * so an expression cannot read files or touch the network; structural limits bound its size and depth,
 * and `matches()` only takes a literal pattern without nested quantifiers (JS regexes backtrack).
 */
import { Environment } from '@marcbachmann/cel-js';
import type { RuleProblem } from './errors';
import { RuleSetError } from './errors';
import type { FactName } from './facts';
import { FACT_DEFS, FACT_NAMES } from './facts';
import type { ResolvedRule, ResolvedRuleSet, RuleOrigins } from './resolve';
import type { ParamValue } from './schema';
import type { Format } from './template';
import { parseTemplate } from './template';

type Ast = { op: string; args: unknown; pos?: number };
type Program = ((ctx: Record<string, unknown>) => unknown) & { ast: Ast };

export type CompiledExpr = { source: string; run: Program; facts: FactName[] };
export type CompiledTemplate = ({ text: string } | { expr: CompiledExpr; format: Format | null })[];
export type ExplainKey = 'pass' | 'fail' | 'unknown' | 'review' | 'skipped';

export type CompiledRule = {
  def: Omit<ResolvedRule, 'origins'>;
  params: Record<string, ParamValue>;
  /** the parameters as the programs receive them */
  paramsMap: Map<string, ParamValue>;
  lets: [string, CompiledExpr][];
  when: CompiledExpr | null;
  unknownWhen: CompiledExpr | null;
  condition: CompiledExpr;
  reviewWhen: CompiledExpr | null;
  explain: Partial<Record<ExplainKey, CompiledTemplate>>;
  /** the facts the rule's expressions read (what `explain` shows; a null one makes the rule unknown) */
  factsRead: FactName[];
};
export type CompiledVersion = { id: string; title: string | null; from: string; to: string | null; rules: CompiledRule[] };
export type CompiledRuleSet = { resolved: ResolvedRuleSet; versions: CompiledVersion[] };

const LIMITS = { maxAstNodes: 400, maxDepth: 40, maxListElements: 200, maxMapEntries: 100, maxCallArguments: 8 };
const FACT_SET = new Set<string>(FACT_NAMES);

let baseEnv: Environment | null = null;
function factsEnv(): Environment {
  if (!baseEnv) {
    const env = new Environment({ limits: LIMITS, homogeneousAggregateLiterals: false });
    for (const name of FACT_NAMES) env.registerVariable(name, FACT_DEFS[name].type);
    baseEnv = env;
  }
  return baseEnv;
}

function celTypeOf(v: ParamValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'boolean') return 'bool';
  return v.length > 0 && typeof v[0] === 'number' ? 'list<double>' : 'list<string>';
}

function walk(node: unknown, visit: (n: Ast) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit);
    return;
  }
  const n = node as Ast;
  if (typeof n.op !== 'string') return;
  visit(n);
  walk(n.args, visit);
}

/** A regex is refused when a quantified group contains a quantifier (catastrophic backtracking) or a backreference. */
export function unsafePattern(p: string): string | null {
  if (/\\[1-9]/.test(p)) return 'backreferences are not allowed';
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/.test(p)) return 'a repeated group that itself repeats can take exponential time';
  return null;
}

type Ctx = { problems: RuleProblem[]; rule: string; origins: RuleOrigins };

function report(c: Ctx, field: string, message: string, exprText: string | null, pos: number | null): void {
  const o = c.origins[field] ?? c.origins[field.split('.')[0] ?? ''] ?? c.origins.rule;
  let line = o?.textLine ?? o?.line ?? null;
  if (line !== null && exprText !== null && pos !== null) line += (exprText.slice(0, pos).match(/\n/g) ?? []).length;
  c.problems.push({ file: o?.file ?? '?', rule: c.rule, line, message: `${field}: ${message}` });
}

function describeCelError(err: { message?: string }, params: Record<string, ParamValue>): string {
  const first = (err.message ?? String(err)).split('\n')[0] ?? '';
  const unknownVar = /^Unknown variable: (\S+)/.exec(first);
  if (unknownVar) return `unknown fact '${unknownVar[1]}' (see the fact list: revops rules facts)`;
  const noKey = /^No such key: (\S+)/.exec(first);
  if (noKey) return `unknown parameter 'params.${noKey[1]}' (this rule's parameters: ${Object.keys(params).join(', ') || 'none'})`;
  return first;
}

/**
 * `env` type-checks (params as a typed object, so an unknown parameter is an error); `runEnv` runs (params
 * as a map: a typed object is converted on every evaluation, which costs more than the rule itself).
 */
function compileExpr(env: Environment, runEnv: Environment, c: Ctx, field: string, source: string, params: Record<string, ParamValue>, lets: Map<string, FactName[]>, want: 'bool' | null): CompiledExpr | null {
  let run: Program;
  try {
    env.parse(source);
    run = runEnv.parse(source) as unknown as Program;
  } catch (err) {
    const e = err as { message?: string; range?: { start: number }; node?: { pos?: number } };
    report(c, field, `syntax: ${describeCelError(e, params)}`, source, e.range?.start ?? e.node?.pos ?? null);
    return null;
  }
  const checked = env.check(source);
  if (!checked.valid) {
    const e = checked.error as unknown as { message?: string; range?: { start: number }; node?: { pos?: number } };
    report(c, field, describeCelError(e, params), source, e.range?.start ?? e.node?.pos ?? null);
    return null;
  }
  if (want === 'bool' && checked.type !== 'bool' && checked.type !== 'dyn') {
    report(c, field, `must be true or false, but this expression gives ${checked.type}`, source, 0);
    return null;
  }
  const facts = new Set<FactName>();
  let ok = true;
  walk(run.ast, (n) => {
    if (n.op === 'id' && typeof n.args === 'string') {
      if (FACT_SET.has(n.args)) facts.add(n.args as FactName);
      for (const f of lets.get(n.args) ?? []) facts.add(f);
    }
    if ((n.op === 'rcall' || n.op === 'call') && Array.isArray(n.args) && n.args[0] === 'matches') {
      const callArgs = (n.op === 'rcall' ? n.args[2] : n.args[1]) as Ast[] | undefined;
      const pat = callArgs?.[callArgs.length - 1];
      const why = pat?.op === 'value' && typeof pat.args === 'string' ? unsafePattern(pat.args) : 'the pattern must be a literal string';
      if (why) {
        ok = false;
        report(c, field, `matches(): ${why}`, source, n.pos ?? null);
      }
    }
  });
  return ok ? { source, run, facts: [...facts].sort() } : null;
}

function compileRule(rule: ResolvedRule, problems: RuleProblem[]): CompiledRule | null {
  const { origins, ...def } = rule;
  const c: Ctx = { problems, rule: rule.id, origins };
  const before = problems.length;
  const params = def.parameters ?? {};
  let env = factsEnv().clone();
  const schema = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, celTypeOf(v)]));
  env.registerVariable({ name: 'params', schema: Object.keys(schema).length ? schema : { _none: 'bool' } });
  let runEnv = factsEnv().clone();
  runEnv.registerVariable('params', 'map<string, dyn>');
  const letFacts = new Map<string, FactName[]>();
  const lets: [string, CompiledExpr][] = [];
  for (const [name, source] of Object.entries(def.let ?? {})) {
    if (FACT_SET.has(name) || name === 'params') {
      report(c, `let.${name}`, `'${name}' is a fact name; choose another name`, null, null);
      continue;
    }
    const e = compileExpr(env, runEnv, c, `let.${name}`, source, params, letFacts, null);
    if (!e) continue;
    const type = env.check(source).type ?? 'dyn';
    env = env.clone();
    env.registerVariable(name, type);
    runEnv = runEnv.clone();
    runEnv.registerVariable(name, runEnv.check(source).type ?? 'dyn');
    letFacts.set(name, e.facts);
    lets.push([name, e]);
  }
  const opt = (field: 'when' | 'unknown_when' | 'review_when') => (def[field] ? compileExpr(env, runEnv, c, field, def[field], params, letFacts, 'bool') : null);
  const when = opt('when');
  const unknownWhen = opt('unknown_when');
  const reviewWhen = opt('review_when');
  const condition = compileExpr(env, runEnv, c, 'condition', def.condition, params, letFacts, 'bool');
  if (def.review_when && def.severity === 'review') report(c, 'review_when', "only a rule with severity 'reject' can be downgraded to review", null, null);
  const explain: CompiledRule['explain'] = {};
  for (const [key, text] of Object.entries(def.explain) as [ExplainKey, string | undefined][]) {
    if (!text) continue;
    const tp: { message: string; offset: number }[] = [];
    const parts = parseTemplate(text, tp);
    for (const p of tp) report(c, `explain.${key}`, p.message, text, p.offset);
    const out: CompiledTemplate = [];
    for (const p of parts) {
      if ('text' in p) out.push(p);
      else {
        const e = compileExpr(env, runEnv, c, `explain.${key}`, p.expr, params, letFacts, null);
        if (e) out.push({ expr: e, format: p.format });
      }
    }
    explain[key] = out;
  }
  if (problems.length > before || !condition) return null;
  const factsRead = new Set<FactName>();
  for (const e of [when, unknownWhen, reviewWhen, condition, ...lets.map(([, x]) => x)]) for (const f of e?.facts ?? []) factsRead.add(f);
  return { def, params, paramsMap: new Map(Object.entries(params)), lets, when, unknownWhen, condition, reviewWhen, explain, factsRead: [...factsRead].sort() };
}

/** Compiles every version; throws RuleSetError with every problem (deduplicated across versions). */
export function compileRuleSet(resolved: ResolvedRuleSet): CompiledRuleSet {
  const problems: RuleProblem[] = [];
  const cache = new Map<string, CompiledRule | null>();
  const versions = resolved.versions.map((v) => ({
    ...v,
    rules: v.rules.flatMap((r) => {
      const key = JSON.stringify(r);
      if (!cache.has(key)) cache.set(key, compileRule(r, problems));
      const compiled = cache.get(key);
      return compiled ? [compiled] : [];
    }),
  }));
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const k = `${p.file}|${p.line}|${p.rule}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (unique.length > 0) throw new RuleSetError(unique);
  return { resolved, versions };
}
