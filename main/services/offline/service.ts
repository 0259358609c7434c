/**
 * Offline work for the decision channels: when the warehouse is unreachable, decision:list,
 * decision:explain and rules:active answer from the local replica and decision:set appends to the
 * durable outbox; a flusher sends the outbox exactly once when the warehouse is back (see flush.ts), and
 * offline:status / offline:changed say where things stand.
 *
 * Invariants:
 * - Only "unreachable" (unreachable.ts) falls back; any other error reaches the caller unchanged.
 * - All background warehouse work (probe + flush, replica refresh) runs one task at a time, in order, so a
 *   refresh never copies a state older than a flush that finished before it started.
 * - An event waits in the outbox behind an earlier unsettled event of the same opportunity: events of one
 *   opportunity reach the warehouse in the order the analyst made them.
 * - While offline the warehouse is probed with exponential backoff (retry.minMs … retry.maxMs).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { DecisionExplain, InvokeChannel, InvokeOutput, OfflineConflict, OfflineQueued, OfflineStatus, ParsedInput, RulesActive } from '../../../app/contract';
import { HostError } from '../../../app/contract';
import { refuseAction } from '../../../app/rules';
import type { Db } from '../../../db/types';
import { loadSettings } from '../../config/settings';
import type { CostReads } from './cost-prefetch';
import { COST_KEYS, prefetchReviewCosts } from './cost-prefetch';
import { flushEvent } from './flush';
import { listFromReplica, overlayExplain, overlayItem, overlayList } from './local-state';
import { docKey, refreshTenant } from './replica';
import type { OfflineStore, OutboxEntry } from './store';
import { offlineStorePath, openOfflineStore } from './store';
import { isUnreachable, unreachableMessage } from './unreachable';

type Channel = 'decision:list' | 'decision:explain' | 'decision:set' | 'rules:active' | 'offline:status' | 'offline:sync' | 'offline:resolve';
type Services<C extends Channel> = { [K in C]: (input: ParsedInput<K>) => Promise<InvokeOutput<K>> };
export type DecisionChannels = Services<'decision:list' | 'decision:explain' | 'decision:set' | 'rules:active'>;

export type OfflineDeps = {
  dataDir: string;
  warehouse: () => Promise<Db>;
  /** The warehouse-backed decision channels (main/services/decide/service.ts). */
  decisions: DecisionChannels;
  /** The warehouse-backed cost reads: a refresh prefetches the cost views of the accounts under review. */
  costs?: CostReads;
  emit: (status: OfflineStatus) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  retry?: { minMs: number; maxMs: number };
};

export type OfflineService = {
  channels: Services<Channel>;
  /** Decisions may have changed in the warehouse (a pipeline or decide run finished): copy them in the background. */
  refreshSoon(): void;
  /** Wraps a read channel keyed by `keyOf`: answers are copied; when the warehouse is unreachable the copy answers. */
  cacheRead<C extends InvokeChannel>(
    channel: C,
    call: (input: ParsedInput<C>) => Promise<InvokeOutput<C>>,
    keyOf: (input: ParsedInput<C>) => string,
    /** what the answer is, for the error when it was never copied ("the match candidates of O4812093") */
    what?: (input: ParsedInput<C>) => string,
  ): (input: ParsedInput<C>) => Promise<InvokeOutput<C>>;
  /** Resolves when the background work queued so far is done. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

const WIDE = Number.MAX_SAFE_INTEGER;
const LIST_REFRESH_MS = 60_000;
const toQueued = (e: OutboxEntry): OfflineQueued => ({
  eventId: e.eventId, aceId: e.aceId, tenant: e.tenant, action: e.action, reason: e.reason, actor: e.actor, at: e.createdAt, seenState: e.seenState, lastError: e.lastError,
});

export function createOfflineService(deps: OfflineDeps): OfflineService {
  const retry = deps.retry ?? { minMs: 1000, maxMs: 30_000 };
  let storeP: Promise<OfflineStore> | null = null;
  let online: boolean | null = null;
  let checkedAt: string | null = null;
  let lastError: string | null = null;
  let flushed = 0;
  let lastFlushAt: string | null = null;
  let delay = retry.minMs;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();
  let syncQueued: Promise<void> | null = null;
  let refreshQueued: Promise<void> | null = null;
  let lastEmitted = '';
  let lastListRefresh = 0;
  const tenants = new Set<string>();

  const store = () => {
    storeP ??= openOfflineStore(deps.dataDir).catch((err: unknown) => {
      storeP = null;
      throw err;
    });
    return storeP;
  };
  /** Online paths must not fail because the local file does; they just lose the overlay. */
  const storeOrNull = () =>
    store().catch((err: unknown) => {
      deps.log('warn', `Offline store unavailable: ${(err as Error).message}`);
      return null;
    });
  const tenantOf = async (t: string | undefined) => t ?? (await loadSettings(deps.dataDir).catch(() => null))?.tenant ?? 'default';

  function statusOf(s: OfflineStore | null): OfflineStatus {
    const open = s?.unsettled() ?? [];
    const pending = open.filter((e) => e.status === 'pending');
    const conflicts: OfflineConflict[] = open.flatMap((e) => (e.status === 'conflict' && e.conflict ? [{ ...toQueued(e), ...e.conflict }] : []));
    return {
      online, checkedAt, lastError, pending: pending.length, queue: pending.slice(0, 100).map(toQueued), conflicts, flushed, lastFlushAt,
      replica: s?.replicaCounts() ?? { refreshedAt: null, decisions: 0, explanations: 0 },
    };
  }
  async function changed(): Promise<void> {
    const status = statusOf(await storeOrNull());
    const json = JSON.stringify(status);
    if (json !== lastEmitted) {
      lastEmitted = json;
      deps.emit(status);
    }
  }

  /** Runs background warehouse work one task at a time; a task's failure is logged, never thrown. */
  function work(task: () => Promise<void>): Promise<void> {
    const p = chain.then(async () => {
      if (closed) return;
      try {
        await task();
      } catch (err) {
        if (isUnreachable(err)) noteOffline(err);
        else deps.log('warn', `Offline: ${(err as Error).message}`);
      }
    });
    chain = p;
    return p;
  }

  /** `kick`: also flush and refresh now that it answers (not when the caller is that flush). */
  function noteOnline(kick = true): void {
    const was = online;
    online = true;
    lastError = null;
    checkedAt = new Date().toISOString();
    delay = retry.minMs;
    if (was === true) return;
    if (was === false) deps.log('info', 'Warehouse reachable again: sending the decisions taken offline.');
    void changed();
    if (!kick) return;
    void sync();
    void refreshSoon();
  }

  function noteOffline(err: unknown): void {
    const was = online;
    online = false;
    lastError = unreachableMessage(err);
    checkedAt = new Date().toISOString();
    if (was !== false) deps.log('warn', `Warehouse unreachable, working from the offline copy: ${lastError}`);
    void changed();
    scheduleProbe();
  }

  function scheduleProbe(): void {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void sync();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, retry.maxMs);
  }

  /** Flushes pending events in order; returns how many it settled (sent, conflict, dropped). Throws when unreachable. */
  async function flushAll(db: Db, s: OfflineStore): Promise<number> {
    const held = new Set<string>();
    let sent = 0;
    let settled = 0;
    for (const e of s.unsettled()) {
      const key = `${e.tenant}|${e.aceId}`;
      if (e.status === 'conflict' || held.has(key)) {
        held.add(key);
        continue;
      }
      let out: Awaited<ReturnType<typeof flushEvent>>;
      try {
        out = await flushEvent(db, e);
      } catch (err) {
        if (isUnreachable(err)) throw err;
        s.markFailed(e.eventId, (err as Error).message);
        held.add(key);
        continue;
      }
      const detectedAt = new Date().toISOString();
      settled += 1;
      if (out.kind === 'applied' || out.kind === 'already') {
        s.markSent(e.eventId, out.settled);
        sent += 1;
        deps.log('info', `Offline decision sent: ${e.action} ${e.aceId} by ${e.actor}${out.kind === 'already' ? ' (it was already in the warehouse)' : ''}.`);
      } else if (out.kind === 'refused' && e.force) {
        // "apply anyway" on an action that no longer applies (e.g. already approved): nothing to append
        s.resolve(e.eventId, 'discard', out.why);
        s.advance(e.tenant, e.aceId, out.settled);
      } else {
        const { why, current } = out as Extract<typeof out, { why: string }>;
        s.markConflict(e.eventId, { why, current, detectedAt });
        held.add(key);
        deps.log('warn', `Offline decision on ${e.aceId} not applied: ${why} Resolve it in the status bar.`);
      }
      await changed();
    }
    if (sent > 0) {
      flushed += sent;
      lastFlushAt = new Date().toISOString();
    }
    return settled;
  }

  /** Probe the warehouse and flush the outbox (queued behind other background work; coalesced). */
  function sync(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    syncQueued ??= work(async () => {
      syncQueued = null;
      const db = await deps.warehouse();
      await db.query('SELECT 1');
      const first = online !== true;
      noteOnline(false);
      const s = await store();
      // the copy then holds what the flush found (our events, the other analyst's event of a conflict)
      if ((await flushAll(db, s)) > 0 || first) void refreshSoon();
      await changed();
    });
    return syncQueued;
  }

  function refreshSoon(force = false): Promise<void> {
    refreshQueued ??= work(async () => {
      refreshQueued = null;
      const db = await deps.warehouse();
      const s = await store();
      tenants.add(await tenantOf(undefined));
      let copied = false;
      for (const t of tenants) copied = !(await refreshTenant(db, s, t, { force })).skipped || copied;
      // the review queue's accounts change with the decisions (and billing with the pipeline run that re-decides)
      if (deps.costs && (copied || force || !s.doc('cost:accounts', COST_KEYS.accounts()))) await prefetchReviewCosts(s, tenants, deps.costs);
      noteOnline(false);
      await changed();
    });
    return refreshQueued;
  }

  /** Runs the warehouse-backed call; on "unreachable" notes it and returns the fallback's answer. */
  async function orFallback<T>(call: () => Promise<T>, fallback: (err: unknown, s: OfflineStore) => T): Promise<T> {
    try {
      const value = await call();
      noteOnline();
      return value;
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      noteOffline(err);
      return fallback(err, await store());
    }
  }

  const notCopied = (err: unknown, what: string) =>
    new HostError({
      code: 'warehouse_unavailable',
      message: `The warehouse is unreachable (${unreachableMessage(err).replace(/\.$/, '')}), and ${what} is not in this machine's offline copy.`,
      hint: 'The app copies the review workload whenever it reaches the warehouse; reconnect once, then it works offline.',
    });

  async function enqueue(input: ParsedInput<'decision:set'>, tenant: string, eventId: string, cause: unknown): Promise<InvokeOutput<'decision:set'>> {
    const s = await store();
    const known = s.entry(eventId);
    const row = s.row(tenant, input.aceId);
    if (!row) throw notCopied(cause, `${input.aceId} (tenant '${tenant}')`);
    const waiting = s.unsettled(tenant, input.aceId);
    if (known) {
      const now = overlayItem(row.item, row.decisionId, waiting);
      return { aceId: input.aceId, state: now.state, by: now.by, eventId, queued: true };
    }
    const current = overlayItem(row.item, row.decisionId, waiting);
    const why = refuseAction({ state: current.state, by: current.by, stale: current.stale, lastEvent: null }, input.action);
    if (why) throw new HostError({ code: 'bad_input', message: `Cannot ${input.action} ${input.aceId}: ${why}.` });
    const entry = {
      eventId, tenant, aceId: input.aceId, action: input.action, reason: input.reason.trim(), actor: input.user.trim(), createdAt: new Date().toISOString(),
      seenDecisionId: row.decisionId, seenEventId: waiting.at(-1)?.eventId ?? row.lastEventId, seenState: current.state,
    };
    s.enqueue(entry);
    const next = overlayItem(row.item, row.decisionId, s.unsettled(tenant, input.aceId));
    await changed();
    scheduleProbe();
    return { aceId: input.aceId, state: next.state, by: next.by, eventId, queued: true };
  }

  const channels: Services<Channel> = {
    async 'decision:list'(input) {
      const tenant = await tenantOf(input.tenant);
      tenants.add(tenant);
      const s = await storeOrNull();
      const waiting = s?.unsettled(tenant) ?? [];
      return orFallback(
        async () => {
          if (waiting.length === 0) return deps.decisions['decision:list']({ ...input, tenant });
          const full = await deps.decisions['decision:list']({ ...input, tenant, state: undefined, limit: WIDE, offset: 0 });
          const ids = new Map((s?.rows(tenant) ?? []).map((r) => [r.aceId, r.decisionId]));
          return overlayList(full, ids, waiting, input);
        },
        (err, st) => {
          if (!st.tenant(tenant)) throw notCopied(err, `the decision list of tenant '${tenant}'`);
          return listFromReplica(tenant, st.rows(tenant), st.unsettled(tenant), input);
        },
      ).finally(() => {
        // catches decide runs made elsewhere (CLI, another analyst); throttled so a busy review screen
        // does not re-copy after every keystroke (runs, flushes and start-up refresh at once)
        if (online && Date.now() - lastListRefresh > LIST_REFRESH_MS) {
          lastListRefresh = Date.now();
          void refreshSoon();
        }
      });
    },
    async 'decision:explain'(input) {
      const tenant = await tenantOf(input.tenant);
      const key = docKey(tenant, input.aceId);
      return orFallback(
        async () => {
          const x = await deps.decisions['decision:explain']({ ...input, tenant });
          const s = await storeOrNull();
          s?.putDoc('decision:explain', key, x);
          return overlayExplain(x, s?.unsettled(tenant, input.aceId) ?? []);
        },
        (err, st) => {
          const x = st.doc<DecisionExplain>('decision:explain', key);
          if (!x) throw notCopied(err, `the explanation of ${input.aceId}`);
          return overlayExplain(x, st.unsettled(tenant, input.aceId));
        },
      );
    },
    async 'rules:active'(input) {
      const tenant = await tenantOf(input.tenant);
      return orFallback(
        async () => {
          const r = await deps.decisions['rules:active']({ ...input, tenant });
          (await storeOrNull())?.putDoc('rules:active', docKey(tenant), r);
          return r;
        },
        (err, st) => {
          const r = st.doc<RulesActive>('rules:active', docKey(tenant));
          if (!r) throw notCopied(err, `the rule set of tenant '${tenant}'`);
          return r;
        },
      );
    },
    async 'decision:set'(input) {
      const tenant = await tenantOf(input.tenant);
      const eventId = input.eventId ?? randomUUID();
      const s = await storeOrNull();
      // events of one opportunity reach the warehouse in order: an earlier one still waiting goes first
      if (s && s.unsettled(tenant, input.aceId).length > 0 && online !== false) await sync();
      if (s && s.unsettled(tenant, input.aceId).length > 0) return enqueue(input, tenant, eventId, new Error('An earlier decision on this opportunity is waiting in the outbox.'));
      try {
        const r = await deps.decisions['decision:set']({ ...input, tenant, eventId });
        noteOnline();
        const row = s?.row(tenant, input.aceId);
        if (s && row) s.advance(tenant, input.aceId, { decisionId: row.decisionId, lastEventId: r.eventId, state: r.state, by: r.by, stale: false });
        return r;
      } catch (err) {
        if (!isUnreachable(err)) throw err;
        noteOffline(err);
        // the warehouse may have committed before the connection broke: the same event id makes the flush find it
        return enqueue(input, tenant, eventId, err);
      }
    },
    async 'offline:status'() {
      if (online === null) void sync();
      return statusOf(await storeOrNull());
    },
    async 'offline:sync'() {
      await sync();
      await refreshSoon();
      return statusOf(await storeOrNull());
    },
    async 'offline:resolve'(input) {
      const s = await store();
      const e = s.entry(input.eventId);
      if (!e || e.status !== 'conflict') throw new HostError({ code: 'not_found', message: `No conflict with event id ${input.eventId}.`, hint: 'It may have been resolved already; see offline:status.' });
      s.resolve(input.eventId, input.resolution);
      deps.log('info', `Offline decision on ${e.aceId}: ${input.resolution === 'apply' ? 'applied anyway' : 'discarded'} by the analyst.`);
      await changed();
      if (input.resolution === 'apply') await sync();
      return statusOf(s);
    },
  };

  // A restart with events still in the outbox sends them as soon as the warehouse answers.
  if (existsSync(offlineStorePath(deps.dataDir))) {
    void storeOrNull().then((s) => {
      if (s?.unsettled().some((e) => e.status === 'pending')) void sync();
    });
  }

  return {
    channels,
    cacheRead: (channel, call, keyOf, what) => (input) =>
      orFallback(
        async () => {
          const value = await call(input);
          (await storeOrNull())?.putDoc(channel, keyOf(input), value);
          return value;
        },
        (err, st) => {
          const value = st.doc<InvokeOutput<typeof channel>>(channel, keyOf(input));
          if (!value) throw notCopied(err, what?.(input) ?? `${channel} ${keyOf(input)}`);
          return value;
        },
      ),
    refreshSoon: () => void refreshSoon(),
    idle: async () => {
      let seen: Promise<void>;
      do {
        seen = chain;
        await seen;
      } while (seen !== chain);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await chain;
      const s = await storeP?.catch(() => null);
      s?.close();
      storeP = null;
    },
  };
}
