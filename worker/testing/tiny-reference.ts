/**
 * Test support: the tiny model's forward pass and BAAI's output definitions, written out plainly in JS so
 * the worker's results can be checked against an independent computation (one text at a time, no padding):
 * - dense: last_hidden_state[0] (CLS), L2-normalized;
 * - sparse: relu(sparse_linear(hidden)) per token, max per unique token id, ids of CLS/EOS/PAD/UNK and
 *   weights ≤ 0 left out (FlagEmbedding M3Embedder `_process_token_weights`);
 * - ColBERT: colbert_linear(hidden[1:]) for the tokens after CLS (EOS included), L2-normalized
 *   (`_colbert_embedding` + `_process_colbert_vecs`).
 */
import type { TinyModel } from './tiny-model';

export type ReferenceEmbedding = { dense: number[]; sparse: Map<number, number>; colbert: number[][] };

function l2normalize(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return v.map((x) => x / Math.max(norm, 1e-12));
}

/** last_hidden_state of one unpadded sequence: tanh((E + mean(E)) · W + b). */
export function referenceHidden(model: TinyModel, ids: number[]): number[][] {
  const { emb, w, b, hidden: H } = model.weights;
  const E = ids.map((id) => Array.from(emb.subarray(id * H, (id + 1) * H)));
  const mean = Array.from({ length: H }, (_, j) => E.reduce((s, row) => s + row[j]!, 0) / ids.length);
  return E.map((row) =>
    Array.from({ length: H }, (_, k) => {
      let acc = b[k]!;
      for (let j = 0; j < H; j++) acc += (row[j]! + mean[j]!) * w[j * H + k]!;
      return Math.tanh(acc);
    }),
  );
}

export function referenceEmbedding(model: TinyModel, ids: number[]): ReferenceEmbedding {
  const { ws, bs, wc, bc, colbertDims: C } = model.weights;
  const h = referenceHidden(model, ids);
  const dense = l2normalize(h[0]!);
  const unused = new Set([model.special.cls, model.special.eos, model.special.pad, model.special.unk]);
  const sparse = new Map<number, number>();
  h.forEach((row, t) => {
    const weight = Math.max(0, row.reduce((s, x, j) => s + x * ws[j]!, bs));
    const id = ids[t]!;
    if (unused.has(id) || !(weight > 0)) return;
    if (weight > (sparse.get(id) ?? 0)) sparse.set(id, weight);
  });
  const colbert = h.slice(1).map((row) => l2normalize(Array.from({ length: C }, (_, k) => row.reduce((s, x, j) => s + x * wc[j * C + k]!, bc[k]!))));
  return { dense, sparse, colbert };
}
