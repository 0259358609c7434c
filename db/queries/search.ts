/**
 * search.*: the embeddings `revops embed` writes and what the matcher asks of them.
 *
 * Invariants:
 * - Dense vectors live in one unsized `vector` column; each (model, entity, kind) has its own partial HNSW
 *   index on `dense::vector(<dim>)` (vector_cosine_ops). A query uses the index only when it repeats that
 *   expression and the index predicate with the same constants, so model id, entity and kind are inlined
 *   as literals (asserted by `textLiteral`) and the dimension as an integer; everything else is bound.
 * - HNSW returns at most `hnsw.ef_search` rows per scan: every ANN query sets it (transaction-local) to at
 *   least k.
 * - Sparse vectors are sparsevec(<vocab_size>) with index = token id + 1 (sparsevec is 1-based); the BGE-M3
 *   lexical score of two texts is their inner product.
 */
import { Sql, quoteIdent, sql } from '../sql';
import type { Db, Queryable } from '../types';

export const EMBED_ENTITIES = ['odoo_opportunity', 'ace_opportunity', 'odoo_company', 'ace_company', 'aws_account'] as const;
export type EmbedEntity = (typeof EMBED_ENTITIES)[number];
export const EMBED_KINDS = ['identity', 'context'] as const;
export type EmbedKind = (typeof EMBED_KINDS)[number];

/** HNSW build parameters (pgvector's defaults, stated so a change is deliberate). */
export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 64;
/** pgvector refuses hnsw.ef_search above 1000. */
export const MAX_K = 1000;

/** Arbitrary constant: the advisory lock ANN index builders take. */
const ANN_INDEX_LOCK = 7_262_011_506;

const MODEL_ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** A model id as it may appear in SQL text and index names. */
export function assertModelId(id: string): string {
  if (!MODEL_ID.test(id)) throw new Error(`Invalid embedding model id ${JSON.stringify(id)}: expected [a-z0-9][a-z0-9._-]* (at most 63 characters)`);
  return id;
}

/** A constant inlined as a SQL string literal; only for values from closed sets or asserted ids. */
function textLiteral(value: string): Sql {
  if (!/^[a-z0-9._-]+$/.test(value)) throw new Error(`Refusing to inline ${JSON.stringify(value)} as a SQL literal`);
  return new Sql([`'${value}'`], []);
}

function dimCast(dim: number): Sql {
  if (!Number.isInteger(dim) || dim < 1 || dim > 16000) throw new Error(`Invalid vector dimension ${dim}`);
  return new Sql([`vector(${dim})`], []);
}

function assertEntityKind(entity: string, kind: string): void {
  if (!(EMBED_ENTITIES as readonly string[]).includes(entity)) throw new Error(`Unknown embedding entity ${JSON.stringify(entity)}`);
  if (!(EMBED_KINDS as readonly string[]).includes(kind)) throw new Error(`Unknown embedding kind ${JSON.stringify(kind)}`);
}

/** pgvector text input of a dense vector. */
export function vectorText(v: ArrayLike<number>): string {
  let s = '[';
  for (let i = 0; i < v.length; i++) s += (i > 0 ? ',' : '') + String(v[i]);
  return s + ']';
}

/** pgvector text input of sparse weights (0-based token ids → 1-based sparsevec indices). */
export function sparseText(tokenIds: readonly number[], weights: readonly number[], vocabSize: number): string {
  const parts: string[] = [];
  for (let i = 0; i < tokenIds.length; i++) parts.push(`${tokenIds[i]! + 1}:${weights[i]!}`);
  return `{${parts.join(',')}}/${vocabSize}`;
}

export type EmbeddingModel = { modelId: string; modelNo: number; dim: number; vocabSize: number | null; hasSparse: boolean };

export async function getModel(db: Queryable, modelId: string): Promise<EmbeddingModel | null> {
  const r = await db.query<{ model_id: string; model_no: number; dim: number; vocab_size: number | null; has_sparse: boolean }>(
    'SELECT model_id, model_no, dim, vocab_size, has_sparse FROM search.embedding_models WHERE model_id = $1',
    [modelId],
  );
  const m = r.rows[0];
  return m ? { modelId: m.model_id, modelNo: m.model_no, dim: m.dim, vocabSize: m.vocab_size, hasSparse: m.has_sparse } : null;
}

export function annIndexName(modelNo: number, entity: EmbedEntity, kind: EmbedKind): string {
  const name = `te_m${modelNo}_${entity}_${kind}_hnsw`;
  quoteIdent(name);
  return name;
}

/**
 * Creates the partial HNSW index of (model, entity, kind) if it does not exist yet, and records it.
 * Build it after a bulk load: inserting into an existing HNSW index is slower than one build.
 */
export async function ensureAnnIndex(db: Db, model: EmbeddingModel, entity: EmbedEntity, kind: EmbedKind): Promise<{ name: string; created: boolean }> {
  assertEntityKind(entity, kind);
  const name = annIndexName(model.modelNo, entity, kind);
  const ddl = sql`CREATE INDEX IF NOT EXISTS ${new Sql([quoteIdent(name)], [])} ON search.text_embeddings
    USING hnsw ((dense::${dimCast(model.dim)}) vector_cosine_ops) WITH (m = ${new Sql([String(HNSW_M)], [])}, ef_construction = ${new Sql([String(HNSW_EF_CONSTRUCTION)], [])})
    WHERE model_id = ${textLiteral(assertModelId(model.modelId))} AND entity = ${textLiteral(entity)} AND kind = ${textLiteral(kind)}`;
  // One builder at a time: two embed runs finishing together must not race on the same index name.
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [ANN_INDEX_LOCK]);
    const exists = await tx.query('SELECT 1 FROM search.ann_indexes WHERE model_id = $1 AND entity = $2 AND kind = $3', [model.modelId, entity, kind]);
    if (exists.rowCount > 0) return { name, created: false };
    await tx.exec(ddl.text);
    await tx.query('INSERT INTO search.ann_indexes (model_id, entity, kind, dim, index_name) VALUES ($1, $2, $3, $4, $5)', [model.modelId, entity, kind, model.dim, name]);
    return { name, created: true };
  });
}

export type AnnQuery = {
  model: string;
  kind: EmbedKind;
  /** Whose vectors to search among (default the Odoo opportunities). */
  target?: EmbedEntity;
  k: number;
  /** hnsw.ef_search (default max(2k, 64), at most 1000): higher = better recall, slower. */
  efSearch?: number;
} & (
  | { queryVectors: ArrayLike<number>[]; sourceIds?: never; source?: never }
  /** The stored vectors of these records of `source` (default the ACE opportunities), same model and kind. */
  | { sourceIds: string[]; source?: EmbedEntity; queryVectors?: never }
);

/** One candidate of one query: `query` is the source id, or the index into queryVectors as a string. */
export type AnnCandidate = { query: string; candidate: string; rank: number; distance: number; similarity: number };

/** Top-k nearest targets by cosine distance for each query, through the (model, target, kind) HNSW index. */
export async function annCandidates(db: Db, q: AnnQuery): Promise<AnnCandidate[]> {
  const target = q.target ?? 'odoo_opportunity';
  assertEntityKind(target, q.kind);
  if (!Number.isInteger(q.k) || q.k < 1 || q.k > MAX_K) throw new Error(`k must be an integer from 1 to ${MAX_K}`);
  const model = await getModel(db, q.model);
  if (!model) throw new Error(`No embeddings for model ${q.model}: run revops embed`);
  const ef = Math.min(MAX_K, Math.max(q.k, q.efSearch ?? Math.max(2 * q.k, 64)));
  const d = dimCast(model.dim);
  const where = sql`t.model_id = ${textLiteral(assertModelId(model.modelId))} AND t.entity = ${textLiteral(target)} AND t.kind = ${textLiteral(q.kind)}`;
  const k = new Sql([String(q.k)], []);
  let query: Sql;
  if (q.queryVectors) {
    if (q.queryVectors.length === 0) return [];
    for (const v of q.queryVectors) if (v.length !== model.dim) throw new Error(`Query vector has ${v.length} dimensions; model ${model.modelId} has ${model.dim}`);
    // MATERIALIZED: each query vector is parsed once, not once per distance computed.
    query = sql`WITH q AS MATERIALIZED (SELECT u.i, u.v::${d} AS v FROM unnest(${q.queryVectors.map(vectorText)}::text[]) WITH ORDINALITY AS u(v, i))
      SELECT (q.i - 1)::text AS query, c.source_id AS candidate, c.distance
      FROM q CROSS JOIN LATERAL (
        SELECT t.source_id, t.dense::${d} <=> q.v AS distance FROM search.text_embeddings t
         WHERE ${where} ORDER BY t.dense::${d} <=> q.v LIMIT ${k}) c`;
  } else {
    const source = q.source ?? 'ace_opportunity';
    assertEntityKind(source, q.kind);
    if (q.sourceIds.length === 0) return [];
    query = sql`WITH q AS MATERIALIZED (SELECT s.source_id, s.dense::${d} AS v FROM search.text_embeddings s
        WHERE s.model_id = ${model.modelId} AND s.entity = ${source} AND s.kind = ${q.kind} AND s.source_id = ANY(${q.sourceIds}::text[]))
      SELECT q.source_id AS query, c.source_id AS candidate, c.distance
      FROM q CROSS JOIN LATERAL (
        SELECT t.source_id, t.dense::${d} <=> q.v AS distance FROM search.text_embeddings t
         WHERE ${where} ORDER BY t.dense::${d} <=> q.v LIMIT ${k}) c`;
  }
  const rows = await db.transaction(async (tx) => {
    await tx.query("SELECT set_config('hnsw.ef_search', $1, true)", [String(ef)]);
    // With few rows or stale statistics the planner prefers the primary key + a sort of every distance
    // (measured: seconds at 10k × 1024 on PGlite); a heavy sort penalty keeps the HNSW index scan.
    await tx.query("SELECT set_config('enable_sort', 'off', true)");
    return (await tx.query<{ query: string; candidate: string; distance: number }>(query.text, query.values)).rows;
  });
  const out: AnnCandidate[] = [];
  const ranks = new Map<string, number>();
  rows.sort((a, b) => (a.query === b.query ? a.distance - b.distance : a.query < b.query ? -1 : 1));
  for (const r of rows) {
    const rank = (ranks.get(r.query) ?? 0) + 1;
    ranks.set(r.query, rank);
    const distance = Number(r.distance);
    out.push({ query: r.query, candidate: r.candidate, rank, distance, similarity: 1 - distance });
  }
  return out;
}

export type PairSimilarity = { left: string; right: string; dense: number | null; sparse: number | null };

/**
 * Dense cosine similarity and sparse lexical score (BGE-M3's inner product of lexical weights) of given
 * record pairs, for candidates found by any blocking rule. null where a record has no vector (yet).
 */
export async function pairSimilarities(
  db: Queryable,
  p: { model: string; kind: EmbedKind; left: EmbedEntity; right: EmbedEntity; pairs: readonly (readonly [string, string])[] },
): Promise<PairSimilarity[]> {
  assertEntityKind(p.left, p.kind);
  assertEntityKind(p.right, p.kind);
  if (p.pairs.length === 0) return [];
  const q = sql`SELECT x.l AS left, x.r AS right, 1 - (a.dense <=> b.dense) AS dense, -(a.sparse <#> b.sparse) AS sparse
    FROM unnest(${p.pairs.map((x) => x[0])}::text[], ${p.pairs.map((x) => x[1])}::text[]) AS x(l, r)
    LEFT JOIN search.text_embeddings a ON a.model_id = ${p.model} AND a.entity = ${p.left} AND a.kind = ${p.kind} AND a.source_id = x.l
    LEFT JOIN search.text_embeddings b ON b.model_id = ${p.model} AND b.entity = ${p.right} AND b.kind = ${p.kind} AND b.source_id = x.r`;
  const r = await db.query<{ left: string; right: string; dense: number | null; sparse: number | null }>(q.text, q.values);
  return r.rows.map((x) => ({ left: x.left, right: x.right, dense: x.dense === null ? null : Number(x.dense), sparse: x.sparse === null ? null : Number(x.sparse) }));
}

/**
 * The matcher's ANN blocking: top-k neighbour ids (targets) of many stored source vectors, set-based — one
 * LATERAL … LIMIT k query per chunk of source ids, all chunks in ONE transaction under one
 * `hnsw.ef_search` (instead of a statement or transaction per id). Neighbour order within a source is not
 * kept and no distance is returned: the matcher only needs the candidate set (similarities come from
 * `pairSimilarities`), so the heap vectors are never detoasted for a distance in the select list.
 */
export async function annNeighbours(
  db: Db,
  q: { model: string; kind: EmbedKind; k: number; sourceIds: readonly string[]; source?: EmbedEntity; target?: EmbedEntity; efSearch?: number; chunk?: number; onChunk?: (done: number, total: number) => void },
): Promise<Map<string, string[]>> {
  const source = q.source ?? 'ace_opportunity';
  const target = q.target ?? 'odoo_opportunity';
  assertEntityKind(source, q.kind);
  assertEntityKind(target, q.kind);
  if (!Number.isInteger(q.k) || q.k < 1 || q.k > MAX_K) throw new Error(`k must be an integer from 1 to ${MAX_K}`);
  const out = new Map<string, string[]>();
  if (q.sourceIds.length === 0) return out;
  const model = await getModel(db, q.model);
  if (!model) throw new Error(`No embeddings for model ${q.model}: run revops embed`);
  const ef = Math.min(MAX_K, Math.max(q.k, q.efSearch ?? Math.max(2 * q.k, 64)));
  const d = dimCast(model.dim);
  const where = sql`t.model_id = ${textLiteral(assertModelId(model.modelId))} AND t.entity = ${textLiteral(target)} AND t.kind = ${textLiteral(q.kind)}`;
  const k = new Sql([String(q.k)], []);
  const size = Math.max(1, q.chunk ?? 1000);
  await db.transaction(async (tx) => {
    await tx.query("SELECT set_config('hnsw.ef_search', $1, true)", [String(ef)]);
    await tx.query("SELECT set_config('enable_sort', 'off', true)");
    for (let i = 0; i < q.sourceIds.length; i += size) {
      const ids = q.sourceIds.slice(i, i + size);
      const query = sql`WITH q AS MATERIALIZED (SELECT s.source_id, s.dense::${d} AS v FROM search.text_embeddings s
          WHERE s.model_id = ${model.modelId} AND s.entity = ${source} AND s.kind = ${q.kind} AND s.source_id = ANY(${ids}::text[]))
        SELECT q.source_id AS query, c.source_id AS candidate
        FROM q CROSS JOIN LATERAL (
          SELECT t.source_id FROM search.text_embeddings t WHERE ${where} ORDER BY t.dense::${d} <=> q.v LIMIT ${k}) c`;
      const rows = (await tx.query<{ query: string; candidate: string }>(query.text, query.values)).rows;
      for (const r of rows) {
        const list = out.get(r.query);
        if (list) list.push(r.candidate);
        else out.set(r.query, [r.candidate]);
      }
      q.onChunk?.(Math.min(q.sourceIds.length, i + size), q.sourceIds.length);
    }
  });
  return out;
}
