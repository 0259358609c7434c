import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyLine } from './copy';
import { openPglite } from './pglite';
import type { Db } from './types';

describe('openPglite', () => {
  const opened: Db[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });
  const open = async (dir?: string) => {
    const db = await openPglite(dir);
    opened.push(db);
    return db;
  };

  it('persists in its data directory and locks it while open', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'revops-pglite-')), 'warehouse');
    const db = await open(dir);
    expect(db.description).toBe(`pglite:${dir}`);
    await db.exec('CREATE TABLE kept (v text)');
    await db.copyFrom('kept', ['v'], [copyLine(['survives a restart'])]);
    await expect(openPglite(dir)).rejects.toThrow(/in use by this process/);
    await db.close();
    await db.close(); // idempotent

    const again = await open(dir);
    expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 'survives a restart' }]);
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'revops-pglite-')), 'warehouse');
    await writeFile(`${dir}.lock`, '999999999\n');
    const db = await open(dir);
    expect((await db.query<{ x: number }>('SELECT 1 AS x')).rows[0]?.x).toBe(1);
  });

  it('loads vector and pg_trgm', async () => {
    const db = await open();
    const r = await db.query<{ name: string }>("SELECT name FROM pg_available_extensions WHERE name IN ('vector', 'pg_trgm') ORDER BY 1");
    expect(r.rows.map((x) => x.name)).toEqual(['pg_trgm', 'vector']);
  });

  it('throws instead of hanging when the Db is used from inside its own transaction', async () => {
    const db = await open();
    await expect(db.transaction(async () => db.query('SELECT 1'))).rejects.toThrow(/would wait forever/);
    // The connection is free again afterwards.
    expect((await db.query<{ x: number }>('SELECT 1 AS x')).rows).toEqual([{ x: 1 }]);
  });

  it('lets other queries run between copyTo batches (the connection is not held while iterating)', async () => {
    const db = await open();
    await db.exec('CREATE TABLE many AS SELECT generate_series(1, 25000) AS id');
    let lines = 0;
    for await (const line of db.copyTo('SELECT id FROM many ORDER BY id;')) {
      lines++;
      if (lines === 15000) {
        // Mid-stream: a write from the consumer goes through and does not disturb the held cursor.
        await db.query('DELETE FROM many WHERE id > 20000');
      }
      if (lines === 25000) expect(line).toBe('25000');
    }
    expect(lines).toBe(25000);
    expect((await db.query<{ n: number }>('SELECT count(*) AS n FROM many')).rows[0]?.n).toBe(20000);
  });
});
