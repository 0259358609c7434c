/**
 * Assignment: one decision per ACE opportunity from its scored candidates.
 *
 * Rules:
 * - An ACE opportunity maps to at most one Odoo opportunity — except when the best candidate has siblings
 *   that are the same deal in Odoo: phases of one deal ("… (Phase 1)" / "… (Phase 2)", spec §4.4 phased
 *   deals) or an un-merged duplicate: same customer, created within 120 days, and the same title (phase
 *   numbers aside) or the same expected revenue. Those are linked together and decided on their summed
 *   probability.
 * - `matched` when that probability reaches `autoAccept`; `no_match` when P(none) reaches `autoNoMatch`;
 *   otherwise `review` with the best candidate proposed.
 * - An analyst decision wins over the model and keeps its target (a stable cross-reference).
 *
 * Invariant: pure; candidates are ranked by probability, ties by Odoo id, so re-runs give the same result.
 */
import { asciiFold, nameTokens } from '../normalize';

export type MatchThresholds = { autoAccept: number; autoNoMatch: number };

export const DEFAULT_THRESHOLDS: MatchThresholds = { autoAccept: 0.9, autoNoMatch: 0.9 };

export type AssignCandidate = { odoo: string; p: number; leadName: string; companyId: string | null; created: number | null; revenue?: number | null };

export type AnalystDecision = { decision: 'accept'; odoo: string } | { decision: 'no_match' };

export type Assignment = {
  status: 'matched' | 'review' | 'no_match';
  decidedBy: 'auto' | 'analyst' | null;
  /** linked Odoo opportunities, primary first (empty for no_match; the proposal for review) */
  odoo: string[];
  /** why more than one is linked */
  linkKind: 'single' | 'phases' | 'duplicate' | null;
  probability: number;
  none: number;
  /** review because another ACE opportunity claims the same Odoo opportunity more strongly */
  conflict?: { odoo: string; ace: string };
};

const PHASE = /\b(phase|phasen|part|teil|wave|stage|lot)\s*\d+\b/gi;

function titleKey(name: string): string {
  return nameTokens(asciiFold(name.replace(PHASE, ' '))).join(' ');
}

function isPhase(name: string): boolean {
  PHASE.lastIndex = 0;
  return PHASE.test(name);
}

const DAY = 86_400_000;

/** Candidates ranked best first (probability, then Odoo id for stable ties). */
export function rankCandidates<T extends { odoo: string; p: number }>(cands: readonly T[]): T[] {
  return [...cands].sort((a, b) => b.p - a.p || a.odoo.localeCompare(b.odoo, 'en', { numeric: true }));
}

export function assign(cands: readonly AssignCandidate[], none: number, t: MatchThresholds, analyst?: AnalystDecision): Assignment {
  if (analyst?.decision === 'no_match') return { status: 'no_match', decidedBy: 'analyst', odoo: [], linkKind: null, probability: 0, none };
  if (analyst?.decision === 'accept') {
    const c = cands.find((x) => x.odoo === analyst.odoo);
    return { status: 'matched', decidedBy: 'analyst', odoo: [analyst.odoo], linkKind: 'single', probability: c?.p ?? 1, none };
  }
  const ranked = rankCandidates(cands);
  const best = ranked[0];
  if (!best) return { status: 'no_match', decidedBy: 'auto', odoo: [], linkKind: null, probability: 0, none: 1 };
  const group = [best];
  let kind: Assignment['linkKind'] = 'single';
  if (best.companyId) {
    const key = titleKey(best.leadName);
    for (const c of ranked.slice(1)) {
      if (c.companyId !== best.companyId || best.created == null || c.created == null || Math.abs(best.created - c.created) > 120 * DAY) continue;
      const sameTitle = key !== '' && titleKey(c.leadName) === key;
      const sameValue = best.revenue != null && best.revenue > 0 && c.revenue === best.revenue;
      if (!sameTitle && !sameValue) continue;
      const phases = isPhase(best.leadName) && isPhase(c.leadName) && best.leadName !== c.leadName;
      const dup = !phases;
      if (phases || dup) {
        group.push(c);
        kind = phases ? 'phases' : 'duplicate';
      }
    }
  }
  const probability = Math.min(1, group.reduce((s, c) => s + c.p, 0));
  const odoo = group.map((c) => c.odoo);
  if (probability >= t.autoAccept) return { status: 'matched', decidedBy: 'auto', odoo, linkKind: kind, probability, none };
  if (none >= t.autoNoMatch) return { status: 'no_match', decidedBy: 'auto', odoo: [], linkKind: null, probability, none };
  return { status: 'review', decidedBy: null, odoo, linkKind: kind, probability, none };
}
