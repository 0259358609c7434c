/**
 * Fixtures: a real headless host (real services, real PGlite warehouse in a fresh temp data folder) per
 * worker, started as a child process and awaited on its READY line (no sleeps).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'renderer/e2e/screenshots');

export type HostInfo = { url: string; origin: string; token: string; dataDir: string; warehouse: string };
export type RunningHost = HostInfo & { stop(): Promise<void> };

export async function spawnHost(opts: { databaseUrl?: string } = {}): Promise<RunningHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'revops-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, REVOPS_DATA_DIR: dataDir };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'renderer/e2e/serve-host.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const ready = await new Promise<Omit<HostInfo, 'dataDir'>>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve(JSON.parse(line.slice('READY '.length)) as Omit<HostInfo, 'dataDir'>);
    });
    child.once('exit', (code) => reject(new Error(`The host exited (code ${code}) before it was ready:\n${stderr}`)));
    child.once('error', reject);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { ...ready, dataDir, stop };
}

export const test = base.extend<object, { host: HostInfo }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured.
    async ({}, use) => {
      const host = await spawnHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect } from '@playwright/test';
