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
/** Where the specs write their 1440×900 screenshots (git-ignored; `npm run screens` copies the README's into docs/screens). */
export const SCREENSHOTS = join(ROOT, 'artifacts/screens');

export type HostInfo = { url: string; origin: string; token: string; dataDir: string; warehouse: string };
export type RunningHost = HostInfo & { stop(): Promise<void> };
/** What the demo pipeline put into a seeded host's warehouse (serve-host.ts READY line, `seed`). */
export type SeedInfo = {
  scale: string;
  cached: { sources: boolean; warehouse: boolean };
  decide: { tenant: string; asOf: string; autoApprove: number; needsReview: number; autoReject: number };
  match: { matched: number; review: number; noMatch: number; semantic: boolean };
  durationMs: number;
};
export type SeededHostInfo = HostInfo & { seed: SeedInfo };

/** `seed`: run the demo pipeline at that scale into the fresh data folder first (embedded only; seed-demo.ts). */
/** `dataDir`: start over this existing data folder (an app restart); it is then the caller's to remove. */
export async function spawnHost(opts: { databaseUrl?: string; seed?: 'tiny' | 'small'; dataDir?: string } = {}): Promise<RunningHost & { seed?: SeedInfo }> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'revops-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, REVOPS_DATA_DIR: dataDir };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  if (opts.seed) env.REVOPS_E2E_SEED = opts.seed;
  else delete env.REVOPS_E2E_SEED;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'renderer/e2e/serve-host.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const ready = await new Promise<Omit<HostInfo, 'dataDir'> & { seed?: SeedInfo }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve(JSON.parse(line.slice('READY '.length)) as Omit<HostInfo, 'dataDir'> & { seed?: SeedInfo });
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
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return { ...ready, dataDir, stop };
}

export const test = base.extend<object, { host: HostInfo; seededHost: SeededHostInfo }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured.
    async ({}, use) => {
      const host = await spawnHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  // A host over a warehouse the demo pipeline filled at tiny scale (60 ACE opportunities, matches,
  // decisions of the demo tenant); its own data folder per worker, so specs may change decisions.
  // First run per generator/migration change ~1 min (builds the cache), then ~10 s: seed-demo.ts.
  seededHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured.
    async ({}, use) => {
      const host = await spawnHost({ seed: 'tiny' });
      if (!host.seed) throw new Error('the host did not report its seed');
      await use({ ...host, seed: host.seed });
      await host.stop();
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});

export { expect } from '@playwright/test';
