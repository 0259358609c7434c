-- 0007 decisions: POD rule sets, decisions and the analyst's audit trail (`revops decide`,
-- main/services/decide, app/rules).
--
-- Invariants:
-- - ops.pod_decisions and ops.pod_decision_events are append-only: UPDATE, DELETE and TRUNCATE are refused
--   by trigger. A decide run adds a row for an ACE opportunity only when its outcome, facts, rule set or
--   program version changed; the current decision is the newest row (ops.pod_decisions_current).
-- - Every decision row carries the facts it was made on (facts jsonb) and the hash of the resolved rule set
--   (ops.rule_sets keeps that set's content), so any decision can be explained later, after the data or the
--   rules changed.
-- - The analyst's state (approved / rejected / reopened) is derived from the events, never stored in place.
-- - `tenant` is the rule set the decision was made with: 'default' = rules/pod.yaml, else the name of
--   rules/tenants/<name>.yaml.

-- One row per distinct resolved rule set (base + tenant overrides, every program version).
CREATE TABLE ops.rule_sets (
  rule_set_hash text PRIMARY KEY,
  tenant text NOT NULL,
  rule_set_id text NOT NULL,
  -- [{ "path": "rules/pod.yaml", "sha256": "…" }, …] base first
  files jsonb NOT NULL,
  content jsonb NOT NULL,
  first_used_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ops.rule_sets IS 'Resolved POD rule sets by content hash (sha256 of the canonical JSON): the files they came from and every program version';

CREATE TABLE ops.decision_runs (
  run_id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  tenant text NOT NULL,
  rule_set_hash text REFERENCES ops.rule_sets (rule_set_hash),
  as_of date NOT NULL,
  opportunities integer NOT NULL DEFAULT 0,
  auto_approve integer NOT NULL DEFAULT 0,
  needs_review integer NOT NULL DEFAULT 0,
  auto_reject integer NOT NULL DEFAULT 0,
  decisions_written integer NOT NULL DEFAULT 0,
  facts_ms integer,
  evaluate_ms integer,
  duration_ms integer,
  error text
);
CREATE INDEX decision_runs_started_idx ON ops.decision_runs (started_at DESC);
COMMENT ON TABLE ops.decision_runs IS 'One row per revops decide run: tenant, rule set, as-of date, outcome counts, timings';

CREATE TABLE ops.pod_decisions (
  decision_id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  ace_source_id text NOT NULL,
  tenant text NOT NULL,
  run_id uuid NOT NULL REFERENCES ops.decision_runs (run_id),
  rule_set_hash text NOT NULL REFERENCES ops.rule_sets (rule_set_hash),
  program_version text NOT NULL,
  as_of date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('auto_approve', 'needs_review', 'auto_reject')),
  -- per rule: id, title, severity, status (pass / fail / unknown / skipped), effective severity, facts read, explanation
  results jsonb NOT NULL,
  facts jsonb NOT NULL,
  facts_hash text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pod_decisions_ace_idx ON ops.pod_decisions (tenant, ace_source_id, seq DESC);
CREATE INDEX pod_decisions_run_idx ON ops.pod_decisions (run_id);
COMMENT ON TABLE ops.pod_decisions IS 'Automatic POD decisions, append-only: outcome, per-rule results and the facts snapshot they were made on; the newest row per tenant and ACE opportunity is current';

CREATE TABLE ops.pod_decision_events (
  event_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  ace_source_id text NOT NULL,
  tenant text NOT NULL,
  -- the automatic decision the analyst was looking at
  decision_id uuid REFERENCES ops.pod_decisions (decision_id),
  action text NOT NULL CHECK (action IN ('approve', 'reject', 'reopen')),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  actor text NOT NULL CHECK (length(btrim(actor)) > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pod_decision_events_ace_idx ON ops.pod_decision_events (tenant, ace_source_id, seq);
COMMENT ON TABLE ops.pod_decision_events IS 'Analyst actions on POD decisions (approve / reject / reopen with reason and user), append-only; the current state is derived from them';

CREATE FUNCTION ops.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER pod_decisions_append_only BEFORE UPDATE OR DELETE ON ops.pod_decisions FOR EACH ROW EXECUTE FUNCTION ops.refuse_change();
CREATE TRIGGER pod_decisions_no_truncate BEFORE TRUNCATE ON ops.pod_decisions FOR EACH STATEMENT EXECUTE FUNCTION ops.refuse_change();
CREATE TRIGGER pod_decision_events_append_only BEFORE UPDATE OR DELETE ON ops.pod_decision_events FOR EACH ROW EXECUTE FUNCTION ops.refuse_change();
CREATE TRIGGER pod_decision_events_no_truncate BEFORE TRUNCATE ON ops.pod_decision_events FOR EACH STATEMENT EXECUTE FUNCTION ops.refuse_change();

-- The current automatic decision per tenant and ACE opportunity.
CREATE VIEW ops.pod_decisions_current AS
  SELECT DISTINCT ON (tenant, ace_source_id) *
  FROM ops.pod_decisions
  ORDER BY tenant, ace_source_id, seq DESC;
COMMENT ON VIEW ops.pod_decisions_current IS 'The newest automatic POD decision per tenant and ACE opportunity';
