/**
 * The warehouse side of flushing ONE outbox event: in one transaction, under the same per-opportunity
 * lock as decision:set, either find it already there (an earlier flush committed but its local ack was
 * lost), or find that the opportunity changed since what the analyst saw (a conflict), or append it with
 * its client-generated id.
 *
 * Invariant: the event id is ops.pod_decision_events' primary key, so even two flushers racing past the
 * lookup cannot append it twice (the second insert fails and its transaction rolls back).
 */
import type { AnalystAction, AutoOutcome, DecisionEvent, DecisionState } from '../../../app/rules';
import { deriveState, refuseAction } from '../../../app/rules';
import type { EventRow } from '../../../db/queries/decide';
import { insertEvent, readCurrentDecision, readEventById, readEvents } from '../../../db/queries/decide';
import type { Db } from '../../../db/types';
import type { OutboxEntry, Settled } from './store';

export type Current = { state: DecisionState['state']; by: DecisionState['by']; decisionId: string; lastEvent: DecisionEvent | null };
export type FlushOutcome =
  | { kind: 'applied' | 'already'; settled: Settled }
  | { kind: 'conflict'; why: string; current: Current }
  /** the action no longer applies (e.g. already approved); `current` is what the warehouse holds */
  | { kind: 'refused'; why: string; current: Current; settled: Settled };

const toEvent = (e: EventRow): DecisionEvent => ({ action: e.action as AnalystAction, reason: e.reason, actor: e.actor, at: e.created_at.toISOString(), decisionId: e.decision_id });
const VERB: Record<string, string> = { approve: 'approved', reject: 'rejected', reopen: 'reopened' };

export async function flushEvent(db: Db, e: OutboxEntry): Promise<FlushOutcome> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pod-decision|${e.tenant}|${e.aceId}`]);
    const d = await readCurrentDecision(tx, e.tenant, e.aceId);
    if (!d) throw new Error(`No POD decision for ${e.aceId} (tenant '${e.tenant}') in this warehouse.`);
    const rows = await readEvents(tx, e.tenant, [e.aceId]);
    const events = rows.map(toEvent);
    const state = (evs: readonly DecisionEvent[]) => deriveState(d.outcome as AutoOutcome, d.decision_id, evs);
    const settled = (evs: readonly DecisionEvent[], lastEventId: string | null): Settled => {
      const s = state(evs);
      return { decisionId: d.decision_id, lastEventId, state: s.state, by: s.by, stale: s.stale };
    };
    const lastId = rows.at(-1)?.event_id ?? null;
    if (await readEventById(tx, e.eventId)) return { kind: 'already', settled: settled(events, lastId) };
    const now = state(events);
    const current: Current = { state: now.state, by: now.by, decisionId: d.decision_id, lastEvent: events.at(-1) ?? null };
    if (!e.force) {
      if (d.decision_id !== e.seenDecisionId) return { kind: 'conflict', why: 'The automatic decision was made again since (facts or rules changed).', current };
      const last = rows.at(-1);
      if (lastId !== e.seenEventId && last) {
        return { kind: 'conflict', why: `${last.actor} ${VERB[last.action] ?? last.action} it meanwhile (${last.created_at.toISOString().slice(0, 16).replace('T', ' ')} UTC): "${last.reason}".`, current };
      }
    }
    const refused = refuseAction(now, e.action);
    if (refused) return { kind: 'refused', why: `Not applied: ${refused}.`, current, settled: settled(events, lastId) };
    const row = await insertEvent(tx, { tenant: e.tenant, aceId: e.aceId, decisionId: d.decision_id, action: e.action, reason: e.reason, actor: e.actor, eventId: e.eventId, at: e.createdAt });
    return { kind: 'applied', settled: settled([...events, toEvent(row)], row.event_id) };
  });
}
