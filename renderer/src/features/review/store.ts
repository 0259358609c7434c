/**
 * The review screen's state: the queue (decision:list, loaded whole and filtered here so filters and
 * j/k are instant), the selection, the detail of the selected opportunity (decision:explain +
 * match:candidates, cached and prefetched for the next item), analyst actions with an undo stack, and the
 * reason the next action carries.
 *
 * Invariants:
 * - The queue order is fixed when the queue is loaded or a filter changes, never by an action: an
 *   approved item stays where it is (with its new state) so "next" is always the row below.
 * - Actions are optimistic: the row's state changes and the selection moves at once; a refused call puts
 *   the row back and shows the error. Undo re-applies the previous analyst decision or reopens.
 */
import { create } from 'zustand';
import type { DecisionListItem, QueueFilter } from '../../../../app/contract';
import { compareQueue, queuePredicate } from '../../../../app/review/queue';
import { host } from '../../host';
import type { Resource } from '../../state/resource';
import { errorOf, idle, loadResource } from '../../state/resource';
import type { Detail } from './detail-cache';
import { createDetailCache } from './detail-cache';

export type Action = 'approve' | 'reject' | 'reopen';
export type Filters = QueueFilter & { state?: DecisionListItem['state'] | undefined };
type Undo = { aceId: string; action: Action; prev: Pick<DecisionListItem, 'state' | 'by' | 'stale'> };
export type Flash = { tone: 'ok' | 'bad'; text: string } | null;

export const DEFAULT_REASON: Record<Action, string> = {
  approve: 'Match and rules checked',
  reject: 'Not eligible on review',
  reopen: 'Reopened for another look',
};

const REVIEWER_KEY = 'revops.reviewer';
const storedReviewer = (): string => {
  try {
    return window.localStorage.getItem(REVIEWER_KEY) || 'analyst';
  } catch {
    return 'analyst';
  }
};

type ReviewState = {
  queue: Resource<DecisionListItem[]>;
  /** aceId → item, for the row's live state; `order` is the visible, filtered queue */
  items: Record<string, DecisionListItem>;
  order: string[];
  filters: Filters;
  selected: string | null;
  detail: Record<string, Detail>;
  reason: string;
  reviewer: string;
  undo: Undo[];
  flash: Flash;
  busy: number;
  load(): Promise<void>;
  setFilters(f: Partial<Filters>): void;
  select(aceId: string | null): void;
  move(delta: number): void;
  act(action: Action, aceId?: string): Promise<void>;
  undoLast(): Promise<void>;
  choose(aceId: string, odooId: number | null, reason: string): Promise<void>;
  setReason(reason: string): void;
  setReviewer(name: string): void;
  refreshDetail(aceId: string): void;
};

function visible(items: Record<string, DecisionListItem>, f: Filters): string[] {
  return Object.values(items).filter(queuePredicate(f)).sort(compareQueue).map((i) => i.aceId);
}

export const useReview = create<ReviewState>((set, get) => {
  const cache = createDetailCache((aceId, d) => set((s) => ({ detail: { ...s.detail, [aceId]: d } })));
  const selectAndPrefetch = (aceId: string | null) => {
    set({ selected: aceId });
    if (!aceId) return;
    cache.ensure(aceId);
    const { order } = get();
    const next = order[order.indexOf(aceId) + 1];
    if (next) cache.ensure(next);
  };
  const patch = (aceId: string, change: Partial<DecisionListItem>) =>
    set((s) => {
      const cur = s.items[aceId];
      return cur ? { items: { ...s.items, [aceId]: { ...cur, ...change } } } : {};
    });
  const send = async (aceId: string, action: Action, reason: string) => {
    const r = await host().invoke('decision:set', { aceId, action, reason, user: get().reviewer });
    patch(aceId, { state: r.state, by: r.by, stale: false, pending: r.queued ?? false });
    cache.invalidate(aceId);
    if (get().selected === aceId) cache.ensure(aceId);
    return r;
  };

  return {
    queue: idle(),
    items: {},
    order: [],
    filters: {},
    selected: null,
    detail: {},
    reason: '',
    reviewer: storedReviewer(),
    undo: [],
    flash: null,
    busy: 0,

    async load() {
      await loadResource(get().queue, (queue) => set({ queue }), async () => {
        const list = await host().invoke('decision:list', { limit: 5000 });
        const items: Record<string, DecisionListItem> = {};
        for (const i of list.items) items[i.aceId] = i;
        const order = visible(items, get().filters);
        set({ items, order });
        cache.clear();
        const keep = get().selected;
        selectAndPrefetch(keep && items[keep] ? keep : (order[0] ?? null));
        return list.items;
      });
    },

    setFilters(f) {
      const filters = { ...get().filters, ...f };
      const order = visible(get().items, filters);
      set({ filters, order });
      const sel = get().selected;
      if (!sel || !order.includes(sel)) selectAndPrefetch(order[0] ?? null);
    },

    select: selectAndPrefetch,

    move(delta) {
      const { order, selected } = get();
      if (order.length === 0) return;
      const at = selected ? order.indexOf(selected) : -1;
      const next = order[Math.max(0, Math.min(order.length - 1, at + delta))];
      if (next && next !== selected) selectAndPrefetch(next);
    },

    async act(action, aceIdIn) {
      const aceId = aceIdIn ?? get().selected;
      const item = aceId ? get().items[aceId] : undefined;
      if (!aceId || !item) return;
      const reason = get().reason.trim() || DEFAULT_REASON[action];
      const prev = { state: item.state, by: item.by, stale: item.stale };
      // optimistic: the row shows the new state and the selection moves on before the host answers
      patch(aceId, { state: action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'needs_review', by: 'analyst', stale: false });
      set((s) => ({ undo: [...s.undo, { aceId, action, prev }].slice(-50), reason: '', busy: s.busy + 1 }));
      if (action !== 'reopen' && get().selected === aceId) get().move(1);
      try {
        const r = await send(aceId, action, reason);
        set({ flash: { tone: 'ok', text: `${aceId} ${action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'reopened'}${r.queued ? ' (offline: queued)' : ''} — “${reason}”` } });
      } catch (err) {
        patch(aceId, prev);
        set((s) => ({ undo: s.undo.filter((u) => u.aceId !== aceId || u.action !== action), flash: { tone: 'bad', text: `${aceId}: ${errorOf(err).message}` } }));
      } finally {
        set((s) => ({ busy: s.busy - 1 }));
      }
    },

    async undoLast() {
      const last = get().undo.at(-1);
      if (!last) return;
      set((s) => ({ undo: s.undo.slice(0, -1) }));
      const back: Action = last.prev.by === 'analyst' && last.prev.state === 'approved' ? 'approve' : last.prev.by === 'analyst' && last.prev.state === 'rejected' ? 'reject' : 'reopen';
      patch(last.aceId, back === 'reopen' ? { state: 'needs_review', by: 'analyst' } : last.prev);
      selectAndPrefetch(last.aceId);
      try {
        await send(last.aceId, back, `Undo of ${last.action}`);
        set({ flash: { tone: 'ok', text: `Undid ${last.action} of ${last.aceId}` } });
      } catch (err) {
        set({ flash: { tone: 'bad', text: `Undo ${last.aceId}: ${errorOf(err).message}` } });
      }
    },

    async choose(aceId, odooId, reason) {
      try {
        const r = await host().invoke('match:choose', { aceId, odooId, reason, user: get().reviewer });
        cache.invalidate(aceId);
        cache.ensure(aceId);
        const name = odooId === null ? null : (get().detail[aceId]?.candidates.data?.candidates.find((c) => c.odooId === odooId)?.name ?? null);
        patch(aceId, { matchStatus: r.status, odooId: r.odooId, odooName: name });
        set({ flash: { tone: 'ok', text: odooId === null ? `${aceId}: no Odoo match (analyst). The POD decision follows on the next decide run.` : `${aceId}: matched to Odoo #${odooId} (analyst). The POD decision follows on the next decide run.` } });
      } catch (err) {
        set({ flash: { tone: 'bad', text: `${aceId}: ${errorOf(err).message}` } });
      }
    },

    setReason: (reason) => set({ reason }),
    setReviewer(name) {
      set({ reviewer: name });
      try {
        window.localStorage.setItem(REVIEWER_KEY, name);
      } catch {
        // a private window without storage: the name lasts this session
      }
    },
    refreshDetail(aceId) {
      cache.invalidate(aceId);
      cache.ensure(aceId);
    },
  };
});
