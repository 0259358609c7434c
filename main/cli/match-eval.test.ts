/**
 * `revops match` and `revops eval match` as a user runs them (own process): usage errors exit 2 before
 * anything is written; an empty warehouse / missing ground truth is one line saying what to run (exit 1).
 * Results on real data are covered by main/services/match/*.test.ts.
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
  const dataDir = await mkdtemp(join(tmpdir(), 'revops-cli-match-'));
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dataDir }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr, dataDir };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, dataDir };
  }
}

const errors = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('error:'));

describe('revops match / eval match CLI', () => {
  it('rejects a threshold that is not a probability above 0.5, writing nothing', async () => {
    const r = await revops(['match', '--auto-accept', '0.3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--auto-accept must be a probability above 0.5/);
    expect(await readdir(r.dataDir)).toEqual([]);
  });

  it('on an empty warehouse says to sync and transform first, in one line', async () => {
    const r = await revops(['match']);
    expect(r.code).toBe(1);
    expect(errors(r.stderr)).toHaveLength(1);
    expect(errors(r.stderr)[0]).toMatch(/Nothing to match.*revops sync all.*revops transform/);
  });

  it('eval match without results says to run the matcher first, in one line', async () => {
    const r = await revops(['eval', 'match', '--json']);
    expect(r.code).toBe(1);
    expect(errors(r.stderr)).toHaveLength(1);
    expect(errors(r.stderr)[0]).toMatch(/revops match/);
  });
});
