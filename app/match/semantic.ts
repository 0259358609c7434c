/**
 * Embedding similarities as Fellegi–Sunter comparisons (company stage): the dense cosine of the two
 * identity texts and their sparse lexical score (BGE-M3's inner product of lexical weights), each in bands,
 * with a "missing" level when either record has no vector.
 *
 * Invariants:
 * - Only used when the semantic signal is on: without embeddings the engine's comparison lists, EM and
 *   results are exactly those of the no-model run.
 * - A pair whose similarity was never fetched (e.g. a random pair for u) is not comparable (level -1);
 *   a fetched pair without a vector on one side is the "missing" level.
 */
import type { CompareContext, Comparison } from './compare';
import type { Prepared } from './types';

/** Similarities of one ACE × Odoo pair; null where a side has no vector. */
export type PairSimilarity = { dense: number | null; sparse: number | null };

/** Lookup of fetched similarities by ACE key and Odoo key; undefined = not fetched. */
export type SimilarityLookup = (ace: string, odoo: string) => PairSimilarity | undefined;

export const DENSE_BANDS = [0.95, 0.9, 0.8, 0.65] as const;
export const DENSE_LEVELS = ['cos_ge_0.95', 'cos_ge_0.90', 'cos_ge_0.80', 'cos_ge_0.65', 'lower', 'missing'] as const;
export const SPARSE_BANDS = [0.3, 0.15, 0.05, 1e-6] as const;
export const SPARSE_LEVELS = ['lex_ge_0.30', 'lex_ge_0.15', 'lex_ge_0.05', 'some', 'none', 'missing'] as const;

/** Band index of a similarity (0 = highest band), or `bands.length` below the last band. */
function band(x: number, bands: readonly number[]): number {
  for (let i = 0; i < bands.length; i++) if (x >= (bands[i] as number)) return i;
  return bands.length;
}

export function denseLevel(s: PairSimilarity | undefined): number {
  if (!s) return -1;
  if (s.dense === null || !Number.isFinite(s.dense)) return DENSE_LEVELS.length - 1;
  return band(s.dense, DENSE_BANDS);
}

export function sparseLevel(s: PairSimilarity | undefined): number {
  if (!s) return -1;
  if (s.sparse === null || !Number.isFinite(s.sparse)) return SPARSE_LEVELS.length - 1;
  return band(s.sparse, SPARSE_BANDS);
}

const lookup = (a: Prepared, o: Prepared, ctx: CompareContext): PairSimilarity | undefined => ctx.similarity?.(a.key, o.key);

export const SEMANTIC_COMPARISONS: readonly Comparison[] = [
  { id: 'semantic_dense', label: 'Embedding similarity (dense)', stage: 'company', levels: DENSE_LEVELS, compare: (a, o, ctx) => denseLevel(lookup(a, o, ctx)) },
  { id: 'semantic_sparse', label: 'Embedding similarity (sparse lexical)', stage: 'company', levels: SPARSE_LEVELS, compare: (a, o, ctx) => sparseLevel(lookup(a, o, ctx)) },
];

/** Level frequencies of sampled random pairs' similarities: the starting u of the semantic comparisons. */
export function semanticU(sample: readonly PairSimilarity[]): number[][] {
  const d = new Array<number>(DENSE_LEVELS.length).fill(0);
  const s = new Array<number>(SPARSE_LEVELS.length).fill(0);
  for (const x of sample) {
    d[denseLevel(x)]! += 1;
    s[sparseLevel(x)]! += 1;
  }
  const norm = (c: number[]) => {
    const t = c.reduce((a, b) => a + b, 0) + 0.5 * c.length;
    return c.map((x) => (x + 0.5) / t);
  };
  return [norm(d), norm(s)];
}
