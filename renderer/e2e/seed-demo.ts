/**
 * Seeds a data folder the way `revops demo run --scale tiny` does (demo sources → sync → transform →
 * quality → embed (off without a model folder) → match → decide), so specs that need real matches and
 * decisions (review, rules, dashboard) start from a warehouse the real pipeline filled.
 *
 * Why a cache: most of the cost is not the pipeline. Generating the demo sources (three PGlite databases,
 * self-checks, checksums) is deterministic (same scale + seed + generator code = byte-identical sources),
 * and migrating an empty warehouse is the same for the same migration files. Both folders are built once
 * per content key under the OS temp folder (`revops-e2e-cache/`) and copied into each worker's data
 * folder; the pipeline itself (sync → transform → quality → match → decide) always runs fresh into the
 * worker's own warehouse. The keys hash the generator's sources / the migration files, the PGlite adapter
 * and the PGlite version, so a change to any of them rebuilds.
 *
 * Embedded (PGlite) only: the e2e hosts run on PGlite warehouses. The warehouse is closed again before
 * the host opens it (an embedded warehouse has one owner at a time).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWarehouse } from '../../db/warehouse';
import { updateSettings } from '../../main/config/settings';
import { generateDemoSources } from '../../main/services/demo-sources/generate';
import { runPipeline } from '../../main/services/pipeline';
import type { PipelineResult } from '../../main/services/pipeline';

export type SeedOptions = { dataDir: string; scale: string; seed?: string; log?: (line: string) => void };
export type SeedResult = { scale: string; cached: { sources: boolean; warehouse: boolean }; pipeline: PipelineResult; durationMs: number };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const quiet = (): void => undefined;

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else if (!name.endsWith('.test.ts')) hash.update(path.slice(ROOT.length)).update(readFileSync(path));
  }
}

const pgliteVersion = (): Buffer => readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json'));

function sourcesKey(scale: string, seed: string): string {
  const hash = createHash('sha256').update(`${scale}\0${seed}\0`).update(pgliteVersion());
  hashTree(hash, join(ROOT, 'main/services/demo-sources'));
  // The generator writes through these two; the rest of db/ (migrations, queries) does not shape the sources.
  for (const file of ['db/pglite.ts', 'db/copy.ts']) hash.update(readFileSync(join(ROOT, file)));
  return `sources-${scale}-${hash.digest('hex').slice(0, 16)}`;
}

function warehouseKey(): string {
  const hash = createHash('sha256').update(pgliteVersion());
  hashTree(hash, join(ROOT, 'db/migrations/pg'));
  for (const file of ['db/pglite.ts', 'db/migrate.ts', 'db/migration-files.ts', 'db/warehouse.ts']) hash.update(readFileSync(join(ROOT, file)));
  return `warehouse-${hash.digest('hex').slice(0, 16)}`;
}

/**
 * A data folder built once per key under the OS temp folder (`sub` is the part that gets copied), built
 * aside and renamed into place so a crashed or concurrent build never leaves a half folder behind.
 */
async function cachedFolder(key: string, sub: string, build: (dataDir: string) => Promise<void>): Promise<{ dir: string; cached: boolean }> {
  const dir = join(tmpdir(), 'revops-e2e-cache', key);
  const done = join(dir, '.complete');
  if (existsSync(done)) return { dir: join(dir, sub), cached: true };
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  await build(building);
  writeFileSync(join(building, '.complete'), '');
  try {
    renameSync(building, dir);
  } catch (err) {
    // Another worker finished first: use its copy, drop ours.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(done)) throw err;
  }
  return { dir: join(dir, sub), cached: false };
}

export async function seedDemo(opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const log = opts.log ?? quiet;
  const seed = opts.seed ?? 'demo';
  const sources = await cachedFolder(sourcesKey(opts.scale, seed), 'demo-sources', async (dataDir) => {
    await generateDemoSources({ dataDir, scale: opts.scale, seed, log });
  });
  const warehouse = await cachedFolder(warehouseKey(), 'warehouse', async (dataDir) => {
    await (await openWarehouse({ dataDir })).close();
  });
  cpSync(sources.dir, join(opts.dataDir, 'demo-sources'), { recursive: true });
  cpSync(warehouse.dir, join(opts.dataDir, 'warehouse'), { recursive: true });
  // Same settings `revops demo sources` writes: the demo tenant's rules and the generated sources.
  await updateSettings(opts.dataDir, (s) => ({
    ...s,
    tenant: s.tenant === 'default' ? 'demo' : s.tenant,
    sources: { odoo: { kind: 'demo-embedded' }, apn: { kind: 'demo-embedded' } },
  }));
  const db = await openWarehouse({ dataDir: opts.dataDir });
  try {
    const pipeline = await runPipeline({ db, dataDir: opts.dataDir, log });
    return { scale: opts.scale, cached: { sources: sources.cached, warehouse: warehouse.cached }, pipeline, durationMs: Math.round(performance.now() - started) };
  } finally {
    await db.close();
  }
}
