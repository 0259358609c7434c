/**
 * The offline store: one SQLite file per data folder (`<data>/offline/offline.sqlite`, WAL) holding the
 * replica of the review workload and the outbox of analyst events (schema: db/migrations/sqlite).
 *
 * Invariants:
 * - Every method is one SQLite transaction (better-sqlite3 is synchronous): an enqueue is on disk when it
 *   returns, before the caller answers the renderer.
 * - Outbox rows are never deleted; `unsettled` = pending + conflict, in the order they were decided.
 */
import { join } from 'node:path';
import type { DecisionListItem, DecisionSetResult, OfflineConflict } from '../../../app/contract';
import { openSqlite } from '../../../db/sqlite';
import type { SqliteDatabase } from '../../../db/sqlite';

export type ReplicaRow = { aceId: string; decisionId: string; lastEventId: string | null; item: DecisionListItem };
export type TenantInfo = { tenant: string; refreshedAt: string; watermark: string; counts: Record<string, number> };

export type OutboxStatus = 'pending' | 'sent' | 'conflict' | 'discarded';
export type OutboxEntry = {
  seq: number;
  eventId: string;
  tenant: string;
  aceId: string;
  action: 'approve' | 'reject' | 'reopen';
  reason: string;
  actor: string;
  createdAt: string;
  seenDecisionId: string;
  seenEventId: string | null;
  seenState: DecisionListItem['state'];
  status: OutboxStatus;
  force: boolean;
  attempts: number;
  lastError: string | null;
  conflict: Pick<OfflineConflict, 'why' | 'current' | 'detectedAt'> | null;
};
export type NewOutboxEntry = Omit<OutboxEntry, 'seq' | 'status' | 'force' | 'attempts' | 'lastError' | 'conflict'>;
/** What the warehouse holds for an opportunity after a flush settled one of its events. */
export type Settled = { decisionId: string; lastEventId: string | null; state: DecisionSetResult['state']; by: DecisionSetResult['by']; stale: boolean };

type OutboxSql = {
  seq: number; event_id: string; tenant: string; ace_id: string; action: OutboxEntry['action']; reason: string; actor: string; created_at: string;
  seen_decision_id: string; seen_event_id: string | null; seen_state: OutboxEntry['seenState']; status: OutboxStatus; force: number; attempts: number;
  last_error: string | null; conflict: string | null;
};

const toEntry = (r: OutboxSql): OutboxEntry => ({
  seq: r.seq, eventId: r.event_id, tenant: r.tenant, aceId: r.ace_id, action: r.action, reason: r.reason, actor: r.actor, createdAt: r.created_at,
  seenDecisionId: r.seen_decision_id, seenEventId: r.seen_event_id, seenState: r.seen_state, status: r.status, force: r.force === 1,
  attempts: r.attempts, lastError: r.last_error, conflict: r.conflict ? (JSON.parse(r.conflict) as OutboxEntry['conflict']) : null,
});

type RowSql = { ace_id: string; decision_id: string; last_event_id: string | null; item: string };
const toRow = (r: RowSql): ReplicaRow => ({ aceId: r.ace_id, decisionId: r.decision_id, lastEventId: r.last_event_id, item: JSON.parse(r.item) as DecisionListItem });

export function offlineStorePath(dataDir: string): string {
  return join(dataDir, 'offline', 'offline.sqlite');
}

export async function openOfflineStore(dataDir: string): Promise<OfflineStore> {
  return new OfflineStore(await openSqlite(offlineStorePath(dataDir)));
}

export class OfflineStore {
  constructor(private readonly db: SqliteDatabase) {}

  close(): void {
    this.db.close();
  }

  // ---- replica ------------------------------------------------------------------------------------------

  /** Replaces a tenant's copy in one transaction (readers see the old or the new copy, never a mix). */
  replaceTenant(info: TenantInfo, rows: readonly ReplicaRow[]): void {
    const del = this.db.prepare('DELETE FROM replica_decisions WHERE tenant = ?');
    const ins = this.db.prepare('INSERT INTO replica_decisions (tenant, ace_id, decision_id, last_event_id, item) VALUES (?, ?, ?, ?, ?)');
    const meta = this.db.prepare(
      'INSERT INTO replica_tenants (tenant, refreshed_at, watermark, counts) VALUES (?, ?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET refreshed_at = excluded.refreshed_at, watermark = excluded.watermark, counts = excluded.counts',
    );
    this.db.transaction(() => {
      del.run(info.tenant);
      for (const r of rows) ins.run(info.tenant, r.aceId, r.decisionId, r.lastEventId, JSON.stringify(r.item));
      meta.run(info.tenant, info.refreshedAt, info.watermark, JSON.stringify(info.counts));
    })();
  }

  tenant(tenant: string): TenantInfo | null {
    const r = this.db.prepare<[string], { tenant: string; refreshed_at: string; watermark: string; counts: string }>('SELECT * FROM replica_tenants WHERE tenant = ?').get(tenant);
    return r ? { tenant: r.tenant, refreshedAt: r.refreshed_at, watermark: r.watermark, counts: JSON.parse(r.counts) as Record<string, number> } : null;
  }

  rows(tenant: string): ReplicaRow[] {
    return this.db.prepare<[string], RowSql>('SELECT ace_id, decision_id, last_event_id, item FROM replica_decisions WHERE tenant = ? ORDER BY ace_id').all(tenant).map(toRow);
  }

  row(tenant: string, aceId: string): ReplicaRow | null {
    const r = this.db.prepare<[string, string], RowSql>('SELECT ace_id, decision_id, last_event_id, item FROM replica_decisions WHERE tenant = ? AND ace_id = ?').get(tenant, aceId);
    return r ? toRow(r) : null;
  }

  /** Moves one opportunity's copy forward to what the warehouse now holds (after an event was applied). */
  advance(tenant: string, aceId: string, s: Settled): void {
    const current = this.row(tenant, aceId);
    if (!current) return;
    const item: DecisionListItem = { ...current.item, state: s.state, by: s.by, stale: s.stale };
    this.db.prepare('UPDATE replica_decisions SET decision_id = ?, last_event_id = ?, item = ? WHERE tenant = ? AND ace_id = ?').run(s.decisionId, s.lastEventId, JSON.stringify(item), tenant, aceId);
  }

  /** `version`: what the payload was made from (see 0002_replica_doc_version.sql); null = unknown. */
  putDoc(channel: string, key: string, payload: unknown, version: string | null = null): void {
    this.db
      .prepare(
        'INSERT INTO replica_docs (channel, key, payload, stored_at, version) VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, key) DO UPDATE SET payload = excluded.payload, stored_at = excluded.stored_at, version = excluded.version',
      )
      .run(channel, key, JSON.stringify(payload), new Date().toISOString(), version);
  }

  /** key → version of a channel's copied payloads. */
  docVersions(channel: string): Map<string, string | null> {
    const rows = this.db.prepare<[string], { key: string; version: string | null }>('SELECT key, version FROM replica_docs WHERE channel = ?').all(channel);
    return new Map(rows.map((r) => [r.key, r.version]));
  }

  doc<T>(channel: string, key: string): T | null {
    const r = this.db.prepare<[string, string], { payload: string }>('SELECT payload FROM replica_docs WHERE channel = ? AND key = ?').get(channel, key);
    return r ? (JSON.parse(r.payload) as T) : null;
  }

  replicaCounts(): { refreshedAt: string | null; decisions: number; explanations: number } {
    const r = this.db.prepare<[], { at: string | null; d: number; e: number }>(`
      SELECT (SELECT max(refreshed_at) FROM replica_tenants) AS at, (SELECT count(*) FROM replica_decisions) AS d,
             (SELECT count(*) FROM replica_docs WHERE channel = 'decision:explain') AS e`).get();
    return { refreshedAt: r?.at ?? null, decisions: r?.d ?? 0, explanations: r?.e ?? 0 };
  }

  // ---- outbox -------------------------------------------------------------------------------------------

  enqueue(e: NewOutboxEntry): void {
    this.db
      .prepare(`INSERT INTO outbox (event_id, tenant, ace_id, action, reason, actor, created_at, seen_decision_id, seen_event_id, seen_state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(e.eventId, e.tenant, e.aceId, e.action, e.reason, e.actor, e.createdAt, e.seenDecisionId, e.seenEventId, e.seenState);
  }

  entry(eventId: string): OutboxEntry | null {
    const r = this.db.prepare<[string], OutboxSql>('SELECT * FROM outbox WHERE event_id = ?').get(eventId);
    return r ? toEntry(r) : null;
  }

  /** Pending and conflicting events, oldest first; optionally of one tenant / opportunity. */
  unsettled(tenant?: string, aceId?: string): OutboxEntry[] {
    return this.db
      .prepare<[{ tenant: string | null; ace: string | null }], OutboxSql>(
        "SELECT * FROM outbox WHERE status IN ('pending', 'conflict') AND (@tenant IS NULL OR tenant = @tenant) AND (@ace IS NULL OR ace_id = @ace) ORDER BY seq",
      )
      .all({ tenant: tenant ?? null, ace: aceId ?? null })
      .map(toEntry);
  }

  /** The event is in the warehouse: settle it and move the replica forward, in one transaction. */
  markSent(eventId: string, s: Settled): void {
    const e = this.entry(eventId);
    if (!e) return;
    this.db.transaction(() => {
      this.db.prepare("UPDATE outbox SET status = 'sent', attempts = attempts + 1, last_error = NULL, settled_at = ? WHERE event_id = ?").run(new Date().toISOString(), eventId);
      this.advance(e.tenant, e.aceId, s);
    })();
  }

  markConflict(eventId: string, conflict: NonNullable<OutboxEntry['conflict']>): void {
    this.db.prepare("UPDATE outbox SET status = 'conflict', force = 0, attempts = attempts + 1, conflict = ? WHERE event_id = ?").run(JSON.stringify(conflict), eventId);
  }

  markFailed(eventId: string, error: string): void {
    this.db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE event_id = ?').run(error, eventId);
  }

  /** apply: back to pending, flushed without the conflict check; discard: dropped (kept as the trail). */
  resolve(eventId: string, resolution: 'apply' | 'discard', note?: string): boolean {
    const r =
      resolution === 'apply'
        ? this.db.prepare("UPDATE outbox SET status = 'pending', force = 1 WHERE event_id = ? AND status = 'conflict'").run(eventId)
        : this.db.prepare("UPDATE outbox SET status = 'discarded', last_error = coalesce(?, last_error), settled_at = ? WHERE event_id = ? AND status IN ('conflict', 'pending')").run(note ?? null, new Date().toISOString(), eventId);
    return r.changes === 1;
  }

  countSent(): number {
    return this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'sent'").get()?.n ?? 0;
  }
}
