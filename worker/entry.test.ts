import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('worker entry (as a forked Node child process)', () => {
  it('sends the ready handshake first and exits 0 on shutdown', async () => {
    const child = fork(fileURLToPath(new URL('./entry.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const first = await new Promise<unknown>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
    });
    expect(first).toEqual({ type: 'ready', protocol: 1, pid: child.pid });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.send({ type: 'shutdown' });
    expect(await exited).toBe(0);
  });
});
