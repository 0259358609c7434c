import { fork, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WORKER_PROTOCOL_VERSION } from '../app/contract/worker-protocol';

const entry = fileURLToPath(new URL('./entry.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

describe('worker entry (as a forked Node child process)', () => {
  it('says hello first, answers an init for a missing model with an error, and exits 0 on shutdown', async () => {
    const child = fork(entry, [], { execArgv: ['--import', tsx], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const messages: unknown[] = [];
    const next = () =>
      new Promise<unknown>((resolve, reject) => {
        child.once('message', (m) => {
          messages.push(m);
          resolve(m);
        });
        child.once('exit', (code) => reject(new Error(`worker exited (${code}) early`)));
      });
    expect(await next()).toEqual({ type: 'hello', protocol: WORKER_PROTOCOL_VERSION, pid: child.pid });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.send({ type: 'embed', id: 'e1', texts: ['x'], outputs: { dense: true, sparse: false, colbert: false } });
    expect(await next()).toMatchObject({ type: 'error', id: 'e1', error: { code: 'bad_request' } });
    child.send({ type: 'shutdown' });
    expect(await exited).toBe(0);
  });

  it('refuses to run without an IPC channel', async () => {
    const child = spawn(process.execPath, ['--import', tsx, entry], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/no IPC channel/);
  });
});
