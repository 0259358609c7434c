/**
 * The migration runner of the local SQLite files (the offline replica and outbox): the same rules as the
 * warehouse's runner (db/migrate.ts) on db/migrations/sqlite/NNNN_*.sql.
 *
 * Invariants:
 * - Each migration runs in ONE transaction together with its row in schema_migrations.
 * - Every step is a BEGIN IMMEDIATE transaction (SQLite's write lock) that re-reads what is applied, so two
 *   processes opening one file serialize and never apply a file twice.
 * - Refused, before anything is applied: a gap in the files (listMigrations), a file whose newest applied
 *   version is beyond the app's newest file (DatabaseNewerError), an applied file whose checksum changed,
 *   a hole in the applied versions, and `revops:if-extension` blocks (SQLite has no extensions to test).
 * - schema_migrations belongs to this runner; migrations never touch it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { DatabaseNewerError, MigrationChecksumError, MigrationFailedError } from './migrate';
import { MigrationError, listMigrations, readMigration } from './migration-files';
import type { MigrationScript } from './migration-files';

export type SqliteDatabase = BetterSqlite3.Database;
export type SqliteMigrateResult = { applied: { version: number; name: string }[]; schemaVersion: number; appSchemaVersion: number };

/** `<this module's folder>/migrations/sqlite`. */
export function defaultSqliteMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations/sqlite/', import.meta.url));
}

const BOOTSTRAP = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`;

type Applied = { version: number; name: string; checksum: string };

function verify(applied: readonly Applied[], scripts: readonly MigrationScript[], dir: string): void {
  const newest = applied.at(-1)?.version ?? 0;
  if (newest > scripts.length) throw new DatabaseNewerError(newest, scripts.length);
  applied.forEach((a, i) => {
    if (a.version !== i + 1) throw new MigrationError(`schema_migrations has a hole: version ${i + 1} is missing but ${a.version} is applied`);
    const s = scripts[i] as MigrationScript;
    if (s.checksum !== a.checksum) {
      throw new MigrationChecksumError(
        `Migration ${s.file} changed after it was applied to this file (checksum ${a.checksum.slice(0, 12)}… → ${s.checksum.slice(0, 12)}…). ` +
          `Restore the original file in ${dir} and put the change in a new migration.`,
      );
    }
  });
}

/** Applies pending migrations from `dir` (default db/migrations/sqlite) to an open SQLite database. */
export async function migrateSqlite(db: SqliteDatabase, opts: { dir?: string } = {}): Promise<SqliteMigrateResult> {
  const dir = opts.dir ?? defaultSqliteMigrationsDir();
  const scripts = await Promise.all(listMigrations(dir).map(readMigration));
  const withBlocks = scripts.find((s) => s.optional.length > 0);
  if (withBlocks) throw new MigrationError(`${withBlocks.file}: revops:if-extension blocks are for PostgreSQL migrations; SQLite has no extensions`);
  db.exec(BOOTSTRAP);
  const readApplied = db.prepare<[], Applied>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)');
  const step = db.transaction((): MigrationScript | null => {
    const applied = readApplied.all();
    verify(applied, scripts, dir);
    const next = scripts[applied.length];
    if (!next) return null;
    try {
      db.exec(next.sql);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new MigrationFailedError(`Migration ${next.file} failed and was rolled back (nothing of it applied): ${why}`, { cause: err });
    }
    record.run(next.version, next.name, next.checksum);
    return next;
  });
  const applied: { version: number; name: string }[] = [];
  for (;;) {
    const done = step.immediate();
    if (!done) break;
    applied.push({ version: done.version, name: done.name });
  }
  return { applied, schemaVersion: sqliteSchemaVersion(db), appSchemaVersion: scripts.length };
}

/** Highest applied migration (0 for a file never migrated). */
export function sqliteSchemaVersion(db: SqliteDatabase): number {
  const t = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!t) return 0;
  return (db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations').get()?.v ?? 0);
}
