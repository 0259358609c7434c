/**
 * Opens THE warehouse: a PostgreSQL server when a URL is given, else the embedded PGlite in
 * `<dataDir>/warehouse`; either way migrated to this app's schema before it is returned.
 *
 * Invariant: a server that cannot be reached surfaces as WarehouseUnavailableError whose message is one
 * line naming host and port (never the password) and what to try; nothing is migrated in that case.
 */
import { join } from 'node:path';
import { WarehouseUnavailableError, describeConnectionError } from './errors';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

export type WarehouseOptions = {
  dataDir: string;
  databaseUrl?: string;
  /** Migration files; default db/migrations/pg beside the module (packaging may point at resources). */
  migrationsDir?: string;
};

export function embeddedWarehouseDir(dataDir: string): string {
  return join(dataDir, 'warehouse');
}

export async function openWarehouse(opts: WarehouseOptions): Promise<Db> {
  let db: Db;
  if (opts.databaseUrl) {
    try {
      db = await openPostgres(opts.databaseUrl, { applicationName: 'revops-workbench warehouse' });
    } catch (err) {
      throw new WarehouseUnavailableError(describeConnectionError(err, opts.databaseUrl), { cause: err });
    }
  } else {
    db = await openPglite(embeddedWarehouseDir(opts.dataDir));
  }
  try {
    await migrate(db, opts.migrationsDir ? { dir: opts.migrationsDir } : {});
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}
