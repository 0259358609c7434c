/**
 * What the analyst sees while events wait in the outbox: the warehouse's copy with the waiting events
 * on top. Only the newest analyst event decides the state (app/rules deriveState), so the waiting events
 * alone give it whenever there is one.
 */
import type { DecisionExplain, DecisionList, DecisionListItem } from '../../../app/contract';
import type { QueueFilterWithState } from '../../../app/review/queue';
import { queuePredicate } from '../../../app/review/queue';
import type { AutoOutcome } from '../../../app/rules';

/** decision:list's parsed input: the queue filters, state and paging. */
export type ListInput = QueueFilterWithState & { limit: number; offset: number };
import { deriveState } from '../../../app/rules';
import type { OutboxEntry, ReplicaRow } from './store';

const asEvent = (e: OutboxEntry) => ({ action: e.action, reason: e.reason, actor: e.actor, at: e.createdAt, decisionId: e.seenDecisionId });

/** `decisionId`: the current automatic decision as last copied (null: unknown, i.e. the one the analyst saw). */
export function overlayItem(item: DecisionListItem, decisionId: string | null, waiting: readonly OutboxEntry[]): DecisionListItem {
  const last = waiting.at(-1);
  if (!last) return item;
  const s = deriveState(item.outcome as AutoOutcome, decisionId ?? last.seenDecisionId, waiting.map(asEvent));
  return { ...item, state: s.state, by: s.by, stale: s.stale, pending: true };
}

export function overlayExplain(x: DecisionExplain, waiting: readonly OutboxEntry[]): DecisionExplain {
  if (waiting.length === 0) return x;
  const s = deriveState(x.outcome, x.decisionId, waiting.map(asEvent));
  return { ...x, state: s.state, by: s.by, stale: s.stale, events: [...x.events, ...waiting.map(asEvent)] };
}

const group = (entries: readonly OutboxEntry[]) => {
  const m = new Map<string, OutboxEntry[]>();
  for (const e of entries) m.set(e.aceId, [...(m.get(e.aceId) ?? []), e]);
  return m;
};

/** decision:list answered from the replica (state filter, counts and paging as the warehouse does them). */
export function listFromReplica(tenant: string, rows: readonly ReplicaRow[], unsettled: readonly OutboxEntry[], input: ListInput): DecisionList {
  const waiting = group(unsettled);
  const all = rows.map((r) => overlayItem(r.item, r.decisionId, waiting.get(r.aceId) ?? []));
  return pageOf(tenant, all, input);
}

/** The warehouse's full list (no filter, no paging) with the events still in the outbox on top, then filtered and paged. */
export function overlayList(full: DecisionList, decisionIds: ReadonlyMap<string, string>, unsettled: readonly OutboxEntry[], input: ListInput): DecisionList {
  const waiting = group(unsettled);
  const all = full.items.map((i) => overlayItem(i, decisionIds.get(i.aceId) ?? null, waiting.get(i.aceId) ?? []));
  return pageOf(full.tenant, all, input);
}

/** As the warehouse pages: queue filters, then counts by state, then the state filter and the page. */
function pageOf(tenant: string, items: DecisionListItem[], input: ListInput): DecisionList {
  const all = items.filter(queuePredicate({ ...input, state: undefined }));
  const counts: Record<string, number> = {};
  for (const x of all) counts[x.state] = (counts[x.state] ?? 0) + 1;
  const filtered = input.state ? all.filter((x) => x.state === input.state) : all;
  return { tenant, total: filtered.length, counts, items: filtered.slice(input.offset, input.offset + input.limit) };
}
