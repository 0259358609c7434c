/**
 * The offline path end to end through the runtime's handler registry, on a real PostgreSQL warehouse
 * filled by the real pipeline (tiny demo sources → sync → transform → match → decide), reached through a
 * TCP proxy the test cuts and restores (the shared server itself is never stopped):
 * warehouse cut → decide → warehouse back → the event in the warehouse exactly once, also across a
 * restart and after a crash between the warehouse commit and the local ack; a decision made by someone
 * else meanwhile is a conflict, resolved by discard or apply anyway.
 *
 * Server only: the embedded PGlite warehouse lives in the app's own process, so it is never "unreachable"
 * in this sense (see offline-embedded.test.ts for the embedded case: the warehouse held by another process).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DecisionListItem } from '../../../app/contract';
import { openTestDb } from '../../../db/testing';
import type { TestDb } from '../../../db/testing';
import { DEFAULT_SETTINGS, saveSettings } from '../../config/settings';
import { createRuntime } from '../../host/runtime';
import type { Runtime } from '../../host/runtime';
import { resolveAsOf } from '../decide/as-of';
import { runDecide } from '../decide/index';
import { setDecision } from '../decide/review';
import { runMatch } from '../match';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';
import { accountCostInput } from '../../../app/cost';
import { reviewAccounts } from './cost-prefetch';
import { flushEvent } from './flush';
import { openOfflineStore } from './store';
import { startTcpProxy } from './tcp-proxy';
import type { TcpProxy } from './tcp-proxy';

const server = process.env.TEST_DATABASE_URL;

describe.skipIf(!server)('offline: warehouse cut → decide → back → exactly once [postgres]', () => {
  let t: TestDb;
  let proxy: TcpProxy;
  let dataDir: string;
  let queue: DecisionListItem[] = [];
  const runtimes: Runtime[] = [];

  const open = () => {
    const rt = createRuntime({ dataDir, databaseUrl: proxy.via(t.url as string), shell: 'headless' });
    runtimes.push(rt);
    return rt;
  };
  const close = async (rt: Runtime) => {
    await rt.close();
    runtimes.splice(runtimes.indexOf(rt), 1);
  };
  const eventsOf = async (aceId: string) =>
    (await t.db.query<{ event_id: string; action: string; actor: string }>(
      "SELECT event_id, action, actor FROM ops.pod_decision_events WHERE tenant = 'demo' AND ace_source_id = $1 ORDER BY seq", [aceId],
    )).rows;
  const nextAce = () => {
    const x = queue.shift();
    if (!x) throw new Error('the tiny demo ran out of opportunities');
    return x;
  };

  beforeAll(async () => {
    t = await openTestDb('postgres');
    const u = new URL(t.url as string);
    proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
    const seedDir = await mkdtemp(join(tmpdir(), 'revops-offline-seed-'));
    await syncTinyDemo(t.db, seedDir);
    await runTransform({ db: t.db });
    await runMatch({ db: t.db });
    await runDecide({ db: t.db, asOf: (await resolveAsOf(seedDir)).asOf, tenant: 'demo' });
    dataDir = await mkdtemp(join(tmpdir(), 'revops-offline-app-'));
    await saveSettings(dataDir, { ...DEFAULT_SETTINGS, tenant: 'demo' });
  }, 300_000);

  afterAll(async () => {
    for (const rt of [...runtimes]) await rt.close();
    await proxy?.dispose();
    await t?.dispose();
  });

  it('copies the review workload while online', async () => {
    const rt = open();
    const list = await rt.handlers.call('decision:list', { limit: 5000 });
    // the review queue first, then the rest (the tiny demo has only a few needing review)
    const review = list.items.filter((i) => i.state === 'needs_review');
    queue = [...review, ...list.items.filter((i) => i.state === 'auto_approve' || i.state === 'auto_reject')];
    expect(queue.length).toBeGreaterThanOrEqual(6);
    const status = await rt.handlers.call('offline:sync');
    expect(status).toMatchObject({ online: true, pending: 0, conflicts: [] });
    expect(status.replica.decisions).toBe(list.total);
    expect(status.replica.explanations).toBe(list.total);
    await close(rt);
  });

  it('prefetches the cost view of each review-queue account: the screen\'s default request answers with the warehouse cut', async () => {
    const rt = open();
    await rt.handlers.call('offline:sync');
    // nothing asked for a cost view in this data dir: whatever answers offline was prefetched by the refresh
    const store = await openOfflineStore(dataDir);
    const accounts = reviewAccounts(store, 'demo');
    store.close();
    expect(accounts.length).toBeGreaterThan(0);
    await proxy.cut();
    const all = await rt.handlers.call('cost:accounts');
    expect(all.lastMonth).toMatch(/^\d{4}-\d{2}$/);
    const offline = await Promise.all(accounts.map((a) => rt.handlers.call('cost:query', accountCostInput(a, all.lastMonth as string))));
    // a view that was neither opened nor prefetched is not in the copy
    await expect(rt.handlers.call('cost:query', { ...accountCostInput(accounts.at(0) ?? '', all.lastMonth as string), by: 'year' })).rejects.toMatchObject({ code: 'warehouse_unavailable' });
    await proxy.restore();
    await rt.handlers.call('offline:sync');
    const online = await Promise.all(accounts.map((a) => rt.handlers.call('cost:query', accountCostInput(a, all.lastMonth as string))));
    expect(offline).toEqual(online);
    expect(offline.some((v) => v.byAccount.some((r) => accounts.includes(r.accountId)))).toBe(true);
    await close(rt);
  });

  it('decides while the warehouse is cut, serves the list and explanation from the replica, flushes exactly once when it is back', async () => {
    const ace = nextAce().aceId;
    const rt = open();
    const changes: boolean[] = [];
    rt.events.subscribe((e) => {
      if (e.event === 'offline:changed') changes.push(e.payload.online === true);
    });
    await proxy.cut();
    const list = await rt.handlers.call('decision:list', { limit: 5000 });
    expect(list.items.find((i) => i.aceId === ace)?.state).toBe('needs_review');
    const set = await rt.handlers.call('decision:set', { aceId: ace, action: 'approve', reason: 'customer confirmed by mail', user: 'ana' });
    expect(set).toMatchObject({ aceId: ace, state: 'approved', by: 'analyst', queued: true });
    const offline = await rt.handlers.call('offline:status');
    expect(offline).toMatchObject({ online: false, pending: 1, queue: [{ eventId: set.eventId, aceId: ace, action: 'approve', actor: 'ana', seenState: 'needs_review' }] });
    expect(offline.lastError).toMatch(/127\.0\.0\.1:\d+/);
    expect((await rt.handlers.call('decision:list', { state: 'approved', limit: 5000 })).items.find((i) => i.aceId === ace)).toMatchObject({ state: 'approved', pending: true });
    const explained = await rt.handlers.call('decision:explain', { aceId: ace });
    expect(explained.state).toBe('approved');
    expect(explained.events.at(-1)).toMatchObject({ action: 'approve', actor: 'ana' });
    // the review screen's side-by-side of a queued opportunity, from the copy
    expect((await rt.handlers.call('match:candidates', { aceId: ace })).aceId).toBe(ace);
    // a refused action is still refused offline, and nothing reaches the outbox
    await expect(rt.handlers.call('decision:set', { aceId: ace, action: 'approve', reason: 'again, to be sure', user: 'ana' })).rejects.toMatchObject({ code: 'bad_input' });
    expect(await eventsOf(ace)).toEqual([]);

    await proxy.restore();
    const back = await rt.handlers.call('offline:sync');
    expect(back).toMatchObject({ online: true, pending: 0, conflicts: [], flushed: 1 });
    expect(await eventsOf(ace)).toEqual([{ event_id: set.eventId, action: 'approve', actor: 'ana' }]);
    await rt.handlers.call('offline:sync');
    expect(await eventsOf(ace)).toHaveLength(1);
    expect((await rt.handlers.call('decision:explain', { aceId: ace })).state).toBe('approved');
    expect(changes).toContain(false);
    expect(changes.at(-1)).toBe(true);
    await close(rt);
  });

  it('flushes an outbox left by a closed app when the next one starts (no call needed), once', async () => {
    const ace = nextAce().aceId;
    const first = open();
    await proxy.cut();
    const set = await first.handlers.call('decision:set', { aceId: ace, action: 'reject', reason: 'no spend on the account', user: 'ana' });
    expect(set.queued).toBe(true);
    await close(first);
    await proxy.restore();
    const second = open();
    await vi.waitFor(async () => expect(await eventsOf(ace)).toHaveLength(1), { timeout: 30_000, interval: 200 });
    await vi.waitFor(async () => expect((await second.handlers.call('offline:status')).pending).toBe(0), { timeout: 30_000, interval: 200 });
    expect((await eventsOf(ace))[0]).toMatchObject({ event_id: set.eventId, action: 'reject' });
    await second.handlers.call('offline:sync');
    expect(await eventsOf(ace)).toHaveLength(1);
    await close(second);
  });

  it('a crash after the warehouse commit but before the local ack still ends with the event once', async () => {
    const ace = nextAce().aceId;
    const rt = open();
    await proxy.cut();
    const set = await rt.handlers.call('decision:set', { aceId: ace, action: 'approve', reason: 'partner originated, confirmed', user: 'ana' });
    // the flush's warehouse half, as the crashed process ran it: committed, never acknowledged locally
    const store = await openOfflineStore(dataDir);
    const entry = store.entry(set.eventId);
    store.close();
    expect(entry?.status).toBe('pending');
    expect((await flushEvent(t.db, entry as NonNullable<typeof entry>)).kind).toBe('applied');
    await close(rt);
    await proxy.restore();
    const again = open();
    const status = await again.handlers.call('offline:sync');
    expect(status).toMatchObject({ pending: 0, conflicts: [] });
    expect(await eventsOf(ace)).toEqual([{ event_id: set.eventId, action: 'approve', actor: 'ana' }]);
    await close(again);
  });

  it('a decision made by someone else meanwhile is a conflict, not overwritten; discard keeps theirs, apply anyway adds ours', async () => {
    const [itemA, itemB] = [nextAce(), nextAce()];
    const [a, b] = [itemA.aceId, itemB.aceId];
    const rt = open();
    await proxy.cut();
    const mineA = await rt.handlers.call('decision:set', { aceId: a, action: 'reject', reason: 'end customer is a reseller', user: 'ana' });
    const mineB = await rt.handlers.call('decision:set', { aceId: b, action: 'reject', reason: 'end customer is a reseller', user: 'ana' });
    await setDecision(t.db, { aceId: a, tenant: 'demo', action: 'approve', reason: 'checked with the AWS PDM', user: 'bob' });
    await setDecision(t.db, { aceId: b, tenant: 'demo', action: 'approve', reason: 'checked with the AWS PDM', user: 'bob' });
    await proxy.restore();
    const status = await rt.handlers.call('offline:sync');
    expect(status.pending).toBe(0);
    expect(status.conflicts.map((c) => c.eventId).sort()).toEqual([mineA.eventId, mineB.eventId].sort());
    const ca = status.conflicts.find((c) => c.aceId === a);
    expect(ca).toMatchObject({ action: 'reject', seenState: itemA.state, current: { state: 'approved', by: 'analyst', lastEvent: { actor: 'bob', action: 'approve' } } });
    expect(ca?.why).toContain('bob approved it meanwhile');
    expect((await eventsOf(a)).map((e) => e.actor)).toEqual(['bob']);

    const discarded = await rt.handlers.call('offline:resolve', { eventId: mineA.eventId, resolution: 'discard' });
    expect(discarded.conflicts.map((c) => c.aceId)).toEqual([b]);
    expect((await eventsOf(a)).map((e) => `${e.actor}:${e.action}`)).toEqual(['bob:approve']);

    const applied = await rt.handlers.call('offline:resolve', { eventId: mineB.eventId, resolution: 'apply' });
    expect(applied).toMatchObject({ pending: 0, conflicts: [] });
    expect((await eventsOf(b)).map((e) => `${e.actor}:${e.action}`)).toEqual(['bob:approve', 'ana:reject']);
    expect((await rt.handlers.call('decision:explain', { aceId: b })).state).toBe('rejected');
    await expect(rt.handlers.call('offline:resolve', { eventId: mineB.eventId, resolution: 'discard' })).rejects.toMatchObject({ code: 'not_found' });

    // the copy now knows bob's decision: a later offline decision on top of it is no conflict
    await proxy.cut();
    expect((await rt.handlers.call('decision:list', { limit: 5000 })).items.find((i) => i.aceId === a)).toMatchObject({ state: 'approved', by: 'analyst' });
    await rt.handlers.call('decision:set', { aceId: a, action: 'reopen', reason: 'the PDM retracted it', user: 'ana' });
    await proxy.restore();
    expect(await rt.handlers.call('offline:sync')).toMatchObject({ pending: 0, conflicts: [] });
    expect((await eventsOf(a)).map((e) => `${e.actor}:${e.action}`)).toEqual(['bob:approve', 'ana:reopen']);
    await close(rt);
  });

  it('online: a retried decision:set with the same event id appends once; other errors are not taken for "offline"', async () => {
    const ace = nextAce().aceId;
    const rt = open();
    const eventId = crypto.randomUUID();
    const input = { aceId: ace, action: 'approve', reason: 'customer confirmed by mail', user: 'ana', eventId } as const;
    const first = await rt.handlers.call('decision:set', input);
    const retry = await rt.handlers.call('decision:set', input);
    expect(first).toMatchObject({ eventId, state: 'approved' });
    expect(retry).toMatchObject({ eventId, state: 'approved' });
    expect(first.queued).toBeUndefined();
    expect(await eventsOf(ace)).toHaveLength(1);
    await expect(rt.handlers.call('decision:set', { aceId: 'O0000000', action: 'approve', reason: 'no such opportunity', user: 'ana' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await rt.handlers.call('offline:status')).pending).toBe(0);
    await close(rt);
  });
});
