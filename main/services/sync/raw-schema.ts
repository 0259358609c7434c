/**
 * Keeps a raw table shaped like its source table, inside the job's transaction (so a failed job also
 * rolls its DDL back).
 *
 * Invariants:
 * - raw.<t> = the source columns with the source types, plus `_raw_id bigserial PRIMARY KEY`,
 *   `_ingested_at timestamptz`, `_source_system text`, `_sync_batch_id uuid`, and a unique index on the
 *   source key (what the merge's ON CONFLICT targets). The metadata columns get their values from
 *   defaults: `_sync_batch_id` reads the transaction setting `revops.sync_batch_id` (the job id), so a
 *   COPY of source columns alone fills them.
 * - A new source column is added; a column dropped in the source is kept (and logged once); a changed
 *   type is followed when the existing values convert, else kept and logged — values that then do not fit
 *   go to ops.sync_quarantine (the column is "diverged").
 * - Changes are logged in ops.sync_schema_changes and returned as warnings; first creation is logged only.
 */
import { createHash } from 'node:crypto';
import { logSchemaChange } from '../../../db/queries/sync';
import { quoteIdent } from '../../../db/sql';
import type { Queryable } from '../../../db/types';
import { isSafeType } from './catalog';
import type { SourceTable } from './catalog';
import type { CursorRow } from '../../../db/queries/sync';
import type { SourceSystem } from './types';

export const META_COLUMNS = ['_raw_id', '_ingested_at', '_source_system', '_sync_batch_id'] as const;

/** Types whose text input accepts any text: a value can never fail to be stored in them. */
const ACCEPTS_ANY_TEXT = new Set(['text', 'text[]', 'character varying', 'character varying[]']);

export type RawShape = {
  rawTable: string;
  /** raw column → raw type (after this job's DDL) */
  columns: Map<string, string>;
  /** source columns whose raw type differs and may refuse values: the quarantine path checks these */
  diverged: { name: string; rawType: string }[];
  /** created now, or its key changed (emptied): must be loaded in full */
  fresh: boolean;
  /** DDL to run once the table is loaded (the indexes of a table created by this job) */
  afterLoad: string[];
  warnings: string[];
};

type Ctx = { tx: Queryable; jobId: string; system: SourceSystem };

function keyIndexName(rawTable: string): string {
  const base = `${rawTable.slice(4)}_src_key`;
  return Buffer.byteLength(base) <= 63 ? base : `raw_src_key_${createHash('sha256').update(rawTable).digest('hex').slice(0, 16)}`;
}

async function rawColumns(tx: Queryable, rawTable: string): Promise<Map<string, string> | null> {
  const r = await tx.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
     WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [rawTable],
  );
  if (r.rows.length === 0) return null;
  return new Map(r.rows.map((x) => [x.name, x.type]));
}

async function keyIndexColumns(tx: Queryable, rawTable: string): Promise<string[] | null> {
  const r = await tx.query<{ cols: string[] }>(
    `SELECT array_agg(a.attname::text ORDER BY k.ord) AS cols FROM pg_index i
     JOIN pg_class ic ON ic.oid = i.indexrelid
     CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indrelid = to_regclass($1) AND ic.relname = $2 GROUP BY i.indexrelid`,
    [rawTable, keyIndexName(rawTable)],
  );
  return r.rows[0]?.cols ?? null;
}

/** What raw looks like now, for many tables at once (two catalog queries instead of two per table). */
export type RawCatalog = Map<string, { columns: Map<string, string>; keyIndexes: Map<string, string[]> }>;

export async function loadRawCatalog(tx: Queryable): Promise<RawCatalog> {
  const cols = await tx.query<{ t: string; name: string; type: string }>(
    `SELECT 'raw.' || c.relname AS t, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'raw' AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum`,
  );
  const idx = await tx.query<{ t: string; index: string; cols: string[] }>(
    `SELECT 'raw.' || c.relname AS t, ic.relname AS index, array_agg(a.attname::text ORDER BY k.ord) AS cols
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_class ic ON ic.oid = i.indexrelid
     CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE n.nspname = 'raw' GROUP BY c.relname, ic.relname`,
  );
  const out: RawCatalog = new Map();
  for (const r of cols.rows) {
    let e = out.get(r.t);
    if (!e) out.set(r.t, (e = { columns: new Map(), keyIndexes: new Map() }));
    e.columns.set(r.name, r.type);
  }
  for (const r of idx.rows) out.get(r.t)?.keyIndexes.set(r.index, r.cols);
  return out;
}

function divergent(sourceType: string, rawType: string): boolean {
  return sourceType !== rawType && !ACCEPTS_ANY_TEXT.has(rawType);
}

/** Creates or evolves raw.<t> for `table`; `prev` is what the last sync saw (null on the first). */
export async function ensureRawTable(ctx: Ctx, table: SourceTable, rawTable: string, prev: CursorRow | undefined, known?: RawCatalog): Promise<RawShape> {
  const { tx, jobId, system } = ctx;
  const warnings: string[] = [];
  const log = async (column: string | null, change: string, detail: string, warn = true) => {
    await logSchemaChange(tx, { jobId, system, sourceTable: table.name, rawTable, column, change, detail });
    if (warn) warnings.push(`${rawTable}: ${detail}`);
  };
  const q = quoteIdent;
  const cached = known?.get(rawTable);
  let existing = known ? (cached ? new Map(cached.columns) : null) : await rawColumns(tx, rawTable);
  let fresh = false;
  let created = false;
  const afterLoad: string[] = [];
  if (!existing) {
    const cols = table.columns.map((c) => `  ${q(c.name)} ${c.type}`).join(',\n');
    await tx.exec(`CREATE TABLE ${q(rawTable)} (
  "_raw_id" bigserial,
  "_ingested_at" timestamptz NOT NULL DEFAULT now(),
  "_source_system" text NOT NULL DEFAULT '${system}',
  "_sync_batch_id" uuid DEFAULT NULLIF(current_setting('revops.sync_batch_id', true), '')::uuid${cols ? ',\n' + cols : ''}
)`);
    await tx.exec(`COMMENT ON TABLE ${q(rawTable)} IS 'Mirror of ${system}.${table.name} (main/services/sync)'`);
    await log(null, 'table_created', `created from ${system}.${table.name} (${table.columns.length} columns)`, Boolean(prev));
    existing = new Map<string, string>([
      ['_raw_id', 'bigint'],
      ['_ingested_at', 'timestamp with time zone'],
      ['_source_system', 'text'],
      ['_sync_batch_id', 'uuid'],
      ...table.columns.map((c) => [c.name, c.type] as [string, string]),
    ]);
    // Indexes of a new table are built after its first load: one sorted build beats maintaining them row by row.
    afterLoad.push(`ALTER TABLE ${q(rawTable)} ADD PRIMARY KEY ("_raw_id")`);
    if (table.key.length > 0) afterLoad.push(`CREATE UNIQUE INDEX ${q(keyIndexName(rawTable))} ON ${q(rawTable)} (${table.key.map(q).join(', ')})`);
    fresh = true;
    created = true;
  }
  const prevTypes = new Map((prev?.source_columns ?? []).map((c) => [c.name, c.type]));
  for (const c of table.columns) {
    const current = existing.get(c.name);
    if (current === undefined) {
      await tx.exec(`ALTER TABLE ${q(rawTable)} ADD COLUMN ${q(c.name)} ${c.type}`);
      existing.set(c.name, c.type);
      if (!fresh) await log(c.name, 'column_added', `new source column ${c.name} (${c.type}) added`);
    } else if (current !== c.type) {
      const sourceChanged = prevTypes.has(c.name) && prevTypes.get(c.name) !== c.type;
      await tx.exec('SAVEPOINT revops_alter_type');
      try {
        await tx.exec(`ALTER TABLE ${q(rawTable)} ALTER COLUMN ${q(c.name)} TYPE ${c.type} USING ${q(c.name)}::${c.type}`);
        await tx.exec('RELEASE SAVEPOINT revops_alter_type');
        existing.set(c.name, c.type);
        await log(c.name, 'type_changed', `column ${c.name} changed type ${current} → ${c.type} (as in the source)`);
      } catch (err) {
        await tx.exec('ROLLBACK TO SAVEPOINT revops_alter_type');
        await tx.exec('RELEASE SAVEPOINT revops_alter_type');
        if (sourceChanged || !prev) {
          const why = (err as Error).message.replace(/\s+/g, ' ');
          await log(c.name, 'type_kept', `column ${c.name} is ${c.type} in the source but stays ${current} in raw (${why}); values that do not fit go to ops.sync_quarantine`);
        }
      }
    }
  }
  const sourceNames = new Set(table.columns.map((c) => c.name));
  for (const name of existing.keys()) {
    if ((META_COLUMNS as readonly string[]).includes(name) || sourceNames.has(name)) continue;
    if (prevTypes.has(name)) await log(name, 'column_dropped_in_source', `column ${name} no longer exists in the source; kept in raw (rows synced from now on have NULL there)`);
  }
  if (table.key.length > 0 && !created) {
    const indexed = known && !fresh ? (cached?.keyIndexes.get(keyIndexName(rawTable)) ?? null) : await keyIndexColumns(tx, rawTable);
    if (!indexed || indexed.join(',') !== table.key.join(',')) {
      if (indexed) {
        // A new key may not be unique over the old rows: empty the table and load it again in full.
        await tx.exec(`DROP INDEX raw.${q(keyIndexName(rawTable))}`);
        await tx.exec(`DELETE FROM ${q(rawTable)}`);
        await log(null, 'key_changed', `source key changed (${indexed.join(', ')} → ${table.key.join(', ')}); raw table reloaded in full`);
        fresh = true;
      }
      await tx.exec(`CREATE UNIQUE INDEX ${q(keyIndexName(rawTable))} ON ${q(rawTable)} (${table.key.map(q).join(', ')})`);
    }
  }
  const diverged = table.columns
    .filter((c) => divergent(c.type, existing.get(c.name) as string))
    .map((c) => ({ name: c.name, rawType: existing.get(c.name) as string }));
  for (const d of diverged) {
    // Someone changed raw by hand to a type we would have to quote into SQL: refuse rather than guess.
    if (!isSafeType(d.rawType)) throw new Error(`${rawTable}.${d.name} has type ${d.rawType}, which the sync cannot check values against; change it back to ${table.columns.find((c) => c.name === d.name)?.type} or drop the column.`);
  }
  return { rawTable, columns: existing, diverged, fresh, warnings, afterLoad };
}
