/**
 * `revops sync` as a user runs it, in its own process (embedded warehouse, embedded demo sources served by
 * the CLI itself): results on stdout, usage errors exit 2, a missing source is one line, Ctrl-C cancels and
 * records the job as cancelled.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { addBulkTable, installTinyDemo } from '../services/sync/testing';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/revops.js');

async function revops(args: string[], dataDir: string) {
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dataDir, ODOO_DATABASE_URL: '', APN_DATABASE_URL: '' }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const tmp = () => mkdtemp(join(tmpdir(), 'revops-cli-sync-'));

describe('revops sync', () => {
  it('rejects an unknown target with a usage error and writes nothing', async () => {
    const dir = await tmp();
    const r = await revops(['sync', 'crm'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sync what\? 'crm' is not one of odoo, apn, billing, all, jobs/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('says in one line what to do when no source is configured', async () => {
    const r = await revops(['sync', 'odoo'], await tmp());
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toEqual([expect.stringMatching(/^error: sync odoo failed: No odoo source is configured\. Run `revops demo sources/)]);
    expect(r.stdout).toMatch(/^job [0-9a-f-]{36} odoo failed incremental /);
  });

  it('syncs the demo sources it serves itself, then lists the jobs', async () => {
    const dir = await tmp();
    await installTinyDemo(dir);
    const r = await revops(['sync', 'all'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^job \S+ odoo succeeded incremental tables=42 read=\d+ inserted=\d+ updated=0 deleted=0 failed=0 seconds=/),
      expect.stringMatching(/^job \S+ apn succeeded incremental tables=8 read=221 inserted=221 /),
    ]);
    expect(r.stderr).toMatch(/odoo account_move_line \[\d+\/42\]: 8,000 rows/);
    const jobs = await revops(['sync', 'jobs', '--json'], dir);
    expect((JSON.parse(jobs.stdout) as { status: string }[]).map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
  }, 120_000);

  it('Ctrl-C cancels cleanly: exit 1, the job recorded as cancelled', async () => {
    const dir = await tmp();
    await installTinyDemo(dir);
    await addBulkTable(dir);
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
      const child = spawn(process.execPath, [bin, 'sync', 'odoo'], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let sent = false;
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => {
        stderr += s;
        if (!sent && /odoo bulk_rows \[\d+\/\d+\]: [\d,]+\/[\d,]+ rows \(/.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('error', fail);
      child.on('exit', (code) => done({ code, stdout, stderr }));
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/Cancelling the sync/);
    expect(result.stdout).toMatch(/^job \S+ odoo cancelled incremental tables=0 /);
    const jobs = await revops(['sync', 'jobs', '--json'], dir);
    expect(JSON.parse(jobs.stdout)).toEqual([expect.objectContaining({ status: 'cancelled', error_message: 'Cancelled; nothing of this job was applied.' })]);
    const status = await revops(['warehouse', 'status', '--json'], dir);
    expect((JSON.parse(status.stdout) as { schemas: { schema: string; tables: number }[] }).schemas.find((s) => s.schema === 'raw')?.tables).toBe(0);
  }, 180_000);
});
