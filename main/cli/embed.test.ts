import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/revops.js');

describe('revops embed', () => {
  it('without a model folder says what to put where in one line, prints "semantic signal off" and exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-cli-embed-'));
    const missing = join(dataDir, 'no-model-here');
    const r = await run(process.execPath, [bin, 'embed', '--model-dir', missing], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dataDir }, timeout: 60_000 });
    expect(r.stdout).toBe('semantic signal off\n');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(missing);
    expect(lines[0]).toMatch(/model\.onnx \+ tokenizer\.json, see resources\/models\/README\.md/);
  });

  it('refuses an unknown provider as a usage error', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-cli-embed-'));
    const r = await run(process.execPath, [bin, 'embed', '--provider', 'tpu'], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dataDir }, timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in r ? r.code : 0).toBe(2);
    expect(r.stderr).toMatch(/--provider must be cuda or cpu/);
  });
});
