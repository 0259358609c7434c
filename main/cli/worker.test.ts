import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyBgeM3 } from '../../worker/testing/tiny-model';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/revops.js');
let root: string;

async function revops(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, REVOPS_DATA_DIR: root, BGE_M3_DIR: '', ...env }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'revops-worker-cli-'));
  await writeTinyBgeM3(join(root, 'model'), { flavour: 'heads' });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('revops worker check', () => {
  it('reports the provider actually used, why CUDA was not, dims and one embedding', async () => {
    const r = await revops(['worker', 'check', '--provider', 'cuda', '--json'], { BGE_M3_DIR: join(root, 'model') });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ requestedProvider: 'cuda', provider: 'cpu', dims: 16, heads: { sparse: true, colbert: true }, embedding: { tokens: expect.any(Number) } });
    expect(report.fallbackReason).toMatch(/^CUDA unavailable/);
    expect(r.stderr).toMatch(/\$BGE_M3_DIR/);
  });

  it('prints key/value lines; a missing folder is one line and exit 1; a bad provider is a usage error', async () => {
    const ok = await revops(['worker', 'check', '--model-dir', join(root, 'model')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^provider +cpu$/m);
    expect(ok.stdout).toMatch(/^fallbackReason +-$/m);
    expect(ok.stdout).toMatch(/^embed_ms +\d+/m);
    const missing = await revops(['worker', 'check', '--model-dir', join(root, 'absent')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: Model folder .*absent does not exist/m);
    const usage = await revops(['worker', 'check', '--provider', 'tpu']);
    expect(usage.code).toBe(2);
  });
});
