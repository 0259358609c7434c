/**
 * The local SQLite files: WAL + FULL sync, and the migration runner's rules (records what it applied,
 * refuses gaps, a newer file, a changed file; a failing migration leaves nothing behind).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { DatabaseNewerError, MigrationChecksumError, MigrationFailedError } from './migrate';
import { MigrationError } from './migration-files';
import { openSqlite } from './sqlite';
import { defaultSqliteMigrationsDir, migrateSqlite, sqliteSchemaVersion } from './sqlite-migrate';
import { listMigrations } from './migration-files';

const tmp = () => mkdtemp(join(tmpdir(), 'revops-sqlite-'));

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await tmp();
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const tables = (db: Database.Database) =>
  db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);

it('openSqlite applies db/migrations/sqlite in WAL mode with synchronous=FULL, once', async () => {
  const path = join(await tmp(), 'offline', 'offline.sqlite');
  const db = await openSqlite(path);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  expect(tables(db)).toEqual(expect.arrayContaining(['outbox', 'replica_decisions', 'replica_docs', 'replica_tenants', 'schema_migrations']));
  const newest = listMigrations(defaultSqliteMigrationsDir()).length;
  expect(sqliteSchemaVersion(db)).toBe(newest);
  db.close();
  const again = await openSqlite(path);
  expect(await migrateSqlite(again)).toMatchObject({ applied: [], schemaVersion: newest, appSchemaVersion: newest });
  again.close();
});

it('records each file, refuses a gap, a changed file and a file migrated by a newer app', async () => {
  const db = new Database(':memory:');
  const dir = await dirWith({ '0001_a.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY);', '0002_b.sql': 'CREATE TABLE b (id INTEGER);' });
  expect((await migrateSqlite(db, { dir })).applied).toEqual([{ version: 1, name: 'a' }, { version: 2, name: 'b' }]);

  const gap = await dirWith({ '0001_a.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY);', '0003_c.sql': 'CREATE TABLE c (id INTEGER);' });
  await expect(migrateSqlite(new Database(':memory:'), { dir: gap })).rejects.toThrow(MigrationError);
  await expect(migrateSqlite(new Database(':memory:'), { dir: gap })).rejects.toThrow(/gap/);

  const changed = await dirWith({ '0001_a.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT);', '0002_b.sql': 'CREATE TABLE b (id INTEGER);' });
  await expect(migrateSqlite(db, { dir: changed })).rejects.toThrow(MigrationChecksumError);

  const older = await dirWith({ '0001_a.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY);' });
  await expect(migrateSqlite(db, { dir: older })).rejects.toThrow(DatabaseNewerError);
  expect(sqliteSchemaVersion(db)).toBe(2);
});

it('a failing migration is rolled back with its record', async () => {
  const db = new Database(':memory:');
  const dir = await dirWith({ '0001_a.sql': 'CREATE TABLE a (id INTEGER);', '0002_bad.sql': 'CREATE TABLE b (id INTEGER);\nINSERT INTO nowhere VALUES (1);' });
  await expect(migrateSqlite(db, { dir })).rejects.toThrow(MigrationFailedError);
  expect(tables(db)).toEqual(['a', 'schema_migrations']);
  expect(sqliteSchemaVersion(db)).toBe(1);
});
