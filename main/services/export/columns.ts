/**
 * Column definitions shared by the workbook and the CSV: a header, a kind (which decides the cell type,
 * number format, fill and CSV rendering) and how to read the value from a row. The Decisions sheet has
 * one column per rule after its fixed columns.
 *
 * Values are typed: numbers stay numbers (currency, percentages), days and times are Dates (UTC), AWS
 * account ids stay text (12 digits with leading zeros). null = empty cell.
 */
import type { RuleResult } from '../../../app/rules';
import type { ExportDecision } from './read';

export type Kind = 'text' | 'long' | 'int' | 'currency' | 'percent' | 'date' | 'month' | 'datetime' | 'state' | 'rule';
export type CellValue = string | number | Date | null;
export type Column<T> = { header: string; kind: Kind; value: (row: T) => CellValue };

/** 'YYYY-MM-DD' → that day at 00:00 UTC (Excel shows the day, whatever the reader's time zone). */
export function day(s: string | null | undefined): Date | null {
  if (!s || !/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
  return new Date(`${s.slice(0, 10)}T00:00:00Z`);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const STATE_LABEL: Record<ExportDecision['state'], string> = {
  auto_approve: 'auto-approve',
  needs_review: 'needs review',
  auto_reject: 'auto-reject',
  approved: 'approved',
  rejected: 'rejected',
};

function account(d: ExportDecision): string | null {
  const f = d.facts;
  if (f.aws_account_id) return f.aws_account_id;
  return f.aws_account_ids.length > 0 ? f.aws_account_ids.join(', ') : (f.aws_account_raw ?? null);
}

export function decisionColumns(ruleIds: readonly string[]): Column<ExportDecision>[] {
  const fixed: Column<ExportDecision>[] = [
    { header: 'ACE opportunity', kind: 'text', value: (d) => d.aceId },
    { header: 'ACE customer', kind: 'text', value: (d) => d.facts.customer_name },
    { header: 'Odoo customer', kind: 'text', value: (d) => d.odooCustomer },
    { header: 'AWS account', kind: 'text', value: account },
    { header: 'Odoo opportunity id', kind: 'int', value: (d) => num(d.facts.matched_odoo_id) },
    { header: 'Odoo opportunity', kind: 'text', value: (d) => d.facts.matched_odoo_name },
    { header: 'Match', kind: 'text', value: (d) => d.facts.match_status },
    { header: 'Confidence', kind: 'percent', value: (d) => num(d.facts.match_confidence) },
    { header: 'Decision', kind: 'state', value: (d) => STATE_LABEL[d.state] },
    { header: 'Automatic outcome', kind: 'state', value: (d) => STATE_LABEL[d.outcome] },
    { header: 'Decided by', kind: 'text', value: (d) => (d.stale ? `${d.decidedBy} (on an older decision)` : d.decidedBy) },
    { header: 'Decided at (UTC)', kind: 'datetime', value: (d) => d.decidedAt },
    { header: 'Reason', kind: 'long', value: (d) => d.reason },
    { header: 'ACE stage', kind: 'text', value: (d) => d.facts.stage },
    { header: 'Target close', kind: 'date', value: (d) => day(d.facts.target_close_date) },
    { header: 'Spend month', kind: 'text', value: (d) => d.facts.spend_month },
    { header: 'Prior-month gross spend', kind: 'currency', value: (d) => num(d.facts.prior_month_gross_spend) },
    { header: 'Customer prior-month gross spend', kind: 'currency', value: (d) => num(d.facts.customer_prior_month_gross_spend) },
    { header: 'Program version', kind: 'text', value: (d) => d.programVersion },
    { header: 'As of', kind: 'date', value: (d) => d.asOf },
  ];
  const rules: Column<ExportDecision>[] = ruleIds.map((id) => ({
    header: id,
    kind: 'rule',
    value: (d) => d.results.find((r) => r.id === id)?.status ?? null,
  }));
  return [...fixed, ...rules];
}

/** Columns before this index stay visible when scrolling right (the ACE id). */
export const DECISIONS_FROZEN_COLUMNS = 1;

const factText = (v: unknown): string => (v === null || v === undefined ? 'null' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

export type EvidenceRow = { aceId: string; state: ExportDecision['state']; rule: RuleResult };

export const evidenceColumns: Column<EvidenceRow>[] = [
  { header: 'ACE opportunity', kind: 'text', value: (e) => e.aceId },
  { header: 'Decision', kind: 'state', value: (e) => STATE_LABEL[e.state] },
  { header: 'Rule', kind: 'text', value: (e) => e.rule.id },
  { header: 'Rule title', kind: 'text', value: (e) => e.rule.title },
  { header: 'Result', kind: 'rule', value: (e) => e.rule.status },
  { header: 'Effect', kind: 'text', value: (e) => e.rule.effect },
  { header: 'Facts read', kind: 'long', value: (e) => Object.entries(e.rule.facts).map(([k, v]) => `${k} = ${factText(v)}`).join('; ') || null },
  { header: 'Explanation', kind: 'long', value: (e) => (e.rule.error ? `${e.rule.explanation} (error: ${e.rule.error})` : e.rule.explanation) },
];

export function evidenceRows(d: ExportDecision): EvidenceRow[] {
  return d.results.map((rule) => ({ aceId: d.aceId, state: d.state, rule }));
}
