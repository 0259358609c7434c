/**
 * One transform step = one core table rebuilt from raw with set-based SQL:
 *   1. the step's SELECT (restricted to the affected keys when incremental) lands in a temp table;
 *   2. INSERT … ON CONFLICT DO UPDATE … WHERE (old row) IS DISTINCT FROM (new row): an unchanged row is never
 *      rewritten, so its hashes, updated_at and transform_batch_id stay as they were;
 *   3. target rows in scope whose key the SELECT no longer produces are deleted (source row gone or no
 *      longer qualifying).
 * Invariant: every statement runs on the caller's transaction; SQL text is static (identifiers from this
 * module's own constants, checked by quoteIdent), values are bound parameters.
 */
import { quoteIdent } from '../../../db/sql';
import type { Queryable } from '../../../db/types';

export type StepMode = 'full' | 'incremental';

export type StepContext = {
  mode: StepMode;
  batchId: string;
  /** raw tables present in the warehouse (names without schema, e.g. 'odoo_crm_lead') */
  rawTables: ReadonlySet<string>;
  normalizerVersion: number;
};

export type Step = {
  target: string;
  /** raw tables (without schema) the step reads; all must exist, else the step is skipped */
  sources: readonly string[];
  keys: readonly string[];
  columns: readonly string[];
  /** the SELECT producing `columns`; `scope` is a boolean SQL condition (TRUE when full) */
  select(ctx: StepContext, scope: string): string;
  /**
   * Incremental scoping: the column of the target that scopes a re-derivation, the raw-side condition that
   * keeps only affected source rows, and the SELECT of affected values (from pg_temp.changed).
   * Without it the step always recomputes everything (small tables) — still writing only changed rows.
   */
  scope?: { column: string; sourceCondition: string; affected(ctx: StepContext): string };
  /** raw tables whose deletions force a full recompute of this step (aggregates cannot locate deleted rows) */
  fullOnDeleteOf?: readonly string[];
  /** small lookup tables whose any change forces a full recompute (cheaper than tracing every use) */
  fullOnChangeOf?: readonly string[];
};

export type StepResult = {
  target: string;
  sources: readonly string[];
  mode: StepMode | 'skipped';
  considered: number;
  inserted: number;
  updated: number;
  deleted: number;
  durationMs: number;
  note?: string;
};

/** `changed_ids('odoo_res_partner')`: ids of raw rows changed or deleted by the consumed sync jobs. */
export function changedIds(rawTable: string): string {
  if (!/^[a-z0-9_]+$/.test(rawTable)) throw new Error(`bad raw table name ${rawTable}`);
  return `(SELECT id FROM pg_temp.changed WHERE raw_table = '${rawTable}')`;
}

export async function runStep(tx: Queryable, step: Step, ctx: StepContext, forceFull: boolean): Promise<StepResult> {
  const started = performance.now();
  const target = quoteIdent(step.target);
  const missing = step.sources.filter((s) => !ctx.rawTables.has(s));
  if (missing.length > 0) {
    return { target: step.target, sources: step.sources, mode: 'skipped', considered: 0, inserted: 0, updated: 0, deleted: 0, durationMs: 0, note: `raw.${missing.join(', raw.')} not synced yet` };
  }
  const mode: StepMode = ctx.mode === 'full' || forceFull || !step.scope ? 'full' : 'incremental';
  const cols = step.columns.map((c) => quoteIdent(c));
  const keys = step.keys.map((c) => quoteIdent(c));
  await tx.exec('DROP TABLE IF EXISTS pg_temp.step_src');
  let scopeSql = 'TRUE';
  if (mode === 'incremental' && step.scope) {
    await tx.exec('DROP TABLE IF EXISTS pg_temp.step_scope');
    await tx.exec(`CREATE TEMP TABLE step_scope ON COMMIT DROP AS SELECT DISTINCT v FROM (${step.scope.affected(ctx)}) AS a(v) WHERE v IS NOT NULL`);
    scopeSql = step.scope.sourceCondition;
  }
  await tx.exec(`CREATE TEMP TABLE step_src ON COMMIT DROP AS ${step.select(ctx, scopeSql)}`);
  const considered = Number((await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_temp.step_src')).rows[0]?.n ?? 0);
  const nonKey = cols.filter((_, i) => !step.keys.includes(step.columns[i] as string));
  const upsert = await tx.query<{ ins: number; upd: number }>(
    `WITH up AS (
       INSERT INTO ${target} AS t (${cols.join(', ')}, transform_batch_id)
       SELECT ${cols.join(', ')}, $1::uuid FROM pg_temp.step_src
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${nonKey.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
         transform_batch_id = EXCLUDED.transform_batch_id, updated_at = now()
       WHERE (${nonKey.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${nonKey.map((c) => `EXCLUDED.${c}`).join(', ')})
       RETURNING (xmax::text = '0') AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS ins, count(*) FILTER (WHERE NOT inserted)::int AS upd FROM up`,
    [ctx.batchId],
  );
  const inScope = mode === 'incremental' && step.scope ? `t.${quoteIdent(step.scope.column)} IN (SELECT v FROM pg_temp.step_scope)` : 'TRUE';
  const del = await tx.query(
    `DELETE FROM ${target} AS t WHERE ${inScope} AND NOT EXISTS (SELECT 1 FROM pg_temp.step_src s WHERE ${keys.map((k) => `s.${k} = t.${k}`).join(' AND ')})`,
  );
  return {
    target: step.target,
    sources: step.sources,
    mode,
    considered,
    inserted: Number(upsert.rows[0]?.ins ?? 0),
    updated: Number(upsert.rows[0]?.upd ?? 0),
    deleted: del.rowCount,
    durationMs: Math.round(performance.now() - started),
  };
}
