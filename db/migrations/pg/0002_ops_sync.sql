-- 0002 ops sync: what the source sync records (main/services/sync).
-- Jobs, their per-table counts, incremental cursors, quarantined values, schema changes and deleted keys.
-- Rows of raw.* are written only by the sync, inside one transaction per job: a job's per-table rows,
-- cursors, quarantine, schema log and deletions commit together with its raw changes, or not at all.

CREATE TABLE ops.sync_jobs (
  job_id uuid PRIMARY KEY,
  -- one `revops sync all` (or one UI click) = one run; its jobs run one after the other
  run_id uuid NOT NULL,
  source_system text NOT NULL CHECK (source_system IN ('odoo', 'apn')),
  -- 'all' = every table of the source, 'billing' = the billing tables only
  scope text NOT NULL CHECK (scope IN ('all', 'billing')),
  job_type text NOT NULL CHECK (job_type IN ('full', 'incremental')),
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  duration_ms integer,
  attempts integer NOT NULL DEFAULT 1,
  tables_synced integer NOT NULL DEFAULT 0,
  rows_read bigint NOT NULL DEFAULT 0,
  records_inserted bigint NOT NULL DEFAULT 0,
  records_updated bigint NOT NULL DEFAULT 0,
  records_deleted bigint NOT NULL DEFAULT 0,
  records_failed bigint NOT NULL DEFAULT 0,
  -- one line, redacted; what went wrong and what to do
  error_message text,
  -- schema changes, quarantined values, skipped tables: short redacted lines
  warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- where the data came from, redacted (never a password)
  source_description text,
  -- which process ran it (pid@host), to tell an interrupted job from a running one
  runner text
);
CREATE INDEX sync_jobs_started_idx ON ops.sync_jobs (started_at DESC);
CREATE INDEX sync_jobs_source_idx ON ops.sync_jobs (source_system, status);
COMMENT ON TABLE ops.sync_jobs IS 'One row per source sync job (main/services/sync); counts are totals over ops.sync_job_tables';

CREATE TABLE ops.sync_job_tables (
  job_id uuid NOT NULL REFERENCES ops.sync_jobs (job_id) ON DELETE CASCADE,
  source_table text NOT NULL,
  raw_table text NOT NULL,
  -- full | incremental | unchanged (incremental found nothing) | replace (no key: whole table replaced)
  mode text NOT NULL,
  rows_read bigint NOT NULL DEFAULT 0,
  inserted bigint NOT NULL DEFAULT 0,
  updated bigint NOT NULL DEFAULT 0,
  deleted bigint NOT NULL DEFAULT 0,
  failed bigint NOT NULL DEFAULT 0,
  duration_ms integer NOT NULL DEFAULT 0,
  PRIMARY KEY (job_id, source_table)
);
COMMENT ON TABLE ops.sync_job_tables IS 'Per-table counts of a succeeded sync job (written in the job''s transaction)';

CREATE TABLE ops.sync_cursors (
  source_system text NOT NULL,
  source_table text NOT NULL,
  raw_table text NOT NULL,
  -- write_date (Odoo), last_modified_date (APN) or NULL: no change column, full copy every time
  change_column text,
  -- the greatest (change_column, id) seen, as the source printed it; NULL before the first sync
  cursor_value text,
  cursor_id text,
  -- the source's key columns and columns (name, type) at the last sync: schema changes are diffs of these
  key_columns text[] NOT NULL DEFAULT '{}',
  source_columns jsonb NOT NULL DEFAULT '[]'::jsonb,
  source_rows bigint,
  last_job_id uuid,
  last_full_sync_at timestamptz,
  last_sync_at timestamptz,
  -- set when the table disappeared from the source (its raw table is kept)
  gone_from_source_at timestamptz,
  PRIMARY KEY (source_system, source_table)
);
COMMENT ON TABLE ops.sync_cursors IS 'Incremental sync state per source table: cursor, known schema, last sync';

CREATE TABLE ops.sync_quarantine (
  quarantine_id bigserial PRIMARY KEY,
  job_id uuid NOT NULL,
  source_system text NOT NULL,
  source_table text NOT NULL,
  raw_table text NOT NULL,
  -- the row's source key, e.g. {"id": 42}
  source_key jsonb,
  column_name text NOT NULL,
  value text,
  error text NOT NULL,
  -- the whole source row as text values, so nothing is lost
  row_data jsonb NOT NULL,
  quarantined_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_quarantine_job_idx ON ops.sync_quarantine (job_id);
CREATE INDEX sync_quarantine_table_idx ON ops.sync_quarantine (source_system, source_table);
COMMENT ON TABLE ops.sync_quarantine IS 'Source values the raw table could not store (e.g. a column whose raw type could not follow the source), with the error';

CREATE TABLE ops.sync_schema_changes (
  change_id bigserial PRIMARY KEY,
  job_id uuid NOT NULL,
  source_system text NOT NULL,
  source_table text NOT NULL,
  raw_table text NOT NULL,
  column_name text,
  -- table_created | column_added | column_dropped_in_source | type_changed | type_kept | table_gone_from_source | key_changed
  change text NOT NULL,
  detail text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_schema_changes_table_idx ON ops.sync_schema_changes (source_system, source_table);
COMMENT ON TABLE ops.sync_schema_changes IS 'How raw followed the source schema: new tables and columns, dropped columns (kept in raw), type changes';

CREATE TABLE ops.sync_deleted_rows (
  job_id uuid NOT NULL,
  raw_table text NOT NULL,
  source_key jsonb NOT NULL,
  deleted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_deleted_rows_table_idx ON ops.sync_deleted_rows (raw_table, deleted_at);
COMMENT ON TABLE ops.sync_deleted_rows IS 'Keys of raw rows removed because they were deleted in the source (for incremental consumers of raw)';

-- Staging tables of a running job live in its transaction only (temporary tables); nothing to clean up
-- after a crash. This function reports why a text value cannot be read as a type (NULL = it can), for
-- the quarantine path only (columns whose raw type differs from the source's).
CREATE FUNCTION ops.sync_cast_error(value text, type_name text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
  max_length integer;
BEGIN
  IF value IS NULL THEN
    RETURN NULL;
  END IF;
  -- An explicit cast to varchar(n)/char(n) truncates silently; storing into the column would fail instead.
  max_length := substring(type_name FROM '^character(?: varying)?\((\d+)\)$')::integer;
  IF max_length IS NOT NULL AND char_length(value) > max_length THEN
    RETURN format('value too long for type %s', type_name);
  END IF;
  EXECUTE format('SELECT %L::%s', value, type_name);
  RETURN NULL;
EXCEPTION WHEN others THEN
  RETURN SQLERRM;
END;
$$;
