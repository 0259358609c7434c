/**
 * `revops transform` and `revops quality` as a user runs them (own process): usage errors exit 2 before
 * anything is written; an empty warehouse is one line saying what to run first (exit 1).
 * The commands' results on real data are covered by the service tests (transform.test.ts, quality.test.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/revops.js');

async function revops(args: string[]) {
  const dataDir = await mkdtemp(join(tmpdir(), 'revops-cli-tq-'));
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dataDir }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr, dataDir };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, dataDir };
  }
}

describe('revops transform / quality CLI', () => {
  it('lists both commands', async () => {
    const r = await revops(['--help']);
    expect(r.stdout).toContain('transform');
    expect(r.stdout).toContain('quality');
  });

  it('rejects a bad --examples with a usage error and writes nothing', async () => {
    const r = await revops(['quality', '--examples', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--examples must be an integer/);
    expect(await readdir(r.dataDir)).toEqual([]);
  });

  it.each([['transform'], ['quality']])('%s on an empty warehouse says to sync first, in one line', async (cmd) => {
    const r = await revops([cmd]);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/raw layer is empty.*revops sync all/);
  });
});
