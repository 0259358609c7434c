/**
 * Where the demo sources live and how a run replaces them atomically.
 * - Embedded (default): three PGlite databases under `<dataDir>/demo-sources/{odoo,apn,truth}`, built in
 *   a sibling temp folder and swapped in by rename, so a failed run leaves the previous sources intact.
 * - Server (DATABASE_URL): databases `revops_demo_{odoo,apn,truth}`, built as `…__new` and renamed.
 * The manifest `<dataDir>/demo-sources/manifest.json` records what was generated (both modes).
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPglite } from '../../../db/pglite';
import { openPostgres } from '../../../db/postgres';
import { withDatabase } from '../../../db/server-database';
import { lockDir } from '../../../db/dir-lock';
import type { Db, EngineKind } from '../../../db/types';
import type { Scale } from './universe-types';

export const SOURCE_NAMES = ['odoo', 'apn', 'truth'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export type DemoManifest = {
  version: 1;
  scale: Scale;
  seed: string;
  asOf: string;
  engine: EngineKind;
  /** the two app sources: folder names (embedded) or database names (server) */
  location: { odoo: string; apn: string };
  /** ground truth: never a configured source, only evaluation commands read it */
  truth: string;
  checksums: { odoo: string; apn: string };
  counts: Record<string, number>;
  /** metadata only; never part of a checksum */
  generatedAt: string;
  durationMs: number;
  /** deltas mode (`revops demo advance`, DELTAS.md): the last daily change set applied; absent = day 0 (the snapshot) */
  delta?: { day: number; date: string; advancedAt: string };
};

export function demoSourcesDir(dataDir: string): string {
  return join(dataDir, 'demo-sources');
}

export function manifestPath(dataDir: string): string {
  return join(demoSourcesDir(dataDir), 'manifest.json');
}

export async function readDemoManifest(dataDir: string): Promise<DemoManifest | null> {
  try {
    const m = JSON.parse(await readFile(manifestPath(dataDir), 'utf8')) as DemoManifest;
    return m.version === 1 ? m : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export function serverDatabaseName(prefix: string, name: SourceName): string {
  return `${prefix}_${name}`;
}

/** A place to build the three databases, then make them the current ones (or throw them away). */
export type BuildTarget = {
  engine: EngineKind;
  open(name: SourceName): Promise<Db>;
  location(name: SourceName): string;
  commit(manifest: DemoManifest): Promise<void>;
  abort(): Promise<void>;
};

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

export async function writeManifest(dir: string, manifest: DemoManifest): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `manifest.json.tmp-${process.pid}`);
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, join(dir, 'manifest.json'));
}

export async function embeddedTarget(dataDir: string): Promise<BuildTarget> {
  const final = demoSourcesDir(dataDir);
  const tmp = join(dataDir, `demo-sources.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  return {
    engine: 'pglite',
    open: (name) => openPglite(join(tmp, name)),
    location: (name) => name,
    async commit(manifest) {
      await writeManifest(tmp, manifest);
      // Nobody may be serving the current sources while we replace them (PGlite has one writer).
      const locks = [];
      try {
        for (const name of SOURCE_NAMES) if (await exists(join(final, name))) locks.push(await lockDir(join(final, name), `demo source ${name}`));
        const old = join(dataDir, `demo-sources.old-${process.pid}`);
        await rm(old, { recursive: true, force: true });
        if (await exists(final)) await rename(final, old);
        await rename(tmp, final);
        await rm(old, { recursive: true, force: true });
      } finally {
        for (const l of locks) await l.release();
      }
    },
    abort: () => rm(tmp, { recursive: true, force: true }),
  };
}

export async function serverTarget(dataDir: string, databaseUrl: string, prefix: string): Promise<BuildTarget> {
  const temp = (name: SourceName) => `${serverDatabaseName(prefix, name)}__new`;
  const admin = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openPostgres(databaseUrl, { max: 1, applicationName: 'revops demo sources' });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  await admin(async (db) => {
    for (const name of SOURCE_NAMES) {
      await db.exec(`DROP DATABASE IF EXISTS ${temp(name)} WITH (FORCE)`);
      await db.exec(`CREATE DATABASE ${temp(name)}`);
    }
  });
  return {
    engine: 'postgres',
    open: (name) => openPostgres(withDatabase(databaseUrl, temp(name)), { applicationName: 'revops demo sources' }),
    location: (name) => serverDatabaseName(prefix, name),
    async commit(manifest) {
      await admin(async (db) => {
        for (const name of SOURCE_NAMES) {
          await db.exec(`DROP DATABASE IF EXISTS ${serverDatabaseName(prefix, name)} WITH (FORCE)`);
          await db.exec(`ALTER DATABASE ${temp(name)} RENAME TO ${serverDatabaseName(prefix, name)}`);
        }
      });
      await writeManifest(demoSourcesDir(dataDir), manifest);
    },
    abort: () => admin(async (db) => {
      for (const name of SOURCE_NAMES) await db.exec(`DROP DATABASE IF EXISTS ${temp(name)} WITH (FORCE)`);
    }),
  };
}
