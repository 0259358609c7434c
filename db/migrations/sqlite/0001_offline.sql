-- 0001 offline: the desktop app's local replica of the review workload and the outbox of analyst
-- decisions taken while the warehouse was unreachable (main/services/offline, db/sqlite.ts).
--
-- Invariants:
-- - The replica is a copy: it is replaced per tenant by a refresh from the warehouse and never edited by
--   hand, except that a settled outbox event moves its row forward (state, last_event_id) until the next
--   refresh.
-- - outbox.event_id is generated on this machine and becomes ops.pod_decision_events.event_id in the
--   warehouse: the idempotency key that makes a flush apply each event at most once however often it is
--   retried (a crash between the warehouse commit and the local ack retries, finds it, acks).
-- - seen_decision_id / seen_event_id are what the analyst saw when deciding; a flush that finds other
--   values in the warehouse records a conflict instead of applying the event.
-- - Rows of the outbox are never deleted: sent / discarded ones are the local trail.

CREATE TABLE replica_tenants (
  tenant TEXT PRIMARY KEY,
  refreshed_at TEXT NOT NULL,
  -- "<max decision seq>:<max event seq>" of the tenant in the warehouse when copied
  watermark TEXT NOT NULL,
  -- decision:list counts by state as the warehouse derived them (JSON object)
  counts TEXT NOT NULL
);

-- One row per ACE opportunity of a tenant: the decision:list item as the warehouse derived it.
CREATE TABLE replica_decisions (
  tenant TEXT NOT NULL,
  ace_id TEXT NOT NULL,
  decision_id TEXT NOT NULL,
  -- newest analyst event of this opportunity in the warehouse (NULL: none)
  last_event_id TEXT,
  item TEXT NOT NULL,
  PRIMARY KEY (tenant, ace_id)
) WITHOUT ROWID;

-- Payloads of read channels (decision:explain, rules:active, …) by channel and input key.
CREATE TABLE replica_docs (
  channel TEXT NOT NULL,
  key TEXT NOT NULL,
  payload TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  PRIMARY KEY (channel, key)
) WITHOUT ROWID;

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  tenant TEXT NOT NULL,
  ace_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'reopen')),
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  seen_decision_id TEXT NOT NULL,
  seen_event_id TEXT,
  seen_state TEXT NOT NULL,
  -- pending: to flush; sent: in the warehouse; conflict: waits for the analyst; discarded: dropped by the analyst
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'conflict', 'discarded')),
  -- 1: the analyst chose "apply anyway" on a conflict
  force INTEGER NOT NULL DEFAULT 0 CHECK (force IN (0, 1)),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  -- JSON: what the warehouse held when the conflict was found
  conflict TEXT,
  settled_at TEXT
);
CREATE INDEX outbox_open_idx ON outbox (status, seq);
CREATE INDEX outbox_ace_idx ON outbox (tenant, ace_id, seq);
