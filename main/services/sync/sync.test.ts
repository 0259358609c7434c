/**
 * End to end on both warehouse engines: the tiny demo sources (embedded, served on loopback) synced into
 * raw; raw equals the source table by table; a second sync changes nothing; the job is recorded.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { listJobs, jobTables } from '../../../db/queries/sync';
import { describeEngines } from '../../../db/testing';
import { serveDemoSources } from '../demo-sources/serve';
import type { SyncRunResult } from './index';
import { runSync } from './index';
import { compareRawToSource, syncTinyDemo } from './testing';

describeEngines('sync of the tiny demo sources', (getDb) => {
  let dataDir: string;
  let first: SyncRunResult;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'revops-sync-'));
    first = await syncTinyDemo(getDb(), dataDir);
  }, 120_000);

  it('mirrors every source table in raw, row for row, with the metadata columns', async () => {
    const db = getDb();
    expect(first.jobs.map((j) => [j.system, j.status])).toEqual([
      ['odoo', 'succeeded'],
      ['apn', 'succeeded'],
    ]);
    const served = await serveDemoSources(dataDir);
    try {
      for (const system of ['odoo', 'apn'] as const) {
        const diffs = await compareRawToSource(db, system, served.urls[system]);
        expect(diffs.length).toBeGreaterThan(5);
        expect(diffs.filter((d) => !d.same)).toEqual([]);
      }
    } finally {
      await served.close();
    }
    const meta = await db.query<{ n: number; batches: number; systems: string[] }>(
      `SELECT count(*)::int AS n, count(DISTINCT _sync_batch_id)::int AS batches, array_agg(DISTINCT _source_system) AS systems FROM raw.apn_opportunity`,
    );
    expect(meta.rows[0]).toEqual({ n: 60, batches: 1, systems: ['apn'] });
    const odooJob = first.jobs[0];
    expect((await db.query(`SELECT 1 FROM raw.apn_opportunity WHERE _sync_batch_id <> $1`, [first.jobs[1]?.jobId])).rowCount).toBe(0);
    expect(odooJob?.totals.inserted).toBe(odooJob?.totals.rowsRead);
  });

  it('records each job with its per-table counts', async () => {
    const db = getDb();
    const jobs = await listJobs(db, 10);
    const odoo = jobs.find((j) => j.job_id === first.jobs[0]?.jobId);
    expect(odoo).toMatchObject({ status: 'succeeded', source_system: 'odoo', scope: 'all', job_type: 'incremental', records_failed: 0 });
    expect(odoo?.records_inserted).toBe(first.jobs[0]?.totals.inserted);
    const tables = await jobTables(db, first.jobs[0]?.jobId as string);
    expect(tables.find((t) => t.source_table === 'account_move_line')).toMatchObject({ raw_table: 'raw.odoo_account_move_line', mode: 'full', rows_read: 8000, inserted: 8000 });
  });

  it('a second sync reads only recent changes and changes nothing', async () => {
    const db = getDb();
    const before = await db.query<{ b: string }>(`SELECT max(_ingested_at)::text AS b FROM raw.odoo_crm_lead`);
    const again = await runSync({ db, dataDir, env: {} });
    expect(again.ok).toBe(true);
    for (const job of again.jobs) expect(job.totals).toMatchObject({ inserted: 0, updated: 0, deleted: 0, failed: 0 });
    // Only tables without a change column are read in full again (small reference tables).
    const full = again.jobs.flatMap((j) => j.tables.filter((t) => t.mode === 'full').map((t) => t.sourceTable));
    expect(full.sort()).toEqual(['apn_funding_request_history', 'crm_tag_rel']);
    const after = await db.query<{ b: string }>(`SELECT max(_ingested_at)::text AS b FROM raw.odoo_crm_lead`);
    expect(after.rows[0]?.b).toBe(before.rows[0]?.b);
  });

  it('syncs the billing tables alone, cost rows first', async () => {
    const events: string[] = [];
    const r = await runSync({ db: getDb(), dataDir, systems: 'billing', full: true, env: {}, onProgress: (p) => p.phase === 'done' && events.push(p.table) });
    expect(r.jobs).toHaveLength(1);
    expect(r.jobs[0]).toMatchObject({ system: 'odoo', scope: 'billing', status: 'succeeded' });
    expect(events.slice(0, 2)).toEqual(['c_billing_internal_cur', 'c_billing_bill_line']);
    expect([...events].sort()).toEqual(['account_move', 'account_move_line', 'c_billing_bill', 'c_billing_bill_line', 'c_billing_internal_cur', 'c_billing_spp_bill']);
    expect(r.jobs[0]?.totals).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
  });
});
