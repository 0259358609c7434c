/**
 * Reliability on both warehouse engines:
 * - a source that goes down in the middle of a COPY: the job fails after its retries with a clear reason,
 *   the warehouse is exactly as before the job, and the other source's job still succeeds;
 * - two syncs at once: the second is refused (never interleaved).
 * (kill -9 of a syncing process: kill.test.ts.)
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, describeEngines } from '../../../db/testing';
import type { Db } from '../../../db/types';
import type { Settings } from '../../config/settings';
import { runSync, SyncBusyError } from './index';
import { compareRawToSource } from './testing';
import { startTestSource } from './test-source';
import type { TestSource } from './test-source';

const ODOO = `
CREATE TABLE big_lines (id integer PRIMARY KEY, move_id integer, label varchar, amount numeric(14,2), write_date timestamp);
INSERT INTO big_lines SELECT g, g / 10, 'line ' || g || repeat(' x', 20), g * 0.01, timestamp '2026-06-01' + g * interval '1 second' FROM generate_series(1, 200000) g;
CREATE TABLE res_users (id integer PRIMARY KEY, login varchar, write_date timestamp);
INSERT INTO res_users SELECT g, 'user' || g || '@example.com', '2026-06-01' FROM generate_series(1, 30) g;`;
const APN = `
CREATE TABLE apn_users (id integer PRIMARY KEY, email varchar, last_modified_date timestamptz);
INSERT INTO apn_users SELECT g, 'u' || g || '@example.com', '2026-06-01 00:00:00+00' FROM generate_series(1, 25) g;`;

/** Everything a sync may change in the warehouse, as one comparable value. */
async function warehouseState(db: Db): Promise<unknown> {
  const tables = await db.query<{ t: string }>(`SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname = 'raw' ORDER BY 1`);
  const out: Record<string, unknown> = {};
  for (const { t } of tables.rows) {
    const r = await db.query<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`);
    out[t] = r.rows[0];
  }
  for (const t of ['ops.sync_cursors', 'ops.sync_quarantine', 'ops.sync_schema_changes', 'ops.sync_deleted_rows', 'ops.sync_job_tables']) {
    out[t] = (await db.query(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`)).rows[0];
  }
  return out;
}

describeEngines('reliability', (getDb) => {
  let odoo: TestSource;
  let apn: TestSource;
  let dataDir: string;
  let settings: Settings;

  beforeAll(async () => {
    odoo = await startTestSource(ODOO);
    apn = await startTestSource(APN);
    dataDir = await mkdtemp(join(tmpdir(), 'revops-sync-rel-'));
    settings = { version: 1, tenant: 'default', sources: { odoo: { kind: 'url', url: odoo.url }, apn: { kind: 'url', url: apn.url } } };
    const first = await runSync({ db: getDb(), dataDir, settings, env: {} });
    expect(first.ok).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await odoo?.close();
    await apn?.close();
  });

  it('refuses a second sync while one runs, on the same warehouse', async () => {
    const db = getDb();
    let second: Promise<unknown> | null = null;
    const first = runSync({
      db,
      dataDir,
      settings,
      systems: 'odoo',
      full: true,
      env: {},
      // Started from inside the first run, while it holds the lock and copies.
      onProgress: (p) => {
        if (!second && p.phase === 'copying') second = runSync({ db, dataDir, settings, systems: 'apn', env: {} }).catch((e: unknown) => e);
      },
    });
    expect((await first).ok).toBe(true);
    expect(second).not.toBeNull();
    const refused: unknown = await (second as Promise<unknown> | null);
    expect(refused).toBeInstanceOf(SyncBusyError);
    expect((refused as Error).message).toMatch(/Another sync is running on this warehouse \((odoo job|run) .*\); this one was not started/);
    // And once it is over, the next one runs.
    expect((await runSync({ db, dataDir, settings, systems: 'apn', env: {} })).ok).toBe(true);
  }, 60_000);

  it('a source that goes down mid-COPY fails its job after 3 attempts, leaves the warehouse as it was, and the other source still syncs', async () => {
    const db = getDb();
    await odoo.write(`UPDATE big_lines SET amount = amount + 1, write_date = '2026-08-01' WHERE id % 1000 = 0; DELETE FROM res_users WHERE id = 1`);
    await apn.write(`UPDATE apn_users SET email = 'changed@example.com', last_modified_date = '2026-08-01 00:00:00+00' WHERE id = 3`);
    const before = await warehouseState(db);
    const logs: string[] = [];
    let stopped = false;
    const r = await runSync({
      db,
      dataDir,
      settings,
      full: true,
      env: {},
      retryDelayMs: 5,
      log: (level, m) => logs.push(`${level} ${m}`),
      onProgress: (p) => {
        if (!stopped && p.source === 'odoo' && p.table === 'big_lines' && p.phase === 'copying' && p.rowsDone > 0) {
          stopped = true;
          void odoo.stop();
        }
      },
    });
    expect(stopped).toBe(true);
    const [o, a] = r.jobs;
    expect(o).toMatchObject({ system: 'odoo', status: 'failed', attempts: 3 });
    expect(o?.error).toMatch(/^Source unavailable after 3 attempts: odoo source postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres.*Nothing of this job was applied/);
    expect(o?.error).toMatch(/connection refused/);
    expect(logs.filter((l) => l.startsWith('warn') && /attempt \d of 3 failed/.test(l))).toHaveLength(2);
    expect(a).toMatchObject({ system: 'apn', status: 'succeeded' });
    // The odoo side of the warehouse is exactly as before the job; apn moved on.
    const after = (await warehouseState(db)) as Record<string, unknown>;
    const b = before as Record<string, unknown>;
    for (const t of Object.keys(b).filter((k) => k.startsWith('raw.odoo_'))) expect(after[t]).toEqual(b[t]);
    expect(after['raw.apn_users']).not.toEqual(b['raw.apn_users']);
    const cursors = await db.query(`SELECT source_table, cursor_value FROM ops.sync_cursors WHERE source_system = 'odoo' AND last_job_id = $1`, [o?.jobId]);
    expect(cursors.rowCount).toBe(0);
    const row = await db.query<{ status: string; error_message: string; attempts: number }>(`SELECT status, error_message, attempts FROM ops.sync_jobs WHERE job_id = $1`, [o?.jobId]);
    expect(row.rows[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row.rows[0]?.error_message).toBe(o?.error);
    expect(await compareRawToSource(db, 'apn', apn.url)).toSatisfy((d: { same: boolean }[]) => d.every((x) => x.same));
  }, 60_000);
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('two processes (two connections) on one server warehouse', () => {
  it('the second sync is refused by the advisory lock', async () => {
    const source = await startTestSource(ODOO);
    const a = await openTestDb('postgres');
    const { openPostgres } = await import('../../../db/postgres');
    const other = await openPostgres(a.url as string);
    try {
      const dataDir = await mkdtemp(join(tmpdir(), 'revops-sync-lock-'));
      const settings: Settings = { version: 1, tenant: 'default', sources: { odoo: { kind: 'url', url: source.url }, apn: null } };
      let second: Promise<unknown> | null = null;
      const first = runSync({
        db: a.db,
        dataDir,
        settings,
        systems: 'odoo',
        env: {},
        onProgress: (p) => {
          if (!second && p.phase === 'copying') second = runSync({ db: other, dataDir, settings, systems: 'odoo', env: {} }).catch((e: unknown) => e);
        },
      });
      expect((await first).ok).toBe(true);
      expect(await second).toBeInstanceOf(SyncBusyError);
      const jobs = await a.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ops.sync_jobs`);
      expect(jobs.rows[0]?.n).toBe(1);
    } finally {
      await other.close();
      await a.dispose();
      await source.close();
    }
  }, 60_000);
});
