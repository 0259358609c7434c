/** Labels and formats the review screen shares (states, match status, probabilities). */
import type { DecisionListItem } from '../../../../app/contract';

export const STATE_LABEL: Record<DecisionListItem['state'], string> = {
  needs_review: 'Needs review',
  auto_approve: 'Auto-approved',
  auto_reject: 'Auto-rejected',
  approved: 'Approved',
  rejected: 'Rejected',
};

export const STATE_TONE: Record<DecisionListItem['state'], 'ok' | 'warn' | 'bad' | 'muted'> = {
  needs_review: 'warn',
  auto_approve: 'ok',
  auto_reject: 'muted',
  approved: 'ok',
  rejected: 'bad',
};

export const STATE_ORDER: readonly DecisionListItem['state'][] = ['needs_review', 'auto_approve', 'auto_reject', 'approved', 'rejected'];

export const MATCH_LABEL = { matched: 'Matched', review: 'Proposed', no_match: 'No match' } as const;

export function pct(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  if (p >= 0.9995 && p < 1) return '>99.9%';
  if (p > 0 && p < 0.0005) return '<0.1%';
  return `${(p * 100).toFixed(1)}%`;
}

/** Whole percent for the dense queue column (the detail shows one decimal). */
export function pctShort(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  if (p >= 0.995 && p < 1) return '>99%';
  if (p > 0 && p < 0.005) return '<1%';
  return `${Math.round(p * 100)}%`;
}

/** A fact value as the rule panel shows it (JSON values as stored). */
export function factText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : v.map(factText).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '');
  return String(v);
}
