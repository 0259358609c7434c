/**
 * What the analyst sees offline: the copy with the outbox's waiting events on top, filtered, counted and
 * paged the way the warehouse does it; and which failures count as "unreachable".
 */
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import type { DecisionListItem } from '../../../app/contract';
import { HostError } from '../../../app/contract';
import { openPostgres } from '../../../db/postgres';
import { listFromReplica, overlayItem } from './local-state';
import type { OutboxEntry, ReplicaRow } from './store';
import { isUnreachable } from './unreachable';

const item = (aceId: string, state: DecisionListItem['state'], extra: Partial<DecisionListItem> = {}): DecisionListItem => ({
  aceId, customerName: `Customer ${aceId}`, outcome: state === 'approved' || state === 'rejected' ? 'needs_review' : state, state,
  by: state === 'approved' || state === 'rejected' ? 'analyst' : 'rules', stale: false, open: [], programVersion: '2025.1', asOf: '2026-06-30', decidedAt: '2026-06-30T00:00:00.000Z', ...extra,
});
const row = (i: DecisionListItem): ReplicaRow => ({ aceId: i.aceId, decisionId: `d-${i.aceId}`, lastEventId: null, item: i });
const waiting = (aceId: string, action: OutboxEntry['action'], seq: number): OutboxEntry => ({
  seq, eventId: `e${seq}`, tenant: 'demo', aceId, action, reason: 'why not', actor: 'ana', createdAt: '2026-12-03T08:00:00.000Z', seenDecisionId: `d-${aceId}`,
  seenEventId: null, seenState: 'needs_review', status: 'pending', force: false, attempts: 0, lastError: null, conflict: null,
});

const rows = [item('O1', 'needs_review', { stage: 'Qualified', owner: 'Ute' }), item('O2', 'needs_review', { stage: 'Launched', owner: 'Max' }), item('O3', 'auto_reject', { stage: 'Launched' }), item('O4', 'auto_approve')].map(row);

it('waiting events decide the state (the newest wins), marked pending', () => {
  const base = rows[0] as ReplicaRow;
  expect(overlayItem(base.item, base.decisionId, [])).toBe(base.item);
  expect(overlayItem(base.item, base.decisionId, [waiting('O1', 'approve', 1)])).toMatchObject({ state: 'approved', by: 'analyst', stale: false, pending: true });
  expect(overlayItem(base.item, base.decisionId, [waiting('O1', 'approve', 1), waiting('O1', 'reopen', 2)])).toMatchObject({ state: 'needs_review', by: 'analyst', pending: true });
  // taken on another automatic decision than the one now copied: stale, as the warehouse would say
  expect(overlayItem(base.item, 'd-newer', [waiting('O1', 'reject', 1)])).toMatchObject({ state: 'rejected', stale: true });
});

it('lists from the copy with the queue filters, counts before the state filter, then the page', () => {
  const outbox = [waiting('O1', 'approve', 1)];
  const all = listFromReplica('demo', rows, outbox, { limit: 200, offset: 0 });
  expect(all).toMatchObject({ tenant: 'demo', total: 4, counts: { approved: 1, needs_review: 1, auto_reject: 1, auto_approve: 1 } });
  const review = listFromReplica('demo', rows, outbox, { state: 'needs_review', limit: 200, offset: 0 });
  expect(review.items.map((i) => i.aceId)).toEqual(['O2']);
  expect(review.counts).toEqual(all.counts);
  const launched = listFromReplica('demo', rows, outbox, { stage: 'Launched', limit: 200, offset: 0 });
  expect(launched).toMatchObject({ total: 2, counts: { needs_review: 1, auto_reject: 1 } });
  expect(listFromReplica('demo', rows, outbox, { q: 'customer o4', limit: 200, offset: 0 }).items.map((i) => i.aceId)).toEqual(['O4']);
  expect(listFromReplica('demo', rows, outbox, { limit: 2, offset: 1 }).items.map((i) => i.aceId)).toEqual(['O2', 'O3']);
});

it('"unreachable" is a refused or dropped connection and the warehouse_unavailable code, nothing else', async () => {
  // a port that was free a moment ago: connection refused, from the real driver
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const refused = await openPostgres(`postgres://nobody@127.0.0.1:${port}/x`).then(
    () => null,
    (err: unknown) => err,
  );
  expect(isUnreachable(refused)).toBe(true);
  expect(isUnreachable(new HostError({ code: 'warehouse_unavailable', message: 'The embedded warehouse is in use by process 12.' }))).toBe(true);
  expect(isUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
  expect(isUnreachable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
  expect(isUnreachable(new HostError({ code: 'not_found', message: 'No POD decision for O1.' }))).toBe(false);
  expect(isUnreachable(new HostError({ code: 'bad_input', message: 'Cannot approve O1: already approved.' }))).toBe(false);
  expect(isUnreachable(Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' }))).toBe(false);
  expect(isUnreachable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
});
