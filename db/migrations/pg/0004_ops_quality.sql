-- 0004 ops quality: what `revops quality` (main/services/quality) records.
-- One row per run in ops.data_quality_runs (scores per table and overall), one row per check in
-- ops.data_quality_checks (seed 002 columns plus run, name, severity, score) with up to 50 failing examples.

CREATE TABLE ops.data_quality_runs (
  run_id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  duration_ms integer,
  -- 0–100: mean of the table scores
  overall_score numeric(5,2),
  -- {"core.odoo_opportunities": 97.5, …}
  table_scores jsonb NOT NULL DEFAULT '{}'::jsonb,
  checks_run integer NOT NULL DEFAULT 0,
  checks_failed integer NOT NULL DEFAULT 0,
  -- the transform batch the checks saw (core.transform_state.last_batch_id), and the latest sync job
  transform_batch_id uuid,
  sync_job_id uuid
);
CREATE INDEX data_quality_runs_started_idx ON ops.data_quality_runs (started_at DESC);
COMMENT ON TABLE ops.data_quality_runs IS 'One row per quality run: overall and per-table scores (0–100)';

CREATE TABLE ops.data_quality_checks (
  check_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL REFERENCES ops.data_quality_runs (run_id) ON DELETE CASCADE,
  sync_job_id uuid REFERENCES ops.sync_jobs (job_id) ON DELETE SET NULL,
  table_name text NOT NULL,
  check_name text NOT NULL,
  -- required | referential | validity | uniqueness | anomaly
  check_type text NOT NULL,
  check_description text,
  -- error | warning | info (info is reported but does not lower the score)
  severity text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  passed boolean,
  records_checked integer NOT NULL DEFAULT 0,
  records_passed integer NOT NULL DEFAULT 0,
  records_failed integer NOT NULL DEFAULT 0,
  -- 0–100: share of checked records that passed
  score numeric(5,2),
  -- {"examples": [...up to 50 failing records...], "skipped": "why", "error": "…"}
  failure_details jsonb,
  executed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quality_checks_job_idx ON ops.data_quality_checks (sync_job_id);
CREATE INDEX quality_checks_table_idx ON ops.data_quality_checks (table_name);
CREATE INDEX quality_checks_run_idx ON ops.data_quality_checks (run_id);
COMMENT ON TABLE ops.data_quality_checks IS 'One row per check of a quality run: records checked/passed/failed, score and failing examples';
