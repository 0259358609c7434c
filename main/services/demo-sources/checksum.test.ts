/**
 * The content checksum on both engines: equal to the definition computed independently in Node (rows as record
 * text in key order, chained per chunk of CHUNK_ROWS), independent of insertion order, sensitive to any value, and
 * identical between PGlite and the server for the same data (several chunks, awkward values).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeEngines } from '../../../db/testing';
import type { EngineKind } from '../../../db/types';
import { checksumDb, CHUNK_ROWS } from './checksum';

const N = CHUNK_ROWS * 2 + 7;
const results = new Map<EngineKind, string>();

const FILL = (order: 'ASC' | 'DESC') => `
  INSERT INTO ck.big (id, label, amount, at, doc, ratio)
  SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'r' || g || E' tab\\t "q" ,;' || chr(228) END, (g * 1.25)::numeric(20,10),
         timestamp '2026-06-30 00:00:00' + g * interval '1 second', jsonb_build_object('g', g, 'k', ARRAY[g, -g]), g / 3.0::float8
    FROM generate_series(1, ${N}) g ORDER BY g ${order}`;

describeEngines('demo-source checksum', (getDb, engine) => {
  it('matches the definition computed in Node, for a multi-chunk table and a composite key', async () => {
    const db = getDb();
    await db.exec(`CREATE SCHEMA ck; CREATE TABLE ck.big (id int4 PRIMARY KEY, label text, amount numeric(20,10), at timestamp, doc jsonb, ratio float8);
      CREATE TABLE ck.rel (a int4, b text, PRIMARY KEY (a, b)); INSERT INTO ck.rel VALUES (2, 'x'), (1, 'y'), (1, 'b');`);
    await db.exec(FILL('DESC'));
    const hash = createHash('sha256');
    const rows = (await db.query<{ t: string }>('SELECT x::text AS t FROM ck.big x ORDER BY id')).rows.map((r) => r.t);
    hash.update('-- big\n');
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      const chunk = rows.slice(i, i + CHUNK_ROWS);
      hash.update(`${chunk.length} ${createHash('sha256').update(chunk.join('\n'), 'utf8').digest('hex')}\n`);
    }
    const rel = (await db.query<{ t: string }>('SELECT x::text AS t FROM ck.rel x ORDER BY a, b')).rows.map((r) => r.t);
    hash.update(`-- rel\n${rel.length} ${createHash('sha256').update(rel.join('\n'), 'utf8').digest('hex')}\n`);
    const got = await checksumDb(db, 'ck');
    expect(got).toBe(hash.digest('hex'));
    results.set(engine, got);
  });

  it('ignores insertion order and changes with any value', async () => {
    const db = getDb();
    const before = await checksumDb(db, 'ck');
    await db.exec(`TRUNCATE ck.big; ${FILL('ASC')}`);
    expect(await checksumDb(db, 'ck')).toBe(before);
    await db.exec(`UPDATE ck.big SET amount = amount + 0.0000000001 WHERE id = ${CHUNK_ROWS + 3}`);
    expect(await checksumDb(db, 'ck')).not.toBe(before);
  });
}, { migrate: false });

describe.runIf(!!process.env.TEST_DATABASE_URL)('demo-source checksum on both engines', () => {
  it('is the same embedded and on the server', () => {
    expect(results.get('postgres')).toBe(results.get('pglite'));
  });
});
