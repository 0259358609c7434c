/**
 * Incremental sync against a source under the test's control, on both warehouse engines: updates,
 * inserts and deletes (several rows sharing one write_date to the second), ties at the cursor, rows
 * that slip past the cursor, tables without key or change column, schema changes and quarantine.
 * After each sync raw must equal the source, table by table.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../../db/testing';
import type { Settings } from '../../config/settings';
import { runSync } from './index';
import type { JobResult } from './types';
import { compareRawToSource } from './testing';
import { startTestSource } from './test-source';
import type { TestSource } from './test-source';

const SETUP = `
CREATE TABLE res_partner (id serial PRIMARY KEY, name varchar NOT NULL, active boolean, score numeric(10,2), tags jsonb,
  write_date timestamp without time zone);
INSERT INTO res_partner (name, active, score, tags, write_date)
  SELECT 'Partner ' || g, g % 3 <> 0, g * 1.5, jsonb_build_object('g', g), timestamp '2026-06-01 10:00:00' + g * interval '1 minute'
  FROM generate_series(1, 200) g;
CREATE TABLE crm_tag_rel (lead_id integer, tag_id integer, PRIMARY KEY (lead_id, tag_id));
INSERT INTO crm_tag_rel SELECT g, g % 5 FROM generate_series(1, 50) g;
CREATE TABLE audit_note (note text, at timestamp);
INSERT INTO audit_note VALUES ('a', '2026-01-01'), ('b', NULL);
CREATE TABLE doc (id integer PRIMARY KEY, body json, qty integer, write_date timestamp);
INSERT INTO doc SELECT g, json_build_object('n', g), g, timestamp '2026-06-01 12:00:00' FROM generate_series(1, 20) g;
`;

describeEngines('incremental sync', (getDb) => {
  let source: TestSource;
  let dataDir: string;
  let settings: Settings;

  const sync = async (full = false): Promise<JobResult> => {
    const r = await runSync({ db: getDb(), dataDir, settings, systems: 'odoo', full, env: {}, retryDelayMs: 1 });
    const job = r.jobs[0] as JobResult;
    if (job.status !== 'succeeded') throw new Error(`sync ${job.status}: ${job.error}`);
    return job;
  };
  const table = (job: JobResult, name: string) => job.tables.find((t) => t.sourceTable === name);
  const expectMirror = async () => {
    const diffs = await compareRawToSource(getDb(), 'odoo', source.url);
    expect(diffs.filter((d) => !d.same)).toEqual([]);
    return diffs;
  };

  beforeAll(async () => {
    source = await startTestSource(SETUP);
    dataDir = await mkdtemp(join(tmpdir(), 'revops-sync-incr-'));
    settings = { version: 1, tenant: 'default', sources: { odoo: { kind: 'url', url: source.url }, apn: null } };
    const first = await sync();
    expect(table(first, 'res_partner')).toMatchObject({ mode: 'full', inserted: 200 });
    expect(table(first, 'audit_note')).toMatchObject({ mode: 'replace', inserted: 2 });
    await expectMirror();
  }, 60_000);

  afterAll(async () => {
    await source?.close();
  });

  it('applies updates, inserts and deletes made by a bulk job stamping one write_date', async () => {
    await source.write(`
      UPDATE res_partner SET name = name || ' (renamed)', score = score + 1, write_date = '2026-07-01 08:00:00' WHERE id IN (3, 50, 120);
      INSERT INTO res_partner (name, active, write_date) VALUES ('New A', true, '2026-07-01 08:00:00'), ('New B', NULL, '2026-07-01 08:00:00');
      DELETE FROM res_partner WHERE id IN (7, 8);
      INSERT INTO crm_tag_rel VALUES (99, 1); DELETE FROM crm_tag_rel WHERE lead_id = 1;
      INSERT INTO audit_note VALUES ('c', now());`);
    const job = await sync();
    expect(table(job, 'res_partner')).toMatchObject({ mode: 'incremental', inserted: 2, updated: 3, deleted: 2 });
    // The 5 changed rows, plus the few stamped within the cursor overlap (read again, left unchanged).
    expect(table(job, 'res_partner')?.rowsRead).toBeGreaterThanOrEqual(5);
    expect(table(job, 'res_partner')?.rowsRead).toBeLessThan(20);
    expect(table(job, 'crm_tag_rel')).toMatchObject({ mode: 'full', inserted: 1, deleted: 1 });
    expect(table(job, 'audit_note')).toMatchObject({ mode: 'replace', inserted: 3, deleted: 2 });
    // doc's rows all share the cursor's write_date: read again (overlap), nothing written.
    expect(table(job, 'doc')).toMatchObject({ mode: 'incremental', rowsRead: 20, inserted: 0, updated: 0, deleted: 0 });
    await expectMirror();
    const deleted = await getDb().query<{ k: { id: number } }>(`SELECT source_key AS k FROM ops.sync_deleted_rows WHERE job_id = $1 AND raw_table = 'raw.odoo_res_partner' ORDER BY 1`, [job.jobId]);
    expect(deleted.rows.map((r) => r.k.id).sort()).toEqual([7, 8]);
    const cursor = await getDb().query(`SELECT cursor_value, cursor_id, change_column FROM ops.sync_cursors WHERE source_table = 'res_partner'`);
    expect(cursor.rows[0]).toEqual({ cursor_value: '2026-07-01 08:00:00', cursor_id: '202', change_column: 'write_date' });
    // Only the changed rows carry the new batch id.
    const batch = await getDb().query<{ id: number }>(`SELECT id FROM raw.odoo_res_partner WHERE _sync_batch_id = $1 ORDER BY id`, [job.jobId]);
    expect(batch.rows.map((r) => r.id)).toEqual([3, 50, 120, 201, 202]);
  });

  it('catches rows written later with the same write_date as the cursor (ties, lower ids included)', async () => {
    await source.write(`UPDATE res_partner SET name = 'Tie low id', write_date = '2026-07-01 08:00:00' WHERE id = 2;
      UPDATE res_partner SET active = NOT coalesce(active, false), write_date = '2026-07-01 08:00:00' WHERE id = 201`);
    const job = await sync();
    expect(table(job, 'res_partner')).toMatchObject({ mode: 'incremental', updated: 2, inserted: 0 });
    await expectMirror();
  });

  it('re-reads a table in full when rows slipped past the cursor, and reads NULL change dates every time', async () => {
    // A row inserted with an old write_date (long transaction committing late, or a data import).
    await source.write(`INSERT INTO res_partner (id, name, write_date) VALUES (5000, 'Late import', '2020-01-01');
      INSERT INTO res_partner (id, name, write_date) VALUES (5001, 'Never stamped', NULL)`);
    const job = await sync();
    expect(table(job, 'res_partner')).toMatchObject({ mode: 'full', inserted: 2 });
    expect(job.warnings.some((w) => w.includes('raw.odoo_res_partner') && w.includes('read in full'))).toBe(true);
    await expectMirror();
    await source.write(`UPDATE res_partner SET name = 'Stamped later? no' WHERE id = 5001`);
    expect(table(await sync(), 'res_partner')).toMatchObject({ mode: 'incremental', updated: 1 });
    await expectMirror();
  });

  it('a change that left write_date untouched is found by --full', async () => {
    await source.write(`UPDATE res_partner SET score = 4242 WHERE id = 10`);
    expect(table(await sync(), 'res_partner')).toMatchObject({ updated: 0 });
    const full = await sync(true);
    expect(table(full, 'res_partner')).toMatchObject({ mode: 'full', updated: 1, inserted: 0, deleted: 0 });
    expect(table(full, 'doc')).toMatchObject({ mode: 'full', updated: 0 });
    await expectMirror();
  });

  it('follows the source schema: new column appears, dropped column is kept and logged once, widened type followed', async () => {
    await source.write(`ALTER TABLE res_partner ADD COLUMN vat varchar; UPDATE res_partner SET vat = 'DE' || id, write_date = '2026-07-02 00:00:00' WHERE id <= 5;
      ALTER TABLE res_partner DROP COLUMN tags;
      ALTER TABLE doc ALTER COLUMN qty TYPE bigint; UPDATE doc SET qty = 9000000000, write_date = '2026-07-02 00:00:00' WHERE id = 1`);
    const job = await sync();
    expect(table(job, 'res_partner')).toMatchObject({ mode: 'incremental', updated: 5 });
    await expectMirror();
    const db = getDb();
    const cols = await db.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'raw.odoo_res_partner'::regclass AND attnum > 0 AND NOT attisdropped`,
    );
    expect(cols.rows.map((c) => c.name)).toEqual(expect.arrayContaining(['vat', 'tags', '_raw_id', '_sync_batch_id']));
    expect((await db.query<{ n: number }>(`SELECT count(tags)::int AS n FROM raw.odoo_res_partner`)).rows[0]?.n).toBeGreaterThan(190);
    const changes = await db.query<{ change: string; column_name: string }>(`SELECT change, column_name FROM ops.sync_schema_changes WHERE job_id = $1 ORDER BY change`, [job.jobId]);
    expect(changes.rows).toEqual([
      { change: 'column_added', column_name: 'vat' },
      { change: 'column_dropped_in_source', column_name: 'tags' },
      { change: 'type_changed', column_name: 'qty' },
    ]);
    expect(job.warnings.join('\n')).toMatch(/tags no longer exists in the source; kept in raw/);
    const next = await sync();
    expect(next.warnings).toEqual([]);
    expect((await db.query(`SELECT 1 FROM ops.sync_schema_changes WHERE job_id = $1`, [next.jobId])).rowCount).toBe(0);
  });

  it('quarantines values raw cannot store and reports them in the job', async () => {
    const db = getDb();
    // Something built on raw (a view) pins the column's type, so raw cannot follow the source to text.
    await db.exec(`CREATE VIEW raw.test_doc_qty AS SELECT id, qty FROM raw.odoo_doc`);
    await source.write(`ALTER TABLE doc ALTER COLUMN qty TYPE text; UPDATE doc SET qty = 'lots', write_date = '2026-07-03 00:00:00' WHERE id = 2;
      UPDATE doc SET qty = '77', write_date = '2026-07-03 00:00:00' WHERE id = 3`);
    const job = await sync();
    expect(table(job, 'doc')).toMatchObject({ mode: 'incremental', failed: 1, updated: 1 });
    expect(job.totals.failed).toBe(1);
    expect(job.warnings.join('\n')).toMatch(/qty .*stays bigint in raw/);
    const q = await db.query<{ source_key: unknown; column_name: string; value: string; error: string; row_data: { id: string } }>(
      `SELECT source_key, column_name, value, error, row_data FROM ops.sync_quarantine WHERE job_id = $1`,
      [job.jobId],
    );
    expect(q.rows).toHaveLength(1);
    expect(q.rows[0]).toMatchObject({ source_key: { id: '2' }, column_name: 'qty', value: 'lots', row_data: { id: '2' } });
    expect(q.rows[0]?.error).toMatch(/invalid input syntax for type bigint/);
    expect((await db.query<{ qty: number }>(`SELECT qty FROM raw.odoo_doc WHERE id = 3`)).rows[0]?.qty).toBe(77);
    expect((await db.query<{ failed: number }>(`SELECT records_failed::int AS failed FROM ops.sync_jobs WHERE job_id = $1`, [job.jobId])).rows[0]?.failed).toBe(1);
    await db.exec(`DROP VIEW raw.test_doc_qty`);
  });
});
