/**
 * From raw model outputs (one padded batch) to one text's vectors, as BAAI's FlagEmbedding (M3Embedder)
 * defines them:
 * - dense: the CLS position's hidden state, L2-normalized (`pooling_method='cls'`, `normalize_embeddings`);
 * - sparse: ReLU(sparse_linear(hidden)) per token, max per unique token id, CLS/EOS/PAD/UNK ids and weights
 *   ≤ 0 left out (`_process_token_weights`);
 * - ColBERT: colbert_linear(hidden[1:]) × mask, L2-normalized, the first `tokens - 1` rows
 *   (`_colbert_embedding`, `_process_colbert_vecs`: CLS dropped, EOS kept, padding dropped).
 * Exports that already normalize are normalized again: L2 normalization is idempotent.
 * All arrays are row-major with the padded batch's dims.
 */
import type { SparseWeights } from '../app/contract/worker-protocol';

/** F.normalize's eps: a zero vector stays zero instead of becoming NaN. */
const EPS = 1e-12;

export function l2normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const scale = 1 / Math.max(Math.sqrt(sum), EPS);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * scale;
  return out;
}

/** last_hidden_state [batch, seq, hidden] → normalized CLS vector of `row`. */
export function denseFromHidden(hidden: Float32Array, dims: readonly number[], row: number): Float32Array {
  const [, seq, h] = dims as [number, number, number];
  const start = row * seq * h;
  return l2normalize(hidden.subarray(start, start + h));
}

/** dense head [batch, dims] → normalized vector of `row`. */
export function denseFromHead(dense: Float32Array, dims: readonly number[], row: number): Float32Array {
  const d = dims[dims.length - 1]!;
  return l2normalize(dense.subarray(row * d, (row + 1) * d));
}

/**
 * Per-token sparse head [batch, seq] or [batch, seq, 1] → lexical weights of `row`, whose unpadded ids are
 * `ids`. A [batch, vocab] output (an export that already scattered the weights) is read id by id.
 */
export function sparseFromHead(
  weights: Float32Array,
  dims: readonly number[],
  seqLen: number,
  row: number,
  ids: readonly number[],
  unused: ReadonlySet<number>,
): SparseWeights {
  const best = new Map<number, number>();
  // A vocabulary (250k for BGE-M3) is always wider than a batch's padded length (≤ maxLength).
  if (dims.length === 3 || dims[1] === seqLen) {
    const seq = seqLen;
    for (let t = 0; t < ids.length; t++) {
      const id = ids[t]!;
      const w = weights[row * seq + t]!;
      if (unused.has(id) || !(w > 0)) continue;
      if (w > (best.get(id) ?? 0)) best.set(id, w);
    }
  } else {
    const vocab = dims[1]!;
    for (let id = 0; id < vocab; id++) {
      const w = weights[row * vocab + id]!;
      if (w > 0 && !unused.has(id)) best.set(id, w);
    }
  }
  const tokenIds = [...best.keys()].sort((a, b) => a - b);
  return { tokenIds, weights: tokenIds.map((id) => best.get(id)!) };
}

/**
 * ColBERT head → normalized vectors of the `tokens - 1` tokens after CLS, row-major [tokens - 1, dims].
 * The head is [batch, seq - 1, dims] (CLS already dropped, BAAI's shape) or [batch, seq, dims] (not dropped).
 */
export function colbertFromHead(colbert: Float32Array, dims: readonly number[], seqLen: number, row: number, tokens: number): Float32Array {
  const [, rows, d] = dims as [number, number, number];
  const skip = rows === seqLen ? 1 : 0;
  const out = new Float32Array((tokens - 1) * d);
  for (let t = 0; t < tokens - 1; t++) {
    const start = (row * rows + t + skip) * d;
    out.set(l2normalize(colbert.subarray(start, start + d)), t * d);
  }
  return out;
}
