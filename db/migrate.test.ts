import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_SCHEMA_VERSION, DatabaseNewerError, MigrationChecksumError, MigrationError, MigrationFailedError, defaultMigrationsDir, migrate, schemaVersion } from './migrate';
import { openPostgres } from './postgres';
import { openTestDb, testEngines } from './testing';
import type { TestDb } from './testing';
import type { Db } from './types';

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'revops-migrations-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  const r = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]);
  return r.rows[0]?.t != null;
}

const ok = (table: string) => `CREATE SCHEMA IF NOT EXISTS raw;\nCREATE TABLE raw.${table} (id int PRIMARY KEY);\n`;

it('APP_SCHEMA_VERSION is the newest file in db/migrations/pg', async () => {
  const files = (await readdir(defaultMigrationsDir())).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
  expect(APP_SCHEMA_VERSION).toBe(Number(files.at(-1)?.slice(0, 4)));
  expect(APP_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
});

for (const engine of testEngines()) {
  describe(`migrate [${engine}]`, () => {
    let open: TestDb[] = [];
    const fresh = async (): Promise<Db> => {
      const t = await openTestDb(engine, { migrate: false });
      open.push(t);
      return t.db;
    };
    afterEach(async () => {
      await Promise.all(open.map((t) => t.dispose()));
      open = [];
    });

    it('applies the app migrations once, records them, and is idempotent', async () => {
      const db = await fresh();
      const first = await migrate(db);
      expect(first.applied.map((a) => a.version)).toEqual(Array.from({ length: APP_SCHEMA_VERSION }, (_, i) => i + 1));
      expect(first.schemaVersion).toBe(APP_SCHEMA_VERSION);
      const second = await migrate(db);
      expect(second.applied).toEqual([]);
      expect(second.schemaVersion).toBe(APP_SCHEMA_VERSION);

      const rows = await db.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
        'SELECT version, name, checksum, applied_at FROM ops.schema_migrations ORDER BY version',
      );
      const file = await readFile(join(defaultMigrationsDir(), '0001_schemas.sql'), 'utf8');
      expect(rows.rows[0]).toMatchObject({ version: 1, name: 'schemas', checksum: createHash('sha256').update(file).digest('hex') });
      expect(rows.rows[0]?.applied_at).toBeInstanceOf(Date);
      const schemas = await db.query<{ n: string }>("SELECT nspname AS n FROM pg_namespace WHERE nspname IN ('raw','core','search','ops') ORDER BY 1");
      expect(schemas.rows.map((r) => r.n)).toEqual(['core', 'ops', 'raw', 'search']);
      const ext = await db.query<{ extname: string }>('SELECT extname FROM pg_extension ORDER BY 1');
      expect(ext.rows.map((r) => r.extname)).toContain('vector');
    });

    it('refuses a gap in the files before touching the database', async () => {
      const db = await fresh();
      const dir = await migrationsDir({ '0001_a.sql': ok('a'), '0003_c.sql': ok('c') });
      await expect(migrate(db, { dir })).rejects.toThrow(/gap: expected version 2 but found 0003_c\.sql/);
      expect(await tableExists(db, 'ops.schema_migrations')).toBe(false);
      expect(await tableExists(db, 'raw.a')).toBe(false);
    });

    it('refuses a database migrated by a newer app, naming both versions', async () => {
      const db = await fresh();
      const newer = await migrationsDir({ '0001_a.sql': ok('a'), '0002_b.sql': ok('b'), '0003_c.sql': ok('c') });
      await migrate(db, { dir: newer });
      const older = await migrationsDir({ '0001_a.sql': ok('a') });
      const err = await migrate(db, { dir: older }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseNewerError);
      expect((err as Error).message).toBe(
        'This warehouse was migrated by a newer RevOps Workbench (schema 3; this app knows up to 1). Update the app or point it at another database.',
      );
      expect(await schemaVersion(db)).toBe(3);
    });

    it('refuses an applied file whose content changed, but not a CRLF checkout of it', async () => {
      const db = await fresh();
      const dir = await migrationsDir({ '0001_a.sql': ok('a') });
      await migrate(db, { dir });
      await writeFile(join(dir, '0001_a.sql'), ok('a').replace(/\n/g, '\r\n'));
      expect((await migrate(db, { dir })).applied).toEqual([]);
      await writeFile(join(dir, '0001_a.sql'), `${ok('a')}-- edited\n`);
      await expect(migrate(db, { dir })).rejects.toBeInstanceOf(MigrationChecksumError);
      await expect(migrate(db, { dir })).rejects.toThrow(/0001_a\.sql changed after it was applied/);
    });

    it('rolls a failing migration back completely and applies it once fixed', async () => {
      const db = await fresh();
      const broken = 'CREATE TABLE raw.half (id int);\nINSERT INTO raw.half VALUES (1);\nSELECT no_such_column FROM raw.half;\n';
      const dir = await migrationsDir({ '0001_a.sql': ok('a'), '0002_half.sql': broken });
      const err = await migrate(db, { dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationFailedError);
      expect((err as Error).message).toMatch(/0002_half\.sql failed and was rolled back.*no_such_column/);
      expect(await tableExists(db, 'raw.a')).toBe(true);
      expect(await tableExists(db, 'raw.half')).toBe(false);
      expect(await schemaVersion(db)).toBe(1);

      await writeFile(join(dir, '0002_half.sql'), 'CREATE TABLE raw.half (id int);\n');
      expect((await migrate(db, { dir })).applied).toEqual([{ version: 2, name: 'half' }]);
      expect(await tableExists(db, 'raw.half')).toBe(true);
    });

    it('runs optional blocks only when the extension is available, and records what it skipped', async () => {
      const db = await fresh();
      const text = [
        'CREATE SCHEMA IF NOT EXISTS core;',
        '-- revops:if-extension no_such_extension_xyz',
        'CREATE EXTENSION no_such_extension_xyz;',
        '-- revops:end-if',
        '-- revops:if-extension pg_trgm',
        'CREATE EXTENSION IF NOT EXISTS pg_trgm;',
        'CREATE TABLE core.trgm_ok (name text);',
        'CREATE INDEX trgm_ok_name ON core.trgm_ok USING gin (name gin_trgm_ops);',
        '-- revops:end-if',
        '',
      ].join('\n');
      const dir = await migrationsDir({ '0001_opt.sql': text });
      await migrate(db, { dir });
      const r = await db.query<{ skipped_optional: string[] }>('SELECT skipped_optional FROM ops.schema_migrations');
      expect(r.rows[0]?.skipped_optional).toEqual(['no_such_extension_xyz']);
      expect(await tableExists(db, 'core.trgm_ok')).toBe(true);
    });

    it('refuses files that manage transactions or are misnamed', async () => {
      const db = await fresh();
      await expect(migrate(db, { dir: await migrationsDir({ '0001_a.sql': `BEGIN;\n${ok('a')}COMMIT;\n` }) })).rejects.toThrow(/manages transactions/);
      await expect(migrate(db, { dir: await migrationsDir({ '1_a.sql': ok('a') }) })).rejects.toBeInstanceOf(MigrationError);
      // A plpgsql block's BEGIN is not a transaction statement.
      const plpgsql = 'DO $$\nBEGIN\n  CREATE SCHEMA IF NOT EXISTS core;\nEND\n$$;\n';
      expect((await migrate(db, { dir: await migrationsDir({ '0001_do.sql': plpgsql }) })).applied).toHaveLength(1);
    });

    it('serializes concurrent runners: every migration is applied exactly once', async () => {
      const t = await openTestDb(engine, { migrate: false });
      open.push(t);
      const files: Record<string, string> = {};
      for (let i = 1; i <= 5; i++) files[`000${i}_m${i}.sql`] = ok(`m${i}`);
      const dir = await migrationsDir(files);
      // On the server: separate pools (as two app instances would be). PGlite has one connection per database.
      const second = t.url ? await openPostgres(t.url) : t.db;
      try {
        const results = await Promise.all([migrate(t.db, { dir }), migrate(second, { dir }), migrate(t.db, { dir })]);
        const appliedVersions = results.flatMap((r) => r.applied.map((a) => a.version)).sort();
        expect(appliedVersions).toEqual([1, 2, 3, 4, 5]);
        const rows = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM ops.schema_migrations');
        expect(rows.rows[0]?.n).toBe(5);
      } finally {
        if (second !== t.db) await second.close();
      }
    });
  });
}
