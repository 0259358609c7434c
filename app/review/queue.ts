/**
 * The review queue's pure logic, shared by the warehouse service (decision:list filters) and the renderer
 * (instant filtering of the loaded queue): score bands, filters, and the queue order.
 *
 * Invariants:
 * - Bands are on the matcher's probability of the current match or proposal: high ≥ 0.9, medium ≥ 0.5,
 *   low below; 'none' = no candidate at all (no probability).
 * - The order is "needs review first", then the rest by state, each group by ACE id, so j/k walks the
 *   work in a stable order and an approved item leaves the top group without reshuffling the others.
 */
import type { DecisionListItem, QueueFilter, ScoreBand } from '../contract';

export const BAND_LABELS: Record<ScoreBand, string> = { high: 'High ≥ 90%', medium: 'Medium 50–90%', low: 'Low < 50%', none: 'No candidate' };

export function scoreBand(p: number | null | undefined): ScoreBand {
  if (p === null || p === undefined) return 'none';
  if (p >= 0.9) return 'high';
  if (p >= 0.5) return 'medium';
  return 'low';
}

const STATE_ORDER: Record<DecisionListItem['state'], number> = { needs_review: 0, auto_approve: 1, auto_reject: 2, approved: 3, rejected: 4 };

/** Queue order: needs review first, then auto-approved, auto-rejected, approved, rejected; by ACE id within. */
export function compareQueue(a: DecisionListItem, b: DecisionListItem): number {
  return STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.aceId < b.aceId ? -1 : a.aceId > b.aceId ? 1 : 0);
}

export type QueueFilterWithState = QueueFilter & { state?: DecisionListItem['state'] | undefined };

/** A predicate for the filters that are set (unset = no constraint). */
export function queuePredicate(f: QueueFilterWithState): (item: DecisionListItem) => boolean {
  const q = f.q?.trim().toLowerCase() ?? '';
  return (item) => {
    if (f.state && item.state !== f.state) return false;
    if (f.band && scoreBand(item.matchProbability) !== f.band) return false;
    if (f.stage && item.stage !== f.stage) return false;
    if (f.owner && item.owner !== f.owner) return false;
    if (q) {
      const hay = [item.aceId, item.customerName, item.odooName, item.owner, item.odooId == null ? null : `#${item.odooId}`];
      if (!hay.some((h) => h != null && h.toLowerCase().includes(q))) return false;
    }
    return true;
  };
}

/** Distinct non-empty values of a column, sorted, for the filter menus. */
export function distinctValues(items: readonly DecisionListItem[], pick: (i: DecisionListItem) => string | null | undefined): string[] {
  const seen = new Set<string>();
  for (const i of items) {
    const v = pick(i);
    if (v) seen.add(v);
  }
  return [...seen].sort((a, b) => a.localeCompare(b));
}
