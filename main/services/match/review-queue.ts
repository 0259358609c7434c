/**
 * The review queue's match columns on decision:list items (ACE stage and owner, the match status,
 * probability and Odoo opportunity), read in one query for the whole list, and its filters
 * (app/review/queue.ts, the same predicate the renderer uses on the loaded queue).
 */
import type { DecisionListItem, QueueFilter } from '../../../app/contract';
import { queuePredicate } from '../../../app/review/queue';
import type { Queryable } from '../../../db/types';
import { readQueueColumns } from './review-queries';

export async function withQueueColumns<T extends DecisionListItem>(db: Queryable, items: readonly T[]): Promise<T[]> {
  const cols = new Map((await readQueueColumns(db)).map((r) => [r.ace_source_id, r]));
  return items.map((i) => {
    const c = cols.get(i.aceId);
    const hasCandidate = c?.match_status != null && (c.candidate_count ?? 0) > 0;
    return {
      ...i,
      stage: c?.stage ?? null,
      owner: c?.owner ?? null,
      matchStatus: c?.match_status ?? null,
      matchProbability: hasCandidate ? Number(c.probability) : null,
      odooId: c?.odoo_source_id ?? null,
      odooName: c?.odoo_name ?? null,
    };
  });
}

export const hasQueueFilter = (f: QueueFilter): boolean => Boolean(f.band || f.stage || f.owner || f.q?.trim());

export function filterQueue<T extends DecisionListItem>(items: readonly T[], f: QueueFilter): T[] {
  return hasQueueFilter(f) ? items.filter(queuePredicate(f)) : [...items];
}
