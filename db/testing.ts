/**
 * Test helpers: run a block against every engine the environment offers.
 *
 *   describeEngines('my feature', (getDb, engine) => {
 *     it('works', async () => { const db = getDb(); … });
 *   });
 *
 * Invariants:
 * - PGlite always (in memory, one instance per describe block, i.e. per test file).
 * - The server only when TEST_DATABASE_URL is set: a fresh database `revops_t_<random>` is created
 *   through that (admin) URL for the block and dropped afterwards, so files never share state.
 * - `migrate` (default true) applies db/migrations/pg first; pass false for source-shaped databases.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { migrate } from './migrate';
import { createPgliteTemplate, openPglite } from './pglite';
import { openPostgres } from './postgres';
import { createServerDatabase } from './server-database';
import type { Db, EngineKind } from './types';

export { createServerDatabase } from './server-database';

export type TestDb = {
  db: Db;
  engine: EngineKind;
  /** Server only: the URL of the fresh database (for code that opens its own connections). */
  url?: string;
  dispose(): Promise<void>;
};

export type TestDbOptions = { migrate?: boolean; migrationsDir?: string };

/** Engines to test on: always PGlite, plus the server when TEST_DATABASE_URL is set. */
export function testEngines(): EngineKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

let template: Promise<Blob> | undefined;

/** One initdb per test process; every in-memory test database starts from its dump. */
function pgliteTemplate(): Promise<Blob> {
  template ??= createPgliteTemplate();
  return template;
}

/** A fresh database on `engine` (migrated unless `migrate: false`); call dispose() when done. */
export async function openTestDb(engine: EngineKind, opts: TestDbOptions = {}): Promise<TestDb> {
  let db: Db;
  let dispose: () => Promise<void>;
  let url: string | undefined;
  if (engine === 'pglite') {
    db = await openPglite(undefined, { template: await pgliteTemplate() });
    dispose = () => db.close();
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: no server to test on');
    const created = await createServerDatabase(adminUrl);
    url = created.url;
    try {
      db = await openPostgres(created.url, { applicationName: 'revops-tests' });
    } catch (err) {
      await created.drop();
      throw err;
    }
    dispose = async () => {
      await db.close();
      await created.drop();
    };
  }
  if (opts.migrate ?? true) {
    try {
      await migrate(db, opts.migrationsDir ? { dir: opts.migrationsDir } : {});
    } catch (err) {
      await dispose();
      throw err;
    }
  }
  return { db, engine, url, dispose };
}

/** Runs `block` once per engine, each with its own fresh database for the whole block. */
export function describeEngines(name: string, block: (getDb: () => Db, engine: EngineKind) => void, opts: TestDbOptions = {}): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      let current: TestDb | undefined;
      beforeAll(async () => {
        current = await openTestDb(engine, opts);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      block(() => {
        if (!current) throw new Error('The test database is not open (did beforeAll fail?)');
        return current.db;
      }, engine);
    });
  }
}
