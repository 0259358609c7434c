/**
 * kill -9 in the middle of a sync, on both warehouse engines: a `revops sync all` child process (serving
 * the embedded demo sources itself, as a user's CLI would) is killed while it copies a large table; the
 * next sync finds the warehouse as it was before (the killed job's transaction never committed), marks
 * the killed job as interrupted, and leaves raw holding exactly the source's rows.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { createServerDatabase, describeEngines } from '../../../db/testing';
import type { Db } from '../../../db/types';
import { openWarehouse } from '../../../db/warehouse';
import { serveDemoSources } from '../demo-sources/serve';
import { runSync } from './index';
import { addBulkTable, compareRawToSource, installTinyDemo } from './testing';

const bin = resolve(import.meta.dirname, '../../../bin/revops.js');

/** Starts `revops sync all` and kill -9s it once it reports copying bulk_rows; resolves when it is gone. */
function syncAndKill(dataDir: string, databaseUrl: string | undefined): Promise<{ stderr: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, 'sync', 'all'], {
      env: { ...process.env, REVOPS_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      stderr += s;
      if (!killed && /odoo bulk_rows \[\d+\/\d+\]: [\d,]+\/[\d,]+ rows \(/.test(stderr)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolvePromise({ stderr, signal }));
  });
}

describeEngines('kill -9 during a sync', (_getDb, engine) => {
  it('the next sync leaves raw equal to the source and the killed job marked interrupted', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), `revops-sync-kill-${engine}-`));
    await installTinyDemo(dataDir);
    // Big enough that copying it spans several progress events even on an idle machine.
    await addBulkTable(dataDir, 600_000);
    const server = engine === 'postgres' ? await createServerDatabase(process.env.TEST_DATABASE_URL as string) : null;
    let db: Db | null = null;
    try {
      const killed = await syncAndKill(dataDir, server?.url);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');

      db = await openWarehouse({ dataDir, databaseUrl: server?.url });
      // The killed job's changes never committed: raw has no odoo tables yet (it was the first sync).
      const rawTables = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'raw'`);
      expect(rawTables.rows[0]?.n).toBe(0);
      const again = await runSync({ db, dataDir, databaseUrl: server?.url, env: {} });
      expect(again.jobs.map((j) => [j.system, j.status])).toEqual([
        ['odoo', 'succeeded'],
        ['apn', 'succeeded'],
      ]);
      const jobs = await db.query<{ status: string; error_message: string | null }>(`SELECT status, error_message FROM ops.sync_jobs ORDER BY started_at`);
      expect(jobs.rows[0]?.status).toBe('failed');
      expect(jobs.rows[0]?.error_message).toMatch(/^Interrupted/);
      expect(jobs.rows.slice(1).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      const served = await serveDemoSources(dataDir);
      try {
        for (const system of ['odoo', 'apn'] as const) {
          const diffs = await compareRawToSource(db, system, served.urls[system]);
          expect(diffs.filter((d) => !d.same)).toEqual([]);
          if (system === 'odoo') expect(diffs.find((d) => d.table === 'bulk_rows')).toMatchObject({ sourceRows: 600000, rawRows: 600000 });
        }
      } finally {
        await served.close();
      }
    } finally {
      await db?.close();
      await server?.drop();
    }
  }, 240_000);
});
