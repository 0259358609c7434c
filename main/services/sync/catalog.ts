/**
 * Schema discovery from the source's catalog (pg_catalog), and the rules that map a source table to its
 * raw mirror: name, column types, key, change column, order.
 *
 * Invariants:
 * - Only names that are safe identifiers (lower-case snake_case, raw name <= 63 bytes) are mirrored; others
 *   are skipped with a warning, never quoted into SQL.
 * - A raw column has the source column's type when the warehouse surely has it (a pg_catalog type whose
 *   printed form we recognise); domains become their base type; enums, extension and composite types
 *   become text (their text form always fits).
 */
import type { SourceSystem, SyncScope } from './types';

export type SourceColumn = { name: string; type: string };

export type SourceTable = {
  name: string;
  columns: SourceColumn[];
  /** Primary key columns in key order; empty when the table has none (then it is replaced as a whole). */
  key: string[];
  /** The incremental cursor column (write_date / last_modified_date), or null: full copy every time. */
  changeColumn: string | null;
};

export type CatalogRow = {
  table_name: string;
  column_name: string;
  type: string;
  typtype: string;
  type_schema: string;
  base_type: string | null;
  base_schema: string | null;
  elem_schema: string | null;
  elem_typtype: string | null;
};

export type KeyRow = { table_name: string; key_columns: string[] };

/** Columns and their types, for every ordinary or partitioned table of `schema`. */
export const CATALOG_QUERY = `
SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
       t.typtype::text AS typtype, tn.nspname AS type_schema,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
       CASE WHEN t.typtype = 'd' THEN (SELECT bn.nspname FROM pg_type b JOIN pg_namespace bn ON bn.oid = b.typnamespace WHERE b.oid = t.typbasetype) END AS base_schema,
       en.nspname AS elem_schema, e.typtype::text AS elem_typtype
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_namespace en ON en.oid = e.typnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname, a.attnum`;

/** Primary key columns in key order. */
export const KEY_QUERY = `
SELECT c.relname AS table_name, array_agg(a.attname::text ORDER BY k.ord) AS key_columns
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
WHERE n.nspname = $1 AND i.indisprimary
GROUP BY c.relname`;

const SAFE_NAME = /^[a-z_][a-z0-9_]*$/;
/** What format_type prints for built-in types: `integer`, `character varying(12)`, `numeric(20,10)`, `timestamp(3) with time zone`, `text[]`. */
const SAFE_TYPE = /^[a-z][a-z0-9_ ]*(\(\d+(,\d+)?\))?( with(out)? time zone)?(\[\])*$/;

/** A type name we may splice into DDL/casts: the printed form of a built-in type. */
export function isSafeType(type: string): boolean {
  return SAFE_TYPE.test(type);
}

export function isSafeName(name: string): boolean {
  return SAFE_NAME.test(name) && Buffer.byteLength(name) <= 63;
}

/** `raw.<source>_<table>`, or `raw.<table>` when the table already starts with `<source>_` (apn_opportunity). */
export function rawTableName(system: SourceSystem, table: string): string {
  return `raw.${table.startsWith(`${system}_`) ? table : `${system}_${table}`}`;
}

/** The raw type for one source column (see the invariants). */
export function rawType(row: Pick<CatalogRow, 'type' | 'typtype' | 'type_schema' | 'base_type' | 'base_schema' | 'elem_schema' | 'elem_typtype'>): string {
  const builtin = (schema: string | null) => schema === 'pg_catalog';
  if (row.typtype === 'd' && row.base_type && builtin(row.base_schema) && SAFE_TYPE.test(row.base_type)) return row.base_type;
  if (row.elem_typtype !== null) {
    // An array: of a built-in type as is, of anything else as text[] (the element's text form fits).
    return row.elem_typtype === 'b' && builtin(row.elem_schema) && builtin(row.type_schema) && SAFE_TYPE.test(row.type) ? row.type : 'text[]';
  }
  if (row.typtype !== 'b' || !builtin(row.type_schema)) return 'text';
  return SAFE_TYPE.test(row.type) ? row.type : 'text';
}

/** Candidate change columns by source, first match wins; must be a timestamp or date column. */
const CHANGE_COLUMNS: Record<SourceSystem, string[]> = {
  odoo: ['write_date'],
  apn: ['last_modified_date'],
};
const GENERIC_CHANGE_COLUMNS = ['write_date', 'last_modified_date', 'updated_at', 'modified_at'];
const CURSOR_TYPE = /^(timestamp(\(\d\))? with(out)? time zone|date)$/;

export function changeColumnOf(system: SourceSystem, columns: readonly SourceColumn[]): string | null {
  for (const name of [...CHANGE_COLUMNS[system], ...GENERIC_CHANGE_COLUMNS]) {
    const c = columns.find((x) => x.name === name);
    if (c && CURSOR_TYPE.test(c.type)) return c.name;
  }
  return null;
}

/** The billing tables live in the Odoo database: the custom c_billing_* tables and the invoices. */
export function isBillingTable(name: string): boolean {
  return name.startsWith('c_billing_') || name === 'account_move' || name === 'account_move_line';
}

/** Cost rows and bill lines first (the seeds' priority), then the rest of billing, then everything else. */
const PRIORITY = ['c_billing_internal_cur', 'c_billing_bill_line', 'account_move_line', 'c_billing_bill', 'account_move'];

export function syncOrder(a: string, b: string): number {
  const rank = (t: string) => {
    const i = PRIORITY.indexOf(t);
    if (i >= 0) return i;
    return isBillingTable(t) ? PRIORITY.length : PRIORITY.length + 1;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

export type Discovered = { tables: SourceTable[]; skipped: string[] };

/** Builds the table list from catalog rows, keeping the scope and skipping unsafe names (with a reason). */
export function buildCatalog(system: SourceSystem, scope: SyncScope, rows: readonly CatalogRow[], keys: readonly KeyRow[]): Discovered {
  const keyOf = new Map(keys.map((k) => [k.table_name, k.key_columns]));
  const byTable = new Map<string, CatalogRow[]>();
  for (const r of rows) {
    const list = byTable.get(r.table_name) ?? [];
    list.push(r);
    byTable.set(r.table_name, list);
  }
  const tables: SourceTable[] = [];
  const skipped: string[] = [];
  for (const [name, cols] of byTable) {
    if (scope === 'billing' && !isBillingTable(name)) continue;
    const raw = rawTableName(system, name).slice(4);
    if (!isSafeName(name) || !isSafeName(raw)) {
      skipped.push(`${system}.${name}: table name is not a plain lower-case identifier (or too long for raw); not synced`);
      continue;
    }
    const columns: SourceColumn[] = [];
    for (const c of cols) {
      if (!isSafeName(c.column_name) || c.column_name.startsWith('_')) {
        skipped.push(`${system}.${name}.${c.column_name}: column name is not a plain lower-case identifier (or starts with '_', reserved for raw metadata); not synced`);
        continue;
      }
      columns.push({ name: c.column_name, type: rawType(c) });
    }
    const key = keyOf.get(name) ?? [];
    const usableKey = key.every((k) => columns.some((c) => c.name === k)) ? key : [];
    tables.push({ name, columns, key: usableKey, changeColumn: usableKey.length > 0 ? changeColumnOf(system, columns) : null });
  }
  tables.sort((a, b) => syncOrder(a.name, b.name));
  return { tables, skipped };
}
