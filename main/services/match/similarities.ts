/**
 * Embedding similarities the matcher scores with: the blocked candidate pairs' dense cosine and sparse
 * lexical score (identity texts), and those of a fixed sample of random pairs (where u starts).
 *
 * Invariant: set-based — one `pairSimilarities` query per chunk of pairs, never one per pair.
 */
import type { Queryable } from '../../../db/types';
import { pairSimilarities } from '../../../db/queries/search';
import type { PairSimilarity } from '../../../app/match/semantic';
import type { SemanticSimilarities } from '../../../app/match/engine';

/** Pairs per query: unnest of two text arrays this long stays well under the bind-parameter size limits. */
export const SIMILARITY_CHUNK = 20_000;
export const RANDOM_SAMPLE = 4_000;

async function similaritiesOf(db: Queryable, model: string, pairs: readonly (readonly [string, string])[]): Promise<PairSimilarity[]> {
  const out: PairSimilarity[] = [];
  for (let i = 0; i < pairs.length; i += SIMILARITY_CHUNK) {
    const chunk = pairs.slice(i, i + SIMILARITY_CHUNK);
    const rows = await pairSimilarities(db, { model, kind: 'identity', left: 'ace_opportunity', right: 'odoo_opportunity', pairs: chunk });
    // unnest + LEFT JOINs keep one row per pair, but not necessarily in order: key them back.
    const byPair = new Map(rows.map((r) => [`${r.left}\u0000${r.right}`, r]));
    for (const [l, r] of chunk) {
      const s = byPair.get(`${l}\u0000${r}`);
      out.push({ dense: s?.dense ?? null, sparse: s?.sparse ?? null });
    }
  }
  return out;
}

/** Deterministic random pairs (fixed-seed LCG), so re-runs see the same u starting point. */
function randomPairs(ace: readonly string[], odoo: readonly string[], n: number): [string, string][] {
  let x = 20_261_129;
  const next = () => {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    return x / 4294967296;
  };
  const out: [string, string][] = [];
  if (ace.length === 0 || odoo.length === 0) return out;
  for (let i = 0; i < n; i++) out.push([ace[Math.floor(next() * ace.length)] as string, odoo[Math.floor(next() * odoo.length)] as string]);
  return out;
}

export async function fetchSimilarities(
  db: Queryable, model: string, pairs: readonly (readonly [string, string])[], ace: readonly string[], odoo: readonly string[],
): Promise<SemanticSimilarities> {
  const blocked = await similaritiesOf(db, model, pairs);
  const randomSample = await similaritiesOf(db, model, randomPairs(ace, odoo, RANDOM_SAMPLE));
  return { pairs: blocked, randomSample };
}
