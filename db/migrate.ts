/**
 * The migration runner.
 *
 * Invariants:
 * - Each migration runs in ONE transaction together with its row in ops.schema_migrations: a failing
 *   migration leaves nothing of itself behind, and a recorded migration is fully applied.
 * - Every step first takes a transaction-scoped advisory lock, then re-reads what is applied, so
 *   concurrent runners (two app instances on one server) serialize and never apply a file twice.
 * - Refused, before anything is applied: a gap in the files, a database whose newest applied version is
 *   beyond the app's newest file (DatabaseNewerError), an applied file whose checksum changed, and a
 *   database whose applied versions have a hole.
 * - ops.schema_migrations belongs to this runner (it creates it); migrations never touch it.
 */
import { MigrationError, defaultMigrationsDir, listMigrations, newestVersion, readMigration, renderMigration } from './migration-files';
import type { MigrationScript } from './migration-files';
import type { Db, Queryable } from './types';

export { MigrationError, defaultMigrationsDir, listMigrations } from './migration-files';

/** The newest schema version this app ships, computed from the files in the default directory. */
export const APP_SCHEMA_VERSION: number = newestVersion(defaultMigrationsDir());

export class DatabaseNewerError extends MigrationError {
  override name = 'DatabaseNewerError';
  constructor(
    readonly databaseVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `This warehouse was migrated by a newer RevOps Workbench (schema ${databaseVersion}; this app knows up to ${appVersion}). ` +
        'Update the app or point it at another database.',
    );
  }
}

export class MigrationChecksumError extends MigrationError {
  override name = 'MigrationChecksumError';
}

export class MigrationFailedError extends MigrationError {
  override name = 'MigrationFailedError';
}

export type MigrateOptions = { dir?: string };
export type MigrateResult = { applied: { version: number; name: string }[]; schemaVersion: number; appSchemaVersion: number };

/** Arbitrary constant shared by every RevOps Workbench runner: the advisory lock key. */
const LOCK_KEY = 7_262_011_385;

const BOOTSTRAP = `
CREATE SCHEMA IF NOT EXISTS ops;
CREATE TABLE IF NOT EXISTS ops.schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  skipped_optional text[] NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE ops.schema_migrations IS 'Owned by db/migrate.ts: one row per applied migration file (checksum = sha256 of its LF text)';
`;

type Applied = { version: number; name: string; checksum: string };

function verify(applied: readonly Applied[], scripts: readonly MigrationScript[], dir: string): void {
  const newest = applied.at(-1)?.version ?? 0;
  if (newest > scripts.length) throw new DatabaseNewerError(newest, scripts.length);
  applied.forEach((a, i) => {
    if (a.version !== i + 1) {
      throw new MigrationError(`ops.schema_migrations has a hole: version ${i + 1} is missing but ${a.version} is applied`);
    }
    const s = scripts[i] as MigrationScript;
    if (s.checksum !== a.checksum) {
      throw new MigrationChecksumError(
        `Migration ${s.file} changed after it was applied to this warehouse (checksum ${a.checksum.slice(0, 12)}… → ${s.checksum.slice(0, 12)}…). ` +
          `Restore the original file in ${dir} and put the change in a new migration.`,
      );
    }
  });
}

async function availableExtensions(tx: Queryable, names: string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const r = await tx.query<{ name: string }>('SELECT name FROM pg_available_extensions WHERE name = ANY($1::text[])', [names]);
  return new Set(r.rows.map((x) => x.name));
}

/** One locked step: verify, then apply the next pending migration (or return null when up to date). */
async function step(tx: Queryable, scripts: readonly MigrationScript[], dir: string): Promise<MigrationScript | null> {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [LOCK_KEY]);
  await tx.exec(BOOTSTRAP);
  const applied = (await tx.query<Applied>('SELECT version, name, checksum FROM ops.schema_migrations ORDER BY version')).rows;
  verify(applied, scripts, dir);
  const next = scripts[applied.length];
  if (!next) return null;
  const wanted = [...new Set(next.optional.map((b) => b.extension))];
  const available = await availableExtensions(tx, wanted);
  try {
    await tx.exec(renderMigration(next, available));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new MigrationFailedError(`Migration ${next.file} failed and was rolled back (nothing of it applied): ${why}`, { cause: err });
  }
  await tx.query('INSERT INTO ops.schema_migrations (version, name, checksum, skipped_optional) VALUES ($1, $2, $3, $4::text[])', [
    next.version,
    next.name,
    next.checksum,
    wanted.filter((e) => !available.has(e)),
  ]);
  return next;
}

/** Applies pending migrations from `dir` (default: db/migrations/pg beside this module). */
export async function migrate(db: Db, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const dir = opts.dir ?? defaultMigrationsDir();
  const scripts = await Promise.all(listMigrations(dir).map(readMigration));
  const applied: { version: number; name: string }[] = [];
  for (;;) {
    const done = await db.transaction((tx) => step(tx, scripts, dir));
    if (!done) break;
    applied.push({ version: done.version, name: done.name });
  }
  const version = await schemaVersion(db);
  return { applied, schemaVersion: version, appSchemaVersion: scripts.length };
}

/** Highest applied migration (0 for a database never migrated). */
export async function schemaVersion(db: Queryable): Promise<number> {
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass('ops.schema_migrations')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const r = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM ops.schema_migrations');
  return r.rows[0]?.v ?? 0;
}
