/**
 * Rule file problems, each with where it is: file, rule id (when inside a rule) and 1-based line.
 * A load reports every problem it finds (not just the first), so `revops rules check` lists them all.
 */

export type RuleProblem = {
  file: string;
  /** the rule id, or null for file-level problems (syntax, extends, versions) */
  rule: string | null;
  /** 1-based; null when the position is unknown (e.g. a missing file) */
  line: number | null;
  message: string;
};

export function formatProblem(p: RuleProblem): string {
  const at = p.line === null ? p.file : `${p.file}:${p.line}`;
  return p.rule ? `${at}: rule '${p.rule}': ${p.message}` : `${at}: ${p.message}`;
}

/** Thrown when a rule set cannot be used; `problems` holds every error found. */
export class RuleSetError extends Error {
  override name = 'RuleSetError';
  constructor(readonly problems: readonly RuleProblem[]) {
    super(problems.length === 1 && problems[0] ? formatProblem(problems[0]) : `${problems.length} problems in the rule files:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  }
}
