/**
 * What `revops embed` reads from core and writes to search / ops.embed_runs.
 *
 * Invariants:
 * - A record's text needs a vector when the model has none for it or the stored text_hash differs from the
 *   core row's identity_hash / context_hash (or always, with `full`).
 * - A chunk of vectors is written in one transaction: its old rows deleted, the new ones COPYed. A crash or
 *   Ctrl-C loses at most the chunk in flight; the next run picks up what is still pending.
 */
import { copyLine } from '../copy';
import { Sql, sql } from '../sql';
import type { Db, Queryable, Tx } from '../types';
import type { EmbedEntity, EmbedKind } from './search';
import { EMBED_ENTITIES, assertModelId } from './search';

/** Where each entity's texts live in core: table, key (as text) and row filter. */
const SOURCES: Record<EmbedEntity, { table: string; key: string; filter: string }> = {
  odoo_opportunity: { table: 'core.odoo_opportunities', key: 'c.source_id::text', filter: 'true' },
  ace_opportunity: { table: 'core.ace_opportunities', key: 'c.source_id', filter: 'true' },
  odoo_company: { table: 'core.companies', key: 'c.source_id', filter: "c.source_system = 'odoo'" },
  ace_company: { table: 'core.companies', key: 'c.source_id', filter: "c.source_system = 'ace'" },
  aws_account: { table: 'core.aws_accounts', key: 'c.account_id', filter: 'true' },
};

// Fixed fragments from the table above (no input reaches them).
const frag = (text: string): Sql => new Sql([text], []);

export type PendingText = { entity: EmbedEntity; kind: EmbedKind; sourceId: string; hash: string; text: string };

export type TextCounts = { entity: EmbedEntity; kind: EmbedKind; total: number; pending: number };

/** Texts of one entity/kind whose vector is missing or stale for `modelId` (all of them with `full`). */
export async function pendingTexts(db: Queryable, modelId: string, entity: EmbedEntity, kind: EmbedKind, full: boolean): Promise<PendingText[]> {
  const s = SOURCES[entity];
  const q = sql`SELECT ${frag(s.key)} AS source_id, c.${frag(`${kind}_hash`)} AS hash, c.${frag(`${kind}_text`)} AS text
      FROM ${frag(s.table)} c
      LEFT JOIN search.text_embeddings e ON e.model_id = ${modelId} AND e.entity = ${entity} AND e.kind = ${kind} AND e.source_id = ${frag(s.key)}
     WHERE ${frag(s.filter)} AND (${full}::boolean OR e.text_hash IS DISTINCT FROM c.${frag(`${kind}_hash`)})
     ORDER BY 1`;
  const r = await db.query<{ source_id: string; hash: string; text: string }>(q.text, q.values);
  return r.rows.map((x) => ({ entity, kind, sourceId: x.source_id, hash: x.hash, text: x.text }));
}

/** Per entity/kind: core rows, and how many of them lack an up-to-date vector of `modelId`. */
export async function textCoverage(db: Queryable, modelId: string | null): Promise<TextCounts[]> {
  const parts = EMBED_ENTITIES.flatMap((entity) =>
    (['identity', 'context'] as const).map((kind) => {
      const s = SOURCES[entity];
      return sql`SELECT ${entity}::text AS entity, ${kind}::text AS kind, count(*)::int AS total,
          count(*) FILTER (WHERE e.text_hash IS DISTINCT FROM c.${frag(`${kind}_hash`)})::int AS pending
        FROM ${frag(s.table)} c
        LEFT JOIN search.text_embeddings e ON e.model_id = ${modelId ?? ''} AND e.entity = ${entity} AND e.kind = ${kind} AND e.source_id = ${frag(s.key)}
       WHERE ${frag(s.filter)}`;
    }),
  );
  const q = parts.slice(1).reduce((acc, p) => sql`${acc} UNION ALL ${p}`, parts[0] as Sql);
  const r = await db.query<{ entity: EmbedEntity; kind: EmbedKind; total: number; pending: number }>(q.text, q.values);
  return r.rows.map((x) => ({ entity: x.entity, kind: x.kind, total: Number(x.total), pending: Number(x.pending) }));
}

/** Removes vectors of records that are no longer in core; returns how many. */
export async function deleteOrphanEmbeddings(db: Queryable, modelId: string): Promise<number> {
  let deleted = 0;
  for (const entity of EMBED_ENTITIES) {
    const s = SOURCES[entity];
    const q = sql`DELETE FROM search.text_embeddings e WHERE e.model_id = ${modelId} AND e.entity = ${entity}
      AND NOT EXISTS (SELECT 1 FROM ${frag(s.table)} c WHERE ${frag(s.filter)} AND ${frag(s.key)} = e.source_id)`;
    deleted += (await db.query(q.text, q.values)).rowCount;
  }
  return deleted;
}

export type EmbeddingRow = {
  entity: EmbedEntity;
  kind: EmbedKind;
  sourceId: string;
  hash: string;
  tokens: number;
  truncated: boolean;
  /** pgvector text forms (db/queries/search.ts vectorText / sparseText) */
  dense: string;
  sparse: string | null;
};

const COLUMNS = ['model_id', 'entity', 'kind', 'source_id', 'text_hash', 'tokens', 'truncated', 'dense', 'sparse'] as const;

async function* copyData(modelId: string, rows: readonly EmbeddingRow[]): AsyncIterable<string> {
  let buf = '';
  for (const r of rows) {
    buf += copyLine([modelId, r.entity, r.kind, r.sourceId, r.hash, r.tokens, r.truncated, r.dense, r.sparse]) + '\n';
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** Arbitrary constant: writers of search.text_embeddings take it per chunk. */
const WRITE_LOCK = 7_262_011_505;

/**
 * Replaces the vectors of these records in one transaction (delete their old rows, COPY the new ones).
 * Chunk writes are serialized (transaction-scoped advisory lock), so two embed runs at once redo work but
 * never collide on a key.
 */
export async function writeEmbeddings(db: Db, modelId: string, rows: readonly EmbeddingRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.transaction(async (tx: Tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [WRITE_LOCK]);
    await tx.query(
      `DELETE FROM search.text_embeddings e USING unnest($2::text[], $3::text[], $4::text[]) AS x(entity, kind, source_id)
        WHERE e.model_id = $1 AND e.entity = x.entity AND e.kind = x.kind AND e.source_id = x.source_id`,
      [modelId, rows.map((r) => r.entity), rows.map((r) => r.kind), rows.map((r) => r.sourceId)],
    );
    return tx.copyFromData('search.text_embeddings', COLUMNS, copyData(modelId, rows));
  });
}

/** Fresh statistics after a load, so the planner knows how many rows each model/entity/kind has. */
export async function analyzeEmbeddings(db: Queryable): Promise<void> {
  await db.exec('ANALYZE search.text_embeddings');
}

export type ModelRecord = { modelId: string; dim: number; vocabSize: number | null; hasSparse: boolean; fingerprint: string; modelDir: string };

/** Registers (or touches) a model; returns its number (used in index names). */
export async function upsertModel(db: Queryable, m: ModelRecord): Promise<number> {
  assertModelId(m.modelId);
  const r = await db.query<{ model_no: number; dim: number }>(
    `INSERT INTO search.embedding_models (model_id, dim, vocab_size, has_sparse, fingerprint, model_dir) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (model_id) DO UPDATE SET last_used_at = now(), model_dir = EXCLUDED.model_dir
     RETURNING model_no, dim`,
    [m.modelId, m.dim, m.vocabSize, m.hasSparse, m.fingerprint, m.modelDir],
  );
  const row = r.rows[0]!;
  if (row.dim !== m.dim) throw new Error(`Model ${m.modelId} was registered with ${row.dim} dimensions but now reports ${m.dim}`);
  return row.model_no;
}

export type EmbedRunStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'no_model';

export async function startEmbedRun(db: Queryable, runId: string): Promise<void> {
  await db.query("INSERT INTO ops.embed_runs (run_id, status) VALUES ($1, 'running')", [runId]);
}

export type EmbedRunUpdate = {
  status: EmbedRunStatus;
  modelId?: string | null;
  provider?: string | null;
  fallbackReason?: string | null;
  textsPending?: number;
  textsEmbedded?: number;
  textsUnchanged?: number;
  rowsDeleted?: number;
  durationMs?: number;
  message?: string | null;
};

export async function updateEmbedRun(db: Queryable, runId: string, u: EmbedRunUpdate): Promise<void> {
  const finished = u.status !== 'running';
  await db.query(
    `UPDATE ops.embed_runs SET status = $2, model_id = coalesce($3, model_id), provider = coalesce($4, provider), fallback_reason = coalesce($5, fallback_reason),
       texts_pending = coalesce($6, texts_pending), texts_embedded = coalesce($7, texts_embedded), texts_unchanged = coalesce($8, texts_unchanged),
       rows_deleted = coalesce($9, rows_deleted), duration_ms = coalesce($10, duration_ms), message = coalesce($11, message),
       finished_at = CASE WHEN $12::boolean THEN now() ELSE finished_at END
     WHERE run_id = $1`,
    [
      runId,
      u.status,
      u.modelId ?? null,
      u.provider ?? null,
      u.fallbackReason ?? null,
      u.textsPending ?? null,
      u.textsEmbedded ?? null,
      u.textsUnchanged ?? null,
      u.rowsDeleted ?? null,
      u.durationMs ?? null,
      u.message ?? null,
      finished,
    ],
  );
}
