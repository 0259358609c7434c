/**
 * Local SQLite files (better-sqlite3): the desktop app's offline replica and outbox. Main owns them; the
 * renderer never opens them.
 *
 * Invariants:
 * - journal_mode=WAL with synchronous=FULL: a committed transaction survives a power cut (the outbox holds
 *   decisions that exist nowhere else until they are flushed), and readers never block the writer.
 * - busy_timeout lets a second process (the CLI beside the app) wait for the write lock instead of failing.
 * - A file is migrated (db/sqlite-migrate.ts) before it is returned; a failed migration closes it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteDatabase } from './sqlite-migrate';
import { migrateSqlite } from './sqlite-migrate';

export type { SqliteDatabase } from './sqlite-migrate';

export async function openSqlite(path: string, opts: { migrationsDir?: string } = {}): Promise<SqliteDatabase> {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    await migrateSqlite(db, opts.migrationsDir ? { dir: opts.migrationsDir } : {});
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
