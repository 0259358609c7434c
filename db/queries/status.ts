/**
 * Warehouse status for the dashboard and `revops warehouse status`.
 *
 * Row counts are exact (`count(*)` per table). That is fine at foundation scale; once raw holds millions
 * of rows the dashboard may switch to pg_class.reltuples estimates and must then say so in its shape.
 */
import { APP_SCHEMA_VERSION, schemaVersion } from '../migrate';
import { ident, join, sql } from '../sql';
import type { Db } from '../types';

export const WAREHOUSE_SCHEMAS = ['raw', 'core', 'search', 'ops'] as const;

export type WarehouseStatus = {
  engine: Db['engine'];
  description: string;
  schemaVersion: number;
  appSchemaVersion: number;
  extensions: { name: string; version: string }[];
  schemas: { schema: string; tables: number; rows: number }[];
};

export async function warehouseStatus(db: Db, opts: { appSchemaVersion?: number } = {}): Promise<WarehouseStatus> {
  const extensions = await db.query<{ name: string; version: string }>(
    "SELECT extname AS name, extversion AS version FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname",
  );
  const tables = await db.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY 1, 2`,
    [[...WAREHOUSE_SCHEMAS]],
  );
  const rowsBySchema = new Map<string, number>();
  const tablesBySchema = new Map<string, number>();
  for (const t of tables.rows) tablesBySchema.set(t.schema, (tablesBySchema.get(t.schema) ?? 0) + 1);
  // Table names come from the catalog; ident() still asserts them (a table outside our naming is skipped).
  const safe = tables.rows.filter((t) => /^[a-z_][a-z0-9_]*$/.test(t.name));
  if (safe.length > 0) {
    const parts = safe.map((t) => sql`SELECT ${t.schema}::text AS schema, count(*) AS n FROM ${ident(`${t.schema}.${t.name}`)}`);
    const q = sql`SELECT schema, sum(n)::int8 AS rows FROM (${join(parts, sql` UNION ALL `)}) AS c GROUP BY schema`;
    const counts = await db.query<{ schema: string; rows: number }>(q.text, q.values);
    for (const c of counts.rows) rowsBySchema.set(c.schema, Number(c.rows));
  }
  return {
    engine: db.engine,
    description: db.description,
    schemaVersion: await schemaVersion(db),
    appSchemaVersion: opts.appSchemaVersion ?? APP_SCHEMA_VERSION,
    extensions: extensions.rows,
    schemas: WAREHOUSE_SCHEMAS.map((schema) => ({ schema, tables: tablesBySchema.get(schema) ?? 0, rows: rowsBySchema.get(schema) ?? 0 })),
  };
}
