/**
 * Matches two tables with the ACE ↔ Odoo engine (app/match/engine.ts: blocking, Fellegi–Sunter comparisons
 * with m/u estimated by EM from the data, assignment). No labels are involved anywhere.
 *
 * The decision: a left row is matched to the right row(s) the engine assigns it when the engine's
 * calibrated probability of that assignment is at least 0.5 — more likely a match than not, under the
 * model fitted to these two tables (the Bayes decision for equal costs; no labelled pairs are needed to
 * choose it). At most one left row keeps an automatically matched right row (the engine's claim rule).
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
  /** entity: scores are P(same entity) of the company stage; deal: the engine's full probability */
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

/** log2 odds of the company stage: its prior plus its comparisons. */
function companyBits(contributions: readonly Contribution[]): number {
  return contributions.reduce((n, c) => (c.stage === 'company' || c.id === 'company_prior' ? n + c.bits : n), 0);
}

/** Roles the engine's deal stage compares (title / workload words, dates, amounts). */
const DEAL_ROLES = new Set(['text', 'date', 'amount']);

type Scored = { leftId: string; right: string; rightId: string; score: number; bits: number; rank: number; of: number; none: number; contributions: readonly Contribution[]; engineMatch: boolean; conflict: string | null };

/**
 * Which pairs are matches. Deal mode (the tables carry deal fields): the engine's own assignment at
 * DECISION_THRESHOLD. Entity mode (names, domains, e-mails, accounts, countries, people only): the deal
 * stage has nothing to weigh, so its mixture weight π stays at its starting value and would halve every
 * probability; the score is then the company-stage Fellegi–Sunter posterior P(same entity), and a left
 * row's best candidate is a match when that posterior reaches DECISION_THRESHOLD and no other left row
 * holds the same right row with a higher one (one-to-one, like the engine's claim rule).
 */
function decide(scored: Scored[], entityMode: boolean): Set<Scored> {
  const out = new Set<Scored>();
  if (!entityMode) {
    for (const s of scored) if (s.engineMatch) out.add(s);
    return out;
  }
  // Greedy one-to-one on the evidence (bits; the posterior saturates near 1): strongest pairs first.
  const usedLeft = new Set<string>();
  const usedRight = new Set<string>();
  const eligible = scored.filter((s) => s.score >= DECISION_THRESHOLD).sort((a, b) => b.bits - a.bits || a.leftId.localeCompare(b.leftId) || a.rightId.localeCompare(b.rightId));
  for (const s of eligible) {
    if (usedLeft.has(s.leftId) || usedRight.has(s.right)) continue;
    usedLeft.add(s.leftId);
    usedRight.add(s.right);
    out.add(s);
  }
  return out;
}

export function matchTables(left: TableRows, right: TableRows): MatchTablesResult {
  const aces = left.rows.map((row, i) => leftInput(left.ids[i]!, row, left.index));
  const odoo = right.rows.map((row, i) => rightInput(i + 1, row, right.index));
  const entityMode = ![...left.index.keys(), ...right.index.keys()].some((r) => DEAL_ROLES.has(r));
  const { results, stats } = runEngine(odoo, aces, {
    thresholds: { autoAccept: DECISION_THRESHOLD, autoNoMatch: DECISION_THRESHOLD },
    keep: Number.MAX_SAFE_INTEGER,
  });
  const scored: Scored[] = [];
  for (const r of results) {
    const a = r.assignment;
    for (const c of r.candidates) {
      scored.push({
        leftId: r.ace,
        right: c.odoo,
        rightId: right.ids[Number(c.odoo) - 1]!,
        score: entityMode ? c.company : c.p,
        bits: entityMode ? companyBits(c.contributions) : c.weight,
        rank: c.rank,
        of: r.candidateCount,
        none: r.none,
        contributions: entityMode ? c.contributions.filter((x) => x.stage === 'company') : c.contributions,
        engineMatch: a.status === 'matched' && a.odoo.includes(c.odoo),
        conflict: a.status === 'review' && a.conflict?.odoo === c.odoo ? a.conflict.ace : null,
      });
    }
  }
  if (entityMode) {
    // Rank each left row's candidates by the company-stage evidence (the engine ranked them by the full probability).
    const byLeft = new Map<string, Scored[]>();
    for (const s of scored) byLeft.set(s.leftId, [...(byLeft.get(s.leftId) ?? []), s]);
    for (const list of byLeft.values()) list.sort((a, b) => b.bits - a.bits || a.rank - b.rank).forEach((s, i) => (s.rank = i + 1));
    scored.sort((a, b) => (a.leftId === b.leftId ? a.rank - b.rank : 0));
  }
  const matches = decide(scored, entityMode);
  const claimedBy = new Map([...matches].map((s) => [s.right, s.leftId]));
  const pairs = scored.map((s): PairRow => {
    const match = matches.has(s);
    const holder = s.conflict ?? (claimedBy.get(s.right) !== s.leftId ? (claimedBy.get(s.right) ?? null) : null);
    const decision = match
      ? `match (rank ${s.rank} of ${s.of})`
      : holder && s.score >= DECISION_THRESHOLD
        ? `no match: the right row is matched to left ${holder} on stronger evidence`
        : `no match (rank ${s.rank} of ${s.of})`;
    return { leftId: s.leftId, rightId: s.rightId, score: s.score, match, explanation: explain(s.score, s.contributions, decision) };
  });
  const matchedLeft = new Set([...matches].map((s) => s.leftId)).size;
  const withCandidates = results.filter((r) => r.candidates.length > 0).length;
  return { pairs, matched: matchedLeft, withCandidates, mode: entityMode ? 'entity' : 'deal', stats: { left: stats.ace, right: stats.odoo, pairs: stats.pairs } };
}
