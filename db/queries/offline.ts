/**
 * Warehouse queries of the offline replica (main/services/offline): the keys a flush compares against
 * (current automatic decision, newest analyst event per opportunity) and a cheap change marker.
 */
import type { Queryable } from '../types';

export type DecisionKeyRow = { ace_source_id: string; decision_id: string; last_event_id: string | null };

/** Per ACE opportunity of a tenant: the current automatic decision and the newest analyst event (null: none). */
export async function readDecisionKeys(db: Queryable, tenant: string): Promise<DecisionKeyRow[]> {
  return (await db.query<DecisionKeyRow>(`
    SELECT d.ace_source_id, d.decision_id::text AS decision_id, e.event_id::text AS last_event_id
    FROM ops.pod_decisions_current d
    LEFT JOIN LATERAL (
      SELECT event_id FROM ops.pod_decision_events x
      WHERE x.tenant = d.tenant AND x.ace_source_id = d.ace_source_id ORDER BY x.seq DESC LIMIT 1
    ) e ON true
    WHERE d.tenant = $1`, [tenant])).rows;
}

/** "<newest decision seq>:<newest event seq>" of a tenant: changes whenever a decide run or an analyst adds a row. */
export async function readDecisionWatermark(db: Queryable, tenant: string): Promise<string> {
  const r = (await db.query<{ w: string }>(`
    SELECT coalesce((SELECT max(seq) FROM ops.pod_decisions WHERE tenant = $1), 0)::text || ':' ||
           coalesce((SELECT max(seq) FROM ops.pod_decision_events WHERE tenant = $1), 0)::text AS w`, [tenant])).rows[0];
  return r?.w ?? '0:0';
}
