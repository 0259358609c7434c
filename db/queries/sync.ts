/**
 * Named queries over the sync's ops tables (db/migrations/pg/0002_ops_sync.sql).
 * Job rows are written OUTSIDE a job's transaction when it starts and when it fails (so a failed job is
 * recorded although its changes were rolled back) and INSIDE it when it succeeds (commit = success).
 */
import { sql } from '../sql';
import type { Queryable } from '../types';

export type SyncJobRow = {
  job_id: string;
  run_id: string;
  source_system: string;
  scope: string;
  job_type: string;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  attempts: number;
  tables_synced: number;
  rows_read: number;
  records_inserted: number;
  records_updated: number;
  records_deleted: number;
  records_failed: number;
  error_message: string | null;
  warnings: string[];
  source_description: string | null;
};

export type NewJob = { jobId: string; runId: string; system: string; scope: string; jobType: string; runner: string };

export async function insertJob(db: Queryable, j: NewJob): Promise<void> {
  const q = sql`INSERT INTO ops.sync_jobs (job_id, run_id, source_system, scope, job_type, status, runner)
    VALUES (${j.jobId}, ${j.runId}, ${j.system}, ${j.scope}, ${j.jobType}, 'running', ${j.runner})`;
  await db.query(q.text, q.values);
}

export type JobOutcome = {
  status: 'succeeded' | 'failed' | 'cancelled';
  attempts: number;
  durationMs: number;
  tablesSynced: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  deleted: number;
  failed: number;
  error: string | null;
  warnings: string[];
  source: string | null;
};

export async function finishJob(db: Queryable, jobId: string, o: JobOutcome): Promise<void> {
  const q = sql`UPDATE ops.sync_jobs SET status = ${o.status}, finished_at = now(), duration_ms = ${Math.round(o.durationMs)},
      attempts = ${o.attempts}, tables_synced = ${o.tablesSynced}, rows_read = ${o.rowsRead}, records_inserted = ${o.inserted},
      records_updated = ${o.updated}, records_deleted = ${o.deleted}, records_failed = ${o.failed},
      error_message = ${o.error}, warnings = ${JSON.stringify(o.warnings)}::jsonb, source_description = ${o.source}
    WHERE job_id = ${jobId}`;
  await db.query(q.text, q.values);
}

/** Jobs left 'running' by a process that ended (crash, kill -9): call only while holding the sync lock. */
export async function failInterruptedJobs(db: Queryable): Promise<number> {
  const r = await db.query(
    `UPDATE ops.sync_jobs SET status = 'failed', finished_at = now(),
       error_message = 'Interrupted: the process running this job ended before it finished; nothing of it was applied. Sync again.'
     WHERE status = 'running'`,
  );
  return r.rowCount;
}

export async function runningJob(db: Queryable): Promise<SyncJobRow | null> {
  const r = await db.query<SyncJobRow>(`SELECT * FROM ops.sync_jobs WHERE status = 'running' ORDER BY started_at DESC LIMIT 1`);
  return r.rows[0] ?? null;
}

export async function listJobs(db: Queryable, limit: number): Promise<SyncJobRow[]> {
  const q = sql`SELECT job_id::text, run_id::text, source_system, scope, job_type, status, started_at, finished_at, duration_ms, attempts,
      tables_synced, rows_read, records_inserted, records_updated, records_deleted, records_failed, error_message, warnings, source_description
    FROM ops.sync_jobs ORDER BY started_at DESC, job_id LIMIT ${limit}`;
  const r = await db.query<SyncJobRow>(q.text, q.values);
  return r.rows.map((row) => ({ ...row, rows_read: Number(row.rows_read), records_inserted: Number(row.records_inserted), records_updated: Number(row.records_updated), records_deleted: Number(row.records_deleted), records_failed: Number(row.records_failed) }));
}

export type JobTableRow = {
  source_table: string;
  raw_table: string;
  mode: string;
  rows_read: number;
  inserted: number;
  updated: number;
  deleted: number;
  failed: number;
  duration_ms: number;
};

export async function insertJobTable(db: Queryable, jobId: string, t: JobTableRow): Promise<void> {
  const q = sql`INSERT INTO ops.sync_job_tables (job_id, source_table, raw_table, mode, rows_read, inserted, updated, deleted, failed, duration_ms)
    VALUES (${jobId}, ${t.source_table}, ${t.raw_table}, ${t.mode}, ${t.rows_read}, ${t.inserted}, ${t.updated}, ${t.deleted}, ${t.failed}, ${Math.round(t.duration_ms)})`;
  await db.query(q.text, q.values);
}

export async function jobTables(db: Queryable, jobId: string): Promise<JobTableRow[]> {
  const q = sql`SELECT source_table, raw_table, mode, rows_read::float8 AS rows_read, inserted::float8 AS inserted, updated::float8 AS updated,
      deleted::float8 AS deleted, failed::float8 AS failed, duration_ms FROM ops.sync_job_tables WHERE job_id = ${jobId} ORDER BY source_table`;
  return (await db.query<JobTableRow>(q.text, q.values)).rows;
}

export type CursorRow = {
  source_system: string;
  source_table: string;
  raw_table: string;
  change_column: string | null;
  cursor_value: string | null;
  cursor_id: string | null;
  key_columns: string[];
  source_columns: { name: string; type: string }[];
  source_rows: number | null;
  gone_from_source_at: Date | null;
};

export async function loadCursors(db: Queryable, system: string): Promise<Map<string, CursorRow>> {
  const q = sql`SELECT source_system, source_table, raw_table, change_column, cursor_value, cursor_id, key_columns, source_columns,
      source_rows::float8 AS source_rows, gone_from_source_at FROM ops.sync_cursors WHERE source_system = ${system}`;
  const r = await db.query<CursorRow>(q.text, q.values);
  return new Map(r.rows.map((row) => [row.source_table, row]));
}

export type CursorUpdate = {
  system: string;
  sourceTable: string;
  rawTable: string;
  changeColumn: string | null;
  cursorValue: string | null;
  cursorId: string | null;
  keyColumns: string[];
  sourceColumns: { name: string; type: string }[];
  sourceRows: number;
  jobId: string;
  full: boolean;
};

export async function saveCursor(db: Queryable, c: CursorUpdate): Promise<void> {
  const q = sql`INSERT INTO ops.sync_cursors AS k (source_system, source_table, raw_table, change_column, cursor_value, cursor_id, key_columns,
      source_columns, source_rows, last_job_id, last_full_sync_at, last_sync_at, gone_from_source_at)
    VALUES (${c.system}, ${c.sourceTable}, ${c.rawTable}, ${c.changeColumn}, ${c.cursorValue}, ${c.cursorId}, ${c.keyColumns}::text[],
      ${JSON.stringify(c.sourceColumns)}::jsonb, ${c.sourceRows}, ${c.jobId}, CASE WHEN ${c.full}::boolean THEN now() END, now(), NULL)
    ON CONFLICT (source_system, source_table) DO UPDATE SET raw_table = EXCLUDED.raw_table, change_column = EXCLUDED.change_column,
      cursor_value = EXCLUDED.cursor_value, cursor_id = EXCLUDED.cursor_id, key_columns = EXCLUDED.key_columns,
      source_columns = EXCLUDED.source_columns, source_rows = EXCLUDED.source_rows, last_job_id = EXCLUDED.last_job_id,
      last_full_sync_at = COALESCE(EXCLUDED.last_full_sync_at, k.last_full_sync_at), last_sync_at = now(), gone_from_source_at = NULL`;
  await db.query(q.text, q.values);
}

export async function markGone(db: Queryable, system: string, sourceTable: string): Promise<void> {
  const q = sql`UPDATE ops.sync_cursors SET gone_from_source_at = now() WHERE source_system = ${system} AND source_table = ${sourceTable}`;
  await db.query(q.text, q.values);
}

export type SchemaChange = { jobId: string; system: string; sourceTable: string; rawTable: string; column: string | null; change: string; detail: string };

export async function logSchemaChange(db: Queryable, c: SchemaChange): Promise<void> {
  const q = sql`INSERT INTO ops.sync_schema_changes (job_id, source_system, source_table, raw_table, column_name, change, detail)
    VALUES (${c.jobId}, ${c.system}, ${c.sourceTable}, ${c.rawTable}, ${c.column}, ${c.change}, ${c.detail})`;
  await db.query(q.text, q.values);
}

/** saveCursor for many tables in one statement. */
export async function saveCursors(db: Queryable, list: readonly CursorUpdate[]): Promise<void> {
  if (list.length === 0) return;
  const rows = list.map((c) => ({
    source_system: c.system,
    source_table: c.sourceTable,
    raw_table: c.rawTable,
    change_column: c.changeColumn,
    cursor_value: c.cursorValue,
    cursor_id: c.cursorId,
    key_columns: c.keyColumns,
    source_columns: c.sourceColumns,
    source_rows: c.sourceRows,
    last_job_id: c.jobId,
    full: c.full,
  }));
  const q = sql`INSERT INTO ops.sync_cursors AS k (source_system, source_table, raw_table, change_column, cursor_value, cursor_id, key_columns,
      source_columns, source_rows, last_job_id, last_full_sync_at, last_sync_at, gone_from_source_at)
    SELECT r.source_system, r.source_table, r.raw_table, r.change_column, r.cursor_value, r.cursor_id,
      ARRAY(SELECT jsonb_array_elements_text(r.key_columns)), r.source_columns, r.source_rows, r.last_job_id,
      CASE WHEN r.full THEN now() END, now(), NULL
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(source_system text, source_table text, raw_table text, change_column text,
      cursor_value text, cursor_id text, key_columns jsonb, source_columns jsonb, source_rows bigint, last_job_id uuid, "full" boolean)
    ON CONFLICT (source_system, source_table) DO UPDATE SET raw_table = EXCLUDED.raw_table, change_column = EXCLUDED.change_column,
      cursor_value = EXCLUDED.cursor_value, cursor_id = EXCLUDED.cursor_id, key_columns = EXCLUDED.key_columns,
      source_columns = EXCLUDED.source_columns, source_rows = EXCLUDED.source_rows, last_job_id = EXCLUDED.last_job_id,
      last_full_sync_at = COALESCE(EXCLUDED.last_full_sync_at, k.last_full_sync_at), last_sync_at = now(), gone_from_source_at = NULL`;
  await db.query(q.text, q.values);
}

/** insertJobTable for many tables in one statement. */
export async function insertJobTables(db: Queryable, jobId: string, list: readonly JobTableRow[]): Promise<void> {
  if (list.length === 0) return;
  const rows = list.map((t) => ({ ...t, duration_ms: Math.round(t.duration_ms) }));
  const q = sql`INSERT INTO ops.sync_job_tables (job_id, source_table, raw_table, mode, rows_read, inserted, updated, deleted, failed, duration_ms)
    SELECT ${jobId}, r.source_table, r.raw_table, r.mode, r.rows_read, r.inserted, r.updated, r.deleted, r.failed, r.duration_ms
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(source_table text, raw_table text, mode text, rows_read bigint,
      inserted bigint, updated bigint, deleted bigint, failed bigint, duration_ms integer)`;
  await db.query(q.text, q.values);
}
