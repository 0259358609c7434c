/**
 * Syncs ONE source table into its raw table, inside the job's warehouse transaction, set-based:
 * COPY source → temporary staging table (or straight into an empty raw table), then one
 * `INSERT … ON CONFLICT … DO UPDATE … WHERE … IS DISTINCT FROM` and one `DELETE … WHERE NOT EXISTS`.
 *
 * Modes:
 * - full: every source row; rows missing from the source are deleted from raw.
 * - incremental: rows whose change column is at or after the cursor (minus an overlap, see below) or NULL.
 *   Deletions: the source row count is compared with raw's after the merge; when raw has more rows the
 *   key sets are compared (a keys-only COPY), and when it has fewer the table is re-read in full.
 * - replace (no source key): raw is emptied and loaded again.
 *
 * Invariants:
 * - `_ingested_at` / `_sync_batch_id` change only when a row is inserted or its source values changed,
 *   so consumers of raw can process "rows of batch X" incrementally.
 * - A full read must return exactly the number of rows the source counted in the same snapshot.
 * - Source text is forwarded unparsed; only "diverged" columns (raw type ≠ source type) go through a text
 *   staging table where values that do not convert are quarantined with their error.
 */
import { quoteIdent as q } from '../../../db/sql';
import type { CursorRow } from '../../../db/queries/sync';
import type { Tx } from '../../../db/types';
import type { SourceTable } from './catalog';
import type { RawShape } from './raw-schema';
import type { SourceReader } from './source';
import type { SourceSystem, TableResult } from './types';

/**
 * Rows changed up to this long before the cursor are read again (the merge ignores the unchanged ones):
 * Odoo stamps write_date with its transaction's start time, so a long transaction that commits after our
 * snapshot has write_dates older than the cursor we saw. Ties on equal timestamps are covered as well.
 */
export const CURSOR_OVERLAP_SECONDS = 300;

/** Compared as text: these types have no equality operator. */
const TEXT_COMPARE = /^(json|xml|point|line|lseg|box|path|polygon|circle)(\[\])*$/;
const INTEGER_TYPE = /^(smallint|integer|bigint)$/;
/** Rows per key range when a source materializes whole results (see copyInto). */
const RANGE_ROWS = 100_000;
const TIMESTAMP_LITERAL = /^\d{4,}-\d\d-\d\d( \d\d:\d\d:\d\d(\.\d+)?)?([+-]\d\d(:\d\d)?)?$/;

export type TableCtx = {
  tx: Tx;
  reader: SourceReader;
  jobId: string;
  system: SourceSystem;
  full: boolean;
  signal?: AbortSignal | undefined;
  /** Called with the rows read so far (for progress). */
  onRows(done: number, total: number | null, phase: 'copying' | 'merging'): void;
  warn(message: string): void;
};

export type TableOutcome = { result: TableResult; cursorValue: string | null; cursorId: string | null; sourceRows: number };

let stageSeq = 0;

function sourceRef(table: string): string {
  return q(`public.${table}`);
}

async function* countRows(data: AsyncIterable<Buffer>, onRows: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of data) {
    let n = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    onRows(n);
    yield chunk;
  }
}

function changedCondition(table: SourceTable, cursor: string): string {
  const cc = table.changeColumn as string;
  if (!TIMESTAMP_LITERAL.test(cursor)) throw new Error(`Unexpected cursor value ${JSON.stringify(cursor)} for ${table.name}.${cc}; run a full sync (--full).`);
  const type = table.columns.find((c) => c.name === cc)?.type ?? 'timestamp';
  return `(${q(cc)} >= '${cursor}'::${type} - interval '${CURSOR_OVERLAP_SECONDS} seconds' OR ${q(cc)} IS NULL)`;
}

export type TablePlan = { table: SourceTable; cursorUsable: boolean; condition: string | null };
export type Probe = { total: number; changed: number | null; maxCc: string | null };

/** Whether `table` can be read incrementally, and the source condition for its changed rows. */
export function planTable(table: SourceTable, shape: RawShape, prev: CursorRow | undefined, full: boolean): TablePlan {
  const cc = table.changeColumn;
  const cursorUsable =
    !full && !shape.fresh && table.key.length > 0 && cc !== null && prev?.change_column === cc && prev.cursor_value !== null && prev.key_columns.join(',') === table.key.join(',');
  return { table, cursorUsable, condition: cursorUsable ? changedCondition(table, prev?.cursor_value as string) : null };
}

/**
 * One scan per table, all tables in ONE query (one round trip, one snapshot): rows, changed rows, new cursor.
 */
export async function probeTables(reader: SourceReader, plans: readonly TablePlan[]): Promise<Map<string, Probe>> {
  const out = new Map<string, Probe>();
  // Batches keep the statement of a source with hundreds of tables reasonable.
  for (let i = 0; i < plans.length; i += 50) {
    const parts = plans.slice(i, i + 50).map((p, j) => {
      const cc = p.table.changeColumn;
      const changed = p.condition ? `count(*) FILTER (WHERE ${p.condition})::text` : 'NULL::text';
      return `SELECT ${i + j} AS i, count(*)::text AS total, ${changed} AS changed, ${cc ? `max(${q(cc)})::text` : 'NULL::text'} AS max_cc FROM ${sourceRef(p.table.name)}`;
    });
    if (parts.length === 0) continue;
    const rows = await reader.query<{ i: number; total: string; changed: string | null; max_cc: string | null }>(parts.join('\nUNION ALL\n'));
    for (const r of rows) {
      const p = plans[r.i] as TablePlan;
      out.set(p.table.name, { total: Number(r.total), changed: r.changed === null ? null : Number(r.changed), maxCc: r.max_cc });
    }
  }
  return out;
}

export async function syncTable(ctx: TableCtx, plan: TablePlan, probe: Probe, shape: RawShape, prev: CursorRow | undefined): Promise<TableOutcome> {
  const started = performance.now();
  const { tx } = ctx;
  const reader = ctx.reader;
  const { table, cursorUsable, condition } = plan;
  const raw = shape.rawTable;
  const cols = table.columns.map((c) => c.name);
  const cc = table.changeColumn;
  const noKey = table.key.length === 0;
  const total = probe.total;
  const changed = probe.changed;

  const counts = { rowsRead: 0, inserted: 0, updated: 0, deleted: 0, failed: 0 };
  let rowsSoFar = 0;
  // A source that materializes whole results (PGlite behind pglite-socket: the demo sources) would hold a
  // big table's entire COPY output in memory: read it in key ranges instead, in the same snapshot.
  let ranges: [number, number][] | null | undefined;
  const keyRanges = async (): Promise<[number, number][] | null> => {
    if (ranges !== undefined) return ranges;
    ranges = null;
    const key = table.key.length === 1 ? table.columns.find((c) => c.name === table.key[0]) : undefined;
    if (!reader.wholeResults || !key || !INTEGER_TYPE.test(key.type) || total <= RANGE_ROWS) return ranges;
    const mm = (await reader.query<{ lo: string | null; hi: string | null }>(`SELECT min(${q(key.name)})::text AS lo, max(${q(key.name)})::text AS hi FROM ${sourceRef(table.name)}`))[0];
    if (!mm?.lo || !mm.hi) return ranges;
    const lo = Number(mm.lo);
    const hi = Number(mm.hi);
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) return ranges;
    const step = Math.max(1, Math.ceil((hi - lo + 1) / Math.ceil(total / RANGE_ROWS)));
    ranges = [];
    for (let a = lo; a <= hi; a += step) ranges.push([a, Math.min(hi, a + step - 1)]);
    return ranges;
  };
  const copyInto = async (target: string, where: string | null, expected: number | null, columns = cols): Promise<number> => {
    const base = `SELECT ${columns.map(q).join(', ')} FROM ${sourceRef(table.name)}`;
    const parts = await keyRanges();
    const selects = parts
      ? parts.map(([a, b]) => `${base} WHERE ${where ? `(${where}) AND ` : ''}${q(table.key[0] as string)} BETWEEN ${a} AND ${b}`)
      : [`${base}${where ? ` WHERE ${where}` : ''}`];
    const signal = ctx.signal;
    async function* all(): AsyncGenerator<Buffer> {
      for (const select of selects) yield* reader.copyOut(select, signal);
    }
    const startRows = rowsSoFar;
    const data = countRows(all(), (n) => {
      rowsSoFar += n;
      ctx.onRows(rowsSoFar, expected === null ? null : startRows + expected, 'copying');
    });
    const n = await tx.copyFromData(target, columns, data);
    if (expected !== null && n !== expected) {
      throw new Error(`${ctx.system}.${table.name}: the source sent ${n} rows but counted ${expected} in the same snapshot; nothing was applied. Sync again.`);
    }
    return n;
  };

  let mode: TableResult['mode'];
  if (noKey) {
    mode = 'replace';
    counts.deleted = (await tx.query(`DELETE FROM ${q(raw)}`)).rowCount;
    counts.rowsRead = await loadStaged(ctx, table, shape, null, total, copyInto, counts, { direct: true });
  } else if (!cursorUsable) {
    mode = 'full';
    const empty = (await tx.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${q(raw)}) AS empty`)).rows[0]?.empty === true;
    counts.rowsRead = await loadStaged(ctx, table, shape, null, total, copyInto, counts, { direct: empty, deleteMissing: !empty });
  } else if (changed === 0) {
    mode = 'unchanged';
  } else {
    mode = 'incremental';
    counts.rowsRead = await loadStaged(ctx, table, shape, condition, changed, copyInto, counts, {});
  }

  // Deletions and misses, detected by count. Nothing inserted and the source count unchanged since the
  // last sync means raw's count is unchanged too: no count needed (the no-change fast path).
  const sameCount = counts.inserted === 0 && prev?.source_rows !== null && prev?.source_rows !== undefined && Number(prev.source_rows) === total;
  if ((mode === 'incremental' || mode === 'unchanged') && !sameCount) {
    const rawRows = async () => Number((await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${q(raw)}`)).rows[0]?.n);
    let have = await rawRows();
    if (have > total) {
      ctx.onRows(rowsSoFar, null, 'merging');
      const keyStage = `pg_temp.sync_keys_${++stageSeq}`;
      await tx.exec(`CREATE TEMP TABLE ${q(keyStage)} ON COMMIT DROP AS SELECT ${table.key.map(q).join(', ')} FROM ${q(raw)} WITH NO DATA`);
      await copyInto(keyStage, null, total, table.key);
      counts.deleted += await deleteMissing(tx, ctx, raw, keyStage, table.key, false);
      await tx.exec(`DROP TABLE ${q(keyStage)}`);
      have -= counts.deleted;
    }
    if (have < total) {
      ctx.warn(`${raw}: ${total - have} source rows were not found by the incremental cursor (changed without a newer ${cc}?); the table was read in full`);
      mode = 'full';
      counts.rowsRead += await loadStaged(ctx, table, shape, null, total, copyInto, counts, { deleteMissing: true });
    }
  }

  // The cursor: the newest change date and the greatest key among the rows carrying it. The key costs a
  // scan, so it is looked up only when the date moved (never on a no-change sync).
  const cursorValue = probe.maxCc ?? (cursorUsable ? (prev?.cursor_value ?? null) : null);
  let cursorId = cursorUsable || probe.maxCc === prev?.cursor_value ? (prev?.cursor_id ?? null) : null;
  const key = table.key.length === 1 ? table.columns.find((c) => c.name === table.key[0]) : undefined;
  if (cc && probe.maxCc && probe.maxCc !== prev?.cursor_value && key && INTEGER_TYPE.test(key.type)) {
    const r = await reader.query<{ id: string | null }>(`SELECT max(${q(key.name)})::text AS id FROM ${sourceRef(table.name)} WHERE ${q(cc)} = $1`, [probe.maxCc]);
    cursorId = r[0]?.id ?? null;
  }
  return {
    result: { sourceTable: table.name, rawTable: raw, mode, durationMs: performance.now() - started, ...counts },
    cursorValue,
    cursorId,
    sourceRows: total,
  };
}

type CopyInto = (target: string, where: string | null, expected: number | null, columns?: string[]) => Promise<number>;
type Counts = { inserted: number; updated: number; deleted: number; failed: number };

/**
 * Reads rows (all, or `where`) into raw: straight into an empty raw table when possible, else through a
 * staging table and one merge; optionally deletes raw rows whose key the source no longer has.
 */
async function loadStaged(
  ctx: TableCtx,
  table: SourceTable,
  shape: RawShape,
  where: string | null,
  expected: number | null,
  copyInto: CopyInto,
  counts: Counts,
  opts: { direct?: boolean; deleteMissing?: boolean },
): Promise<number> {
  const { tx } = ctx;
  const raw = shape.rawTable;
  const cols = table.columns.map((c) => c.name);
  const list = cols.map(q).join(', ');
  const seq = ++stageSeq;
  if (shape.diverged.length === 0 && opts.direct) {
    const n = await copyInto(raw, where, expected);
    counts.inserted += n;
    return n;
  }
  let stage: string;
  let read: number;
  let keysFrom: { table: string; text: boolean };
  if (shape.diverged.length === 0) {
    stage = `pg_temp.sync_stage_${seq}`;
    await tx.exec(`CREATE TEMP TABLE ${q(stage)} ON COMMIT DROP AS SELECT ${list} FROM ${q(raw)} WITH NO DATA`);
    read = await copyInto(stage, where, expected);
    keysFrom = { table: stage, text: false };
  } else {
    const text = `pg_temp.sync_text_${seq}`;
    await tx.exec(`CREATE TEMP TABLE ${q(text)} (${cols.map((c) => `${q(c)} text`).join(', ')}) ON COMMIT DROP`);
    read = await copyInto(text, where, expected);
    counts.failed += await quarantine(ctx, table, shape, text);
    stage = `pg_temp.sync_stage_${seq}`;
    const typed = cols.map((c) => `s.${q(c)}::${shape.columns.get(c) as string} AS ${q(c)}`).join(', ');
    const ok = shape.diverged.map((d) => `ops.sync_cast_error(s.${q(d.name)}, '${d.rawType}') IS NULL`).join(' AND ');
    await tx.exec(`CREATE TEMP TABLE ${q(stage)} ON COMMIT DROP AS SELECT ${typed} FROM ${q(text)} s WHERE ${ok}`);
    keysFrom = { table: text, text: true };
  }
  ctx.onRows(read, expected, 'merging');
  if (opts.direct) {
    // Replace mode with diverged columns: raw was emptied, so a plain insert.
    counts.inserted += (await tx.query(`INSERT INTO ${q(raw)} (${list}) SELECT ${list} FROM ${q(stage)}`)).rowCount;
  } else {
    const m = await tx.query<{ inserted: number; updated: number }>(mergeSql(raw, stage, table, shape));
    counts.inserted += Number(m.rows[0]?.inserted ?? 0);
    counts.updated += Number(m.rows[0]?.updated ?? 0);
  }
  if (opts.deleteMissing) counts.deleted += await deleteMissing(tx, ctx, raw, keysFrom.table, table.key, keysFrom.text);
  if (keysFrom.table !== stage) await tx.exec(`DROP TABLE ${q(keysFrom.table)}`);
  await tx.exec(`DROP TABLE ${q(stage)}`);
  return read;
}

function mergeSql(raw: string, stage: string, table: SourceTable, shape: RawShape): string {
  const cols = table.columns.map((c) => c.name);
  const list = cols.map(q).join(', ');
  const nonKey = cols.filter((c) => !table.key.includes(c));
  const cmp = (side: string, c: string) => (TEXT_COMPARE.test(shape.columns.get(c) ?? '') ? `${side}.${q(c)}::text` : `${side}.${q(c)}`);
  const action =
    nonKey.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${[...nonKey, '_ingested_at', '_sync_batch_id'].map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(', ')}
         WHERE (${nonKey.map((c) => cmp('r', c)).join(', ')}) IS DISTINCT FROM (${nonKey.map((c) => cmp('EXCLUDED', c)).join(', ')})`;
  return `WITH m AS (
    INSERT INTO ${q(raw)} AS r (${list}) SELECT ${list} FROM ${q(stage)}
    ON CONFLICT (${table.key.map(q).join(', ')}) ${action}
    RETURNING (xmax = 0) AS ins
  ) SELECT count(*) FILTER (WHERE ins)::float8 AS inserted, count(*) FILTER (WHERE NOT ins)::float8 AS updated FROM m`;
}

/** Deletes raw rows whose key is not in `keys` (typed, or text when `text`), recording their keys. */
async function deleteMissing(tx: Tx, ctx: TableCtx, raw: string, keys: string, key: readonly string[], text: boolean): Promise<number> {
  const match = key.map((k) => (text ? `s.${q(k)} = r.${q(k)}::text` : `s.${q(k)} = r.${q(k)}`)).join(' AND ');
  const keyJson = `jsonb_build_object(${key.map((k) => `'${k}', r.${q(k)}`).join(', ')})`;
  const r = await tx.query<{ deleted: number }>(
    `WITH d AS (DELETE FROM ${q(raw)} r WHERE NOT EXISTS (SELECT 1 FROM ${q(keys)} s WHERE ${match}) RETURNING ${keyJson} AS k),
          l AS (INSERT INTO ops.sync_deleted_rows (job_id, raw_table, source_key) SELECT $1, $2, k FROM d RETURNING 1)
     SELECT count(*)::float8 AS deleted FROM l`,
    [ctx.jobId, raw],
  );
  return Number(r.rows[0]?.deleted ?? 0);
}

/** Values of diverged columns that the raw type refuses → ops.sync_quarantine (one row per bad value). */
async function quarantine(ctx: TableCtx, table: SourceTable, shape: RawShape, text: string): Promise<number> {
  const keyJson = table.key.length > 0 ? `jsonb_build_object(${table.key.map((k) => `'${k}', s.${q(k)}`).join(', ')})` : 'NULL::jsonb';
  const values = shape.diverged.map((d) => `('${d.name}', s.${q(d.name)}, ops.sync_cast_error(s.${q(d.name)}, '${d.rawType}'))`).join(', ');
  const r = await ctx.tx.query<{ n: number; rows: number }>(
    `WITH bad AS (
       INSERT INTO ops.sync_quarantine (job_id, source_system, source_table, raw_table, source_key, column_name, value, error, row_data)
       SELECT $1, $2, $3, $4, ${keyJson}, v.col, v.val, v.err, to_jsonb(s)
       FROM ${q(text)} s CROSS JOIN LATERAL (VALUES ${values}) AS v(col, val, err)
       WHERE v.err IS NOT NULL
       RETURNING source_key, row_data
     ) SELECT count(*)::float8 AS n, count(DISTINCT row_data)::float8 AS rows FROM bad`,
    [ctx.jobId, ctx.system, table.name, shape.rawTable],
  );
  const rows = Number(r.rows[0]?.rows ?? 0);
  if (rows > 0) ctx.warn(`${shape.rawTable}: ${rows} source rows have values raw cannot store (${shape.diverged.map((d) => `${d.name} is ${d.rawType} in raw`).join(', ')}); see ops.sync_quarantine`);
  return rows;
}
