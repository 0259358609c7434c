/**
 * Copies a tenant's review workload from the warehouse into the offline store: every decision:list item
 * with the keys a flush compares against (one REPEATABLE READ snapshot, so items and keys agree), every
 * opportunity's explanation and match candidates (the review queue's first; on the embedded engine only
 * the review queue's) and the rule set in force.
 *
 * Incremental: a payload is copied again only when its opportunity's "<decision id>|<last event id>"
 * changed since it was copied (replica_docs.version), so after the first copy a refresh costs a few
 * queries plus one explanation per changed opportunity.
 */
import { HostError } from '../../../app/contract';
import type { Db } from '../../../db/types';
import { readDecisionKeys, readDecisionWatermark } from '../../../db/queries/offline';
import { explainDecision, listDecisions, rulesActive } from '../decide/review';
import { matchCandidates } from '../match/review-service';
import type { OfflineStore, ReplicaRow } from './store';

/** Payloads copied per channel and refresh at most (prod has 4,816 opportunities). */
const MAX_DOCS = 5000;

/**
 * The copy runs in the background of the app's own requests; on the embedded engine PGlite even shares the
 * event loop. Between two payloads the screen's requests go first.
 */
const yieldToCallers = () => new Promise<void>((resolve) => setImmediate(resolve));

export const docKey = (tenant: string, id = '') => (id ? `${tenant}|${id}` : tenant);
const versionOf = (r: ReplicaRow) => `${r.decisionId}|${r.lastEventId ?? ''}`;

export type RefreshResult = { tenant: string; decisions: number; explanations: number; candidates: number; watermark: string; skipped: boolean };

export async function refreshTenant(db: Db, store: OfflineStore, tenant: string, opts: { force?: boolean } = {}): Promise<RefreshResult> {
  const known = store.tenant(tenant);
  const watermark = await readDecisionWatermark(db, tenant);
  if (!opts.force && known?.watermark === watermark) return { tenant, decisions: 0, explanations: 0, candidates: 0, watermark, skipped: true };
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

  // the review queue first, so a cap (or a refresh cut short by going offline) leaves out the least needed
  const queued = new Set(store.unsettled(tenant).map((e) => e.aceId));
  const inQueue = (r: ReplicaRow) => r.item.state === 'needs_review' || queued.has(r.aceId);
  // embedded: PGlite shares the app's event loop and is only "unreachable" when another process holds it,
  // so the copy keeps to the review queue there (what was opened online is copied as it is read)
  const wanted = rows.filter((r) => db.engine === 'postgres' || inQueue(r)).sort((x, y) => Number(!inQueue(x)) - Number(!inQueue(y)));
  const explained = store.docVersions('decision:explain');
  const stale = wanted.filter((r) => explained.get(docKey(tenant, r.aceId)) !== versionOf(r)).slice(0, MAX_DOCS);
  for (const r of stale) {
    store.putDoc('decision:explain', docKey(tenant, r.aceId), await explainDecision(db, tenant, r.aceId), versionOf(r));
    await yieldToCallers();
  }

  const matched = store.docVersions('match:candidates');
  const review = wanted.filter((r) => matched.get(r.aceId) !== versionOf(r)).slice(0, MAX_DOCS);
  let candidates = 0;
  for (const r of review) {
    const m = await matchCandidates(db, r.aceId).catch((err: unknown) => {
      if (err instanceof HostError && err.code === 'not_found') return null; // not in core (yet): nothing to copy
      throw err;
    });
    if (m) store.putDoc('match:candidates', r.aceId, m, versionOf(r));
    candidates += m ? 1 : 0;
    await yieldToCallers();
  }
  store.putDoc('rules:active', docKey(tenant), await rulesActive(db, tenant));
  return { tenant, decisions: rows.length, explanations: stale.length, candidates, watermark: snap.watermark, skipped: false };
}
