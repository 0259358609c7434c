import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../db/pglite';
import { embeddedWarehouseDir } from '../../db/warehouse';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/revops.js');

/** Runs `revops …` in its own process, as a user would, and returns exit code and output. */
async function revops(args: string[], env: Record<string, string> = {}) {
  const dataDir = env.REVOPS_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'revops-cli-')));
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dataDir, ...env }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr, dataDir };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, dataDir };
  }
}

describe('revops CLI', () => {
  it('lists its commands', async () => {
    const r = await revops(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['demo', 'warehouse', 'serve']) expect(r.stdout).toContain(cmd);
  });

  it.each([
    [['demo', 'sources', '--scale', 'huge', '--seed', 'x'], /Unknown scale 'huge'/],
    [['demo', 'sources', '--scale', 'tiny'], /Missing --seed/],
    [['demo', 'sources', '--scale', 'tiny', '--seed', 'x', '--as-of', '2026-02-30'], /not a calendar date/],
    [['demo', 'sources', '--scale', 'tiny', '--seed', 'x', '--as-of', 'yesterday'], /YYYY-MM-DD/],
    [['serve', '--port', '70000'], /Invalid port/],
    [['demo', 'advance', '--days', 'two'], /Bad --days 'two'/],
    [['demo', 'advance'], /No demo sources yet/],
  ])('rejects bad input %j with a usage error and writes nothing', async (args, message) => {
    const r = await revops(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await readdir(r.dataDir)).toEqual([]);
  });

  it('names host and port of an unreachable DATABASE_URL in one line, never the password', async () => {
    const r = await revops(['warehouse', 'status'], { DATABASE_URL: 'postgres://analyst:s3cr3t-pw@127.0.0.1:1/revops' });
    expect(r.code).toBe(1);
    const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain('127.0.0.1:1');
    expect(r.stderr + r.stdout).not.toContain('s3cr3t-pw');
  });

  it('reports the embedded warehouse status after migrating it', async () => {
    const r = await revops(['warehouse', 'status', '--json']);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout) as { engine: string; schemaVersion: number; appSchemaVersion: number; schemas: { schema: string }[] };
    expect(status.engine).toBe('pglite');
    expect(status.schemaVersion).toBe(status.appSchemaVersion);
    expect(status.schemas.map((s) => s.schema)).toEqual(['raw', 'core', 'search', 'ops']);
    expect(existsSync(join(r.dataDir, 'warehouse'))).toBe(true);
  });

  it('refuses a warehouse migrated by a newer app, naming both versions', async () => {
    const first = await revops(['warehouse', 'migrate']);
    expect(first.code).toBe(0);
    const db = await openPglite(embeddedWarehouseDir(first.dataDir));
    await db.query("INSERT INTO ops.schema_migrations (version, name, checksum) VALUES (999, 'from_the_future', 'x')");
    await db.close();
    const r = await revops(['warehouse', 'status'], { REVOPS_DATA_DIR: first.dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newer RevOps Workbench \(schema 999; this app knows up to \d+\)/);
  });
});
