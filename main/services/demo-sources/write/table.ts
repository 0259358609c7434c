/**
 * Table definitions for generated sources: columns with PostgreSQL types, primary key, unique keys and
 * foreign keys. Rows are column→value records; `rowValues` orders them and rejects unknown columns
 * (a typo in a generator must fail, not silently write NULL).
 * Invariant: FKs are added after all tables are loaded (faster, and cross-half references resolve).
 */
import { quoteIdent } from '../../../../db/sql';
import type { Row } from '../model';

export type Column = readonly [name: string, type: string];
export type Fk = { column: string; ref: string; refColumn?: string };
export type TableDef = {
  name: string;
  columns: readonly Column[];
  pk: readonly string[];
  fks?: readonly Fk[];
  unique?: readonly (readonly string[])[];
  /** whole-table CHECKs, e.g. Odoo's res_partner contact/name check */
  checks?: readonly string[];
};

/** Odoo's five implied columns (spec §1.1); id is declared by each table. */
export const ODOO_AUDIT: readonly Column[] = [
  ['create_uid', 'int4'],
  ['create_date', 'timestamp without time zone'],
  ['write_uid', 'int4'],
  ['write_date', 'timestamp without time zone'],
];

export const AUDIT_FKS: readonly Fk[] = [
  { column: 'create_uid', ref: 'res_users' },
  { column: 'write_uid', ref: 'res_users' },
];

export function odooTable(name: string, columns: readonly Column[], fks: readonly Fk[] = [], extra: Partial<TableDef> = {}): TableDef {
  return { name, columns: [['id', 'int4 NOT NULL'], ...columns, ...ODOO_AUDIT], pk: ['id'], fks: [...fks, ...AUDIT_FKS], ...extra };
}

export function createSql(t: TableDef): string {
  const cols = t.columns.map(([n, ty]) => `  ${quote(n)} ${ty}`);
  cols.push(`  CONSTRAINT ${quote(`${short(t)}_pkey`)} PRIMARY KEY (${t.pk.map(quote).join(', ')})`);
  for (const u of t.unique ?? []) cols.push(`  CONSTRAINT ${quote(`${short(t)}_${u.join('_')}_uniq`)} UNIQUE (${u.map(quote).join(', ')})`);
  (t.checks ?? []).forEach((c, i) => cols.push(`  CONSTRAINT ${quote(`${short(t)}_check_${i + 1}`)} CHECK (${c})`));
  return `CREATE TABLE ${quote(t.name)} (\n${cols.join(',\n')}\n)`;
}

export function fkSql(t: TableDef): string[] {
  return (t.fks ?? []).map(
    (f) =>
      `ALTER TABLE ${quote(t.name)} ADD CONSTRAINT ${quote(`${short(t)}_${f.column}_fkey`)} FOREIGN KEY (${quote(f.column)}) REFERENCES ${quote(f.ref)} (${quote(f.refColumn ?? 'id')})`,
  );
}

/** SQL listing FK violations (child rows whose non-null reference has no parent): 0 rows = intact. */
export function fkViolationSql(t: TableDef, f: Fk): string {
  return `SELECT count(*)::int AS n FROM ${quote(t.name)} c WHERE c.${quote(f.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${quote(f.ref)} p WHERE p.${quote(f.refColumn ?? 'id')} = c.${quote(f.column)})`;
}

export function columnNames(t: TableDef): string[] {
  return t.columns.map(([n]) => n);
}

export function rowValues(t: TableDef, row: Row): unknown[] {
  for (const k of Object.keys(row)) {
    if (!t.columns.some(([n]) => n === k)) throw new Error(`${t.name}: generator wrote unknown column ${k}`);
  }
  return t.columns.map(([n]) => row[n] ?? null);
}

/** Always quoted (Odoo uses column names that are SQL keywords: 'function', 'date', 'type'); 'schema.table' allowed. */
export function quote(name: string): string {
  return quoteIdent(name);
}

/** Constraint-name prefix of a table ('synthetic_truth.gt_entity' → 'gt_entity'). */
function short(t: TableDef): string {
  return t.name.split('.').pop() ?? t.name;
}

export function orderBy(t: TableDef): string {
  return t.pk.map(quote).join(', ');
}
