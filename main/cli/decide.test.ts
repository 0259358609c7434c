/**
 * `revops rules check`, `revops decide` / `revops explain` usage errors and empty-warehouse messages, in their
 * own process as a user runs them (the decisions themselves: main/services/decide/decide.test.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/revops.js');

async function revops(args: string[], env: Record<string, string> = {}) {
  const dataDir = env.REVOPS_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'revops-cli-decide-')));
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dataDir, ...env }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr, dataDir };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, dataDir };
  }
}

describe('revops rules / decide / explain', () => {
  it('rules check: the shipped files are valid', async () => {
    for (const f of ['rules/pod.yaml', 'rules/tenants/demo.yaml']) {
      const r = await revops(['rules', 'check', resolve(import.meta.dirname, '../..', f)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^ok .*9 rules; rule set [0-9a-f]{12}/);
    }
  });

  it('rules check: every problem with file, line and rule, exit 1, and says the last good rule set stays', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-rules-check-'));
    await mkdir(join(dir, 'tenants'));
    await writeFile(join(dir, 'pod.yaml'), 'id: pod\nrules:\n  - id: a\n    title: A\n    severity: reject\n    condition: stage == "Launched"\n    explain: { pass: ok, fail: no, unknown: "?" }\n');
    await writeFile(join(dir, 'tenants', 't.yaml'), 'id: t\nextends: ../pod.yaml\nrules:\n  - id: a\n    condition: stage == params.nope\n  - id: b\n    title: B\n    severity: review\n    condition: no_such_fact\n    explain: { pass: ok, fail: no, unknown: "?" }\n');
    const r = await revops(['rules', 'check', join(dir, 'tenants', 't.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/t\.yaml:5: rule 'a': condition: unknown parameter 'params\.nope'/);
    expect(r.stdout).toMatch(/t\.yaml:9: rule 'b': condition: unknown fact 'no_such_fact'/);
    expect(r.stderr).toMatch(/2 problem\(s\); the app keeps using the last good rule set/);
  });

  it.each([
    [['decide', '--as-of', '2026-13-45'], /--as-of must be a date/],
    [['decide', '--tenant', '../etc'], /--tenant must be a rule file name/],
    [['decision', 'approve', 'O1', '--reason', 'x', '--user', 'ana'], /--reason must say why/],
  ])('%j is a usage error that writes nothing', async (args, message) => {
    const r = await revops(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await readdir(r.dataDir)).toEqual([]);
  });

  it('explain before any decision says what to run', async () => {
    const r = await revops(['explain', 'O4812093']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No ACE opportunity O4812093/);
  });
});
