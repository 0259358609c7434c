/**
 * Content checksum of a source database (spec §7, issue 2): SHA-256 over every table of a schema in name
 * order, each contributing its name and `COPY (SELECT * FROM t ORDER BY <primary key>) TO STDOUT` text.
 * Both engines pin TimeZone=UTC and DateStyle=ISO (db/session.ts), so the text never depends on the machine.
 */
import { createHash } from 'node:crypto';
import type { Queryable, Db } from '../../../db/types';
import { quoteIdent } from '../../../db/sql';

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

export async function checksumDb(db: Db, schema = 'public'): Promise<string> {
  const hash = createHash('sha256');
  for (const table of await tablesOf(db, schema)) {
    const order = (await orderColumns(db, schema, table)).map(quoteIdent).join(', ');
    hash.update(`-- ${table}\n`);
    for await (const line of db.copyTo(`SELECT * FROM ${quoteIdent(`${schema}.${table}`)} ORDER BY ${order}`)) hash.update(`${line}\n`);
  }
  return hash.digest('hex');
}
