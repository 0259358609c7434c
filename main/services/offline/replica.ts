/**
 * Copies a tenant's review workload from the warehouse into the offline store: every decision:list item
 * with the keys a flush compares against (one REPEATABLE READ snapshot, so items and keys agree), the
 * explanations of the review queue (needs review, plus opportunities with events in the outbox) and the
 * rule set in force.
 */
import type { Db } from '../../../db/types';
import { readDecisionKeys, readDecisionWatermark } from '../../../db/queries/offline';
import { explainDecision, listDecisions, rulesActive } from '../decide/review';
import type { OfflineStore, ReplicaRow } from './store';

/** Explanations copied per refresh at most (the review queue; prod has ~1,000 needing review). */
const MAX_EXPLANATIONS = 2000;

export const docKey = (tenant: string, id = '') => (id ? `${tenant}|${id}` : tenant);

export type RefreshResult = { tenant: string; decisions: number; explanations: number; watermark: string; skipped: boolean };

export async function refreshTenant(db: Db, store: OfflineStore, tenant: string, opts: { force?: boolean } = {}): Promise<RefreshResult> {
  const known = store.tenant(tenant);
  const watermark = await readDecisionWatermark(db, tenant);
  if (!opts.force && known?.watermark === watermark) return { tenant, decisions: 0, explanations: 0, watermark, skipped: true };
  const snap = await db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const list = await listDecisions(tx, { tenant, limit: Number.MAX_SAFE_INTEGER, offset: 0 });
    const keys = new Map((await readDecisionKeys(tx, tenant)).map((k) => [k.ace_source_id, k]));
    return { list, keys, watermark: await readDecisionWatermark(tx, tenant) };
  });
  const rows: ReplicaRow[] = [];
  for (const item of snap.list.items) {
    const k = snap.keys.get(item.aceId);
    if (k) rows.push({ aceId: item.aceId, decisionId: k.decision_id, lastEventId: k.last_event_id, item });
  }
  store.replaceTenant({ tenant, refreshedAt: new Date().toISOString(), watermark: snap.watermark, counts: snap.list.counts }, rows);
  const queued = new Set(store.unsettled(tenant).map((e) => e.aceId));
  const wanted = rows.filter((r) => r.item.state === 'needs_review' || queued.has(r.aceId)).slice(0, MAX_EXPLANATIONS);
  for (const r of wanted) store.putDoc('decision:explain', docKey(tenant, r.aceId), await explainDecision(db, tenant, r.aceId));
  store.putDoc('rules:active', docKey(tenant), await rulesActive(db, tenant));
  return { tenant, decisions: rows.length, explanations: wanted.length, watermark: snap.watermark, skipped: false };
}
