/**
 * Matches two tables with the ACE ↔ Odoo engine (app/match/engine.ts: blocking, Fellegi–Sunter comparisons
 * with m/u estimated by EM from the data, assignment). No labels are involved anywhere.
 *
 * The decision: a left row is matched to the right row(s) the engine assigns it when the engine's
 * calibrated probability of that assignment is at least 0.5 — more likely a match than not, under the
 * model fitted to these two tables (the Bayes decision for equal costs; no labelled pairs are needed to
 * choose it). At most one left row keeps an automatically matched right row (the engine's claim rule).
 * Tables without deal fields (names, domains, e-mails, accounts, countries, people only) use the engine's
 * entity option: one stage, P(same entity), the deal stage not used.
 *
 * Invariant: pure; the same tables give the same pairs.
 */
import type { Contribution } from '../match/model';
import { runEngine } from '../match/engine';
import { topSignals } from '../match/explain';
import { leftInput, rightInput, type ColumnIndex } from './field-map';

/** P(match) at which a pair is declared a match (see above). */
export const DECISION_THRESHOLD = 0.5;

export type TableRows = { ids: readonly string[]; rows: readonly (readonly string[])[]; index: ColumnIndex };

export type PairRow = { leftId: string; rightId: string; score: number; match: boolean; explanation: string };

export type MatchTablesResult = {
  pairs: PairRow[];
  /** left rows with a match / with at least one candidate */
  matched: number;
  withCandidates: number;
  /** entity: the engine's one-stage entity model (no deal fields); deal: its two-stage model */
  mode: 'entity' | 'deal';
  /** rows read and candidate pairs scored */
  stats: { left: number; right: number; pairs: number };
};

function pct(p: number): string {
  if (p >= 0.9995 && p < 1) return '>99.9%';
  if (p > 0 && p < 0.0005) return '<0.1%';
  return `${(p * 100).toFixed(1)}%`;
}

function signal(c: Contribution): string {
  return `${c.label.toLowerCase()} ${(c.level ?? '').replace(/_/g, ' ')} (${c.bits >= 0 ? '+' : ''}${c.bits.toFixed(1)} bits)`;
}

function explain(p: number, contributions: readonly Contribution[], decision: string): string {
  const s = topSignals(contributions);
  const why = [s.pro.length ? `for: ${s.pro.map(signal).join(', ')}` : '', s.con.length ? `against: ${s.con.map(signal).join(', ')}` : ''].filter(Boolean).join('; ');
  return `${decision} at ${pct(p)}${why ? `; ${why}` : ''}`;
}

/** Roles the engine's deal stage compares (title / workload words, dates, amounts). */
const DEAL_ROLES = new Set(['text', 'date', 'amount']);

export function matchTables(left: TableRows, right: TableRows): MatchTablesResult {
  const aces = left.rows.map((row, i) => leftInput(left.ids[i]!, row, left.index));
  const odoo = right.rows.map((row, i) => rightInput(i + 1, row, right.index));
  const entityMode = ![...left.index.keys(), ...right.index.keys()].some((r) => DEAL_ROLES.has(r));
  const { results, stats } = runEngine(odoo, aces, {
    thresholds: { autoAccept: DECISION_THRESHOLD, autoNoMatch: DECISION_THRESHOLD },
    keep: Number.MAX_SAFE_INTEGER,
    entity: entityMode,
  });
  const pairs: PairRow[] = [];
  const claimedBy = new Map<string, string>();
  for (const r of results) if (r.assignment.status === 'matched') for (const o of r.assignment.odoo) claimedBy.set(o, r.ace);
  for (const r of results) {
    const a = r.assignment;
    for (const c of r.candidates) {
      const match = a.status === 'matched' && a.odoo.includes(c.odoo);
      const holder = a.status === 'review' && a.conflict?.odoo === c.odoo ? a.conflict.ace : claimedBy.get(c.odoo) !== r.ace ? (claimedBy.get(c.odoo) ?? null) : null;
      const decision = match
        ? `match (rank ${c.rank} of ${r.candidateCount})`
        : holder && c.p >= DECISION_THRESHOLD
          ? `no match: the right row is matched to left ${holder} on stronger evidence`
          : `no match (rank ${c.rank} of ${r.candidateCount})`;
      pairs.push({ leftId: r.ace, rightId: right.ids[Number(c.odoo) - 1]!, score: c.p, match, explanation: explain(c.p, c.contributions, decision) });
    }
  }
  const matchedLeft = results.filter((r) => r.assignment.status === 'matched').length;
  const withCandidates = results.filter((r) => r.candidates.length > 0).length;
  return { pairs, matched: matchedLeft, withCandidates, mode: entityMode ? 'entity' : 'deal', stats: { left: stats.ace, right: stats.odoo, pairs: stats.pairs } };
}
