/**
 * Child process for the e2e fixtures: starts the headless host on a free port over REVOPS_DATA_DIR
 * (and DATABASE_URL when set), opens + migrates the warehouse, then prints ONE readiness line:
 *   READY {"url":…,"origin":…,"token":…}
 * and serves until SIGTERM/SIGINT. Run: node --import tsx renderer/e2e/serve-host.ts
 * With REVOPS_E2E_SEED=<scale> (embedded only) the data folder is first seeded by the demo pipeline
 * (seed-demo.ts); the READY line then also carries `seed` (scale, cache hits, decisions, duration).
 */
import { startHost } from '../../main/host/server';
import { seedDemo } from './seed-demo';
import type { SeedResult } from './seed-demo';

const dataDir = process.env.REVOPS_DATA_DIR;
if (!dataDir) throw new Error('REVOPS_DATA_DIR must be set');

const seedScale = process.env.REVOPS_E2E_SEED;
if (seedScale && process.env.DATABASE_URL) throw new Error('REVOPS_E2E_SEED seeds the embedded warehouse only; unset DATABASE_URL');
const seeded: SeedResult | null = seedScale ? await seedDemo({ dataDir, scale: seedScale, log: (line) => process.stderr.write(`${line}\n`) }) : null;
const seed = seeded && { scale: seeded.scale, cached: seeded.cached, decide: seeded.pipeline.decide, match: seeded.pipeline.match, durationMs: seeded.durationMs };

const host = await startHost({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined, port: 0 });
// Warm the warehouse (open + migrate) so the page never races the first migration; an unreachable
// server is a legitimate state under test, so a failure here is reported, not fatal.
const warm = await host.runtime.handlers.invoke('warehouse:status', {});
process.stdout.write(`READY ${JSON.stringify({ url: host.url, origin: host.origin, token: host.token, warehouse: warm.ok ? 'ok' : warm.error.code, ...(seed ? { seed } : {}) })}\n`);

const stop = () => {
  host.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
