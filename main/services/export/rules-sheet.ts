/**
 * The Rules sheet: every rule of every program version of the rule sets the exported decisions were made
 * with (ops.rule_sets keeps each set's resolved content by hash), with its parameters and texts, so the
 * workbook explains itself even after the rule files changed.
 */
import type { ResolvedRule, ResolvedRuleSet } from '../../../app/rules';
import type { Column } from './columns';
import { day } from './columns';
import type { StoredRuleSetRow } from './read';

export type RuleRow = {
  hash: string;
  tenant: string;
  ruleSetId: string;
  files: string;
  version: string;
  from: string;
  to: string | null;
  rule: ResolvedRule;
};

/**
 * The rule columns of the Decisions sheet: the newest rule set's latest program version first (its
 * order), then any rule only older versions or sets had — every rule id a decision's results can carry.
 */
export function ruleOrder(sets: readonly StoredRuleSetRow[]): string[] {
  const ids = sets.flatMap((s) => [...((s.content as ResolvedRuleSet).versions ?? [])].reverse().flatMap((v) => v.rules.map((r) => r.id)));
  return [...new Set(ids)];
}

const paramText = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));

export function ruleRows(sets: readonly StoredRuleSetRow[]): RuleRow[] {
  const out: RuleRow[] = [];
  for (const s of sets) {
    const content = s.content as ResolvedRuleSet;
    for (const v of content.versions ?? []) {
      for (const rule of v.rules) {
        out.push({ hash: s.rule_set_hash, tenant: s.tenant, ruleSetId: s.rule_set_id, files: s.files.map((f) => f.path).join(' + '), version: v.id, from: v.from, to: v.to, rule });
      }
    }
  }
  return out;
}

export const ruleColumns: Column<RuleRow>[] = [
  { header: 'Rule set', kind: 'text', value: (r) => r.hash.slice(0, 12) },
  { header: 'Tenant', kind: 'text', value: (r) => r.tenant },
  { header: 'Rule set id', kind: 'text', value: (r) => r.ruleSetId },
  { header: 'Files', kind: 'text', value: (r) => r.files },
  { header: 'Program version', kind: 'text', value: (r) => r.version },
  { header: 'Effective from', kind: 'date', value: (r) => day(r.from) },
  { header: 'Effective to', kind: 'date', value: (r) => day(r.to) },
  { header: 'Rule', kind: 'text', value: (r) => r.rule.id },
  { header: 'Title', kind: 'text', value: (r) => r.rule.title },
  { header: 'Severity', kind: 'text', value: (r) => r.rule.severity },
  { header: 'Enabled', kind: 'text', value: (r) => (r.rule.enabled === false ? 'no' : 'yes') },
  { header: 'Parameters', kind: 'long', value: (r) => Object.entries(r.rule.parameters ?? {}).map(([k, v]) => `${k}: ${paramText(v)}`).join('; ') || null },
  { header: 'Condition', kind: 'long', value: (r) => r.rule.condition },
  { header: 'Pass text', kind: 'long', value: (r) => r.rule.explain.pass },
  { header: 'Fail text', kind: 'long', value: (r) => r.rule.explain.fail },
  { header: 'Unknown text', kind: 'long', value: (r) => r.rule.explain.unknown },
  {
    header: 'Defined in',
    kind: 'text',
    value: (r) => {
      const o = r.rule.origins?.rule;
      return o ? `${o.file}${o.line ? `:${o.line}` : ''}` : null;
    },
  },
];
