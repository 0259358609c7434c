/**
 * Content checksum of a source database (spec §7, issue 2): SHA-256 over every table of a schema in name order,
 * each contributing its name and its rows in primary-key order.
 *
 * How (fast on both engines): the database hashes its own rows — per chunk of up to CHUNK_ROWS rows in key order,
 * `sha256(string_agg(row::text, E'\n' ORDER BY <key>))` — and we chain the chunk digests. Nothing but digests crosses
 * to Node (shipping 2.4M COPY lines out of PGlite ran at ≈ 22k lines/s). Chunks are cut by keyset on the primary key,
 * so the same data always gives the same chunks. Row text is PostgreSQL's record output; both engines pin
 * TimeZone=UTC and DateStyle=ISO (db/session.ts), so the text never depends on the machine, and a test compares the
 * embedded and server checksums. (Before 2026-11-29 the rows were hashed as COPY text lines: same content, other hex.)
 */
import { createHash } from 'node:crypto';
import type { Queryable, Db } from '../../../db/types';
import { quoteIdent } from '../../../db/sql';

export const CHUNK_ROWS = 50_000;

export async function tablesOf(db: Queryable, schema: string): Promise<string[]> {
  const r = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`, [schema]);
  return r.rows.map((x) => x.table_name);
}

/** Primary-key columns in key order; all columns (by position) when a table has no primary key. */
export async function orderColumns(db: Queryable, schema: string, table: string): Promise<string[]> {
  const pk = await db.query<{ attname: string }>(
    `SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
     WHERE i.indisprimary AND n.nspname = $1 AND c.relname = $2 ORDER BY k.ord`, [schema, table]);
  if (pk.rows.length > 0) return pk.rows.map((x) => x.attname);
  const cols = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, [schema, table]);
  return cols.rows.map((x) => x.column_name);
}

type Chunk = { h: string | null; n: number; last: string | null };

/** SHA-256 (hex) and count of the rows of `source` (aliased x) in key order, plus the last key as text. */
const digestSql = (source: string, order: string, key: string | null): string =>
  `SELECT encode(sha256(convert_to(coalesce(string_agg(x::text, E'\\n' ORDER BY ${order}), ''), 'UTF8')), 'hex') AS h, count(*)::int AS n, ${key ? `max(x.${key})::text` : 'NULL'} AS last FROM ${source} x`;

/** Updates `hash` with one table's rows in key order (chunk by chunk when the key is a single column). */
async function hashTable(db: Queryable, schema: string, table: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const key = await orderColumns(db, schema, table);
  const name = quoteIdent(`${schema}.${table}`);
  const order = key.map((k) => `x.${quoteIdent(k)}`).join(', ');
  hash.update(`-- ${table}\n`);
  if (key.length !== 1) {
    const r = (await db.query<Chunk>(digestSql(name, order, null))).rows[0];
    hash.update(`${r?.n ?? 0} ${r?.h ?? ''}\n`);
    return;
  }
  const k = quoteIdent(key[0] as string);
  const type = (await db.query<{ t: string }>(
    `SELECT format_type(a.atttypid, NULL) AS t FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = $3`, [schema, table, key[0]])).rows[0]?.t ?? 'text';
  let last: string | null = null;
  for (;;) {
    const where: string = last === null ? '' : `WHERE t.${k} > $1::text::${type}`;
    const source: string = `(SELECT * FROM ${name} t ${where} ORDER BY t.${k} LIMIT ${CHUNK_ROWS})`;
    const r: Chunk | undefined = (await db.query<Chunk>(digestSql(source, order, k), last === null ? [] : [last])).rows[0];
    if (!r || r.n === 0) break;
    hash.update(`${r.n} ${r.h ?? ''}\n`);
    if (r.n < CHUNK_ROWS || r.last === null) break;
    last = r.last;
  }
}

export async function checksumDb(db: Db, schema = 'public'): Promise<string> {
  const hash = createHash('sha256');
  for (const table of await tablesOf(db, schema)) await hashTable(db, schema, table, hash);
  return hash.digest('hex');
}
