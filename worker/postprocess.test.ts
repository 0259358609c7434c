import { describe, expect, it } from 'vitest';
import { planBatches } from './engine';
import { colbertFromHead, denseFromHead, denseFromHidden, l2normalize, sparseFromHead } from './postprocess';

describe('post-processing (BAAI definitions on raw outputs)', () => {
  it('normalizes, and keeps a zero vector zero (F.normalize eps) instead of NaN', () => {
    expect(Array.from(l2normalize(Float32Array.of(3, 4)))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(l2normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it('dense from last_hidden_state takes each row’s CLS position', () => {
    // [batch 2, seq 2, hidden 2]
    const hidden = Float32Array.of(3, 4, 9, 9, 0, 2, 9, 9);
    expect(Array.from(denseFromHidden(hidden, [2, 2, 2], 0))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(denseFromHidden(hidden, [2, 2, 2], 1))).toEqual([0, 1]);
    expect(Array.from(denseFromHead(Float32Array.of(1, 0, 0, 5), [2, 2], 1))).toEqual([0, 1]);
  });

  it('sparse: max per unique id, specials and non-positive weights out, padding ignored', () => {
    // row 1 of [2, 6, 1]: ids <s> 7 9 7 </s>, then padding
    const w = Float32Array.of(0, 0, 0, 0, 0, 0, 0.9, 0.2, 0.5, 0.4, 0.8, 0.7);
    const unused = new Set([0, 1, 2, 3]);
    expect(sparseFromHead(w, [2, 6, 1], 6, 1, [0, 7, 9, 7, 2], unused)).toEqual({ tokenIds: [7, 9], weights: [expect.closeTo(0.4, 6), expect.closeTo(0.5, 6)] });
    expect(sparseFromHead(Float32Array.of(0.3, -1, 0), [1, 3], 3, 0, [5, 6, 5], new Set())).toEqual({ tokenIds: [5], weights: [expect.closeTo(0.3, 6)] });
    // An already-scattered [batch, vocab] output (vocab wider than the padded batch)
    expect(sparseFromHead(Float32Array.of(0.5, 0, 0.25, 0, 0.1, 0), [1, 6], 3, 0, [0, 4, 2], new Set([0, 2]))).toEqual({ tokenIds: [4], weights: [expect.closeTo(0.1, 6)] });
  });

  it('ColBERT keeps tokens - 1 normalized rows (CLS dropped by the head, EOS kept, padding dropped)', () => {
    // [batch 1, seq-1 = 3, dims 2] for a 3-token text padded to 4
    const head = Float32Array.of(3, 4, 0, 2, 9, 9);
    expect(Array.from(colbertFromHead(head, [1, 3, 2], 4, 0, 3))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6), 0, 1]);
    // A head that did not drop CLS ([batch, seq, dims]) is read from position 1.
    const withCls = Float32Array.of(7, 7, 3, 4, 0, 2);
    expect(Array.from(colbertFromHead(withCls, [1, 3, 2], 3, 0, 3))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6), 0, 1]);
  });
});

describe('batches by length', () => {
  const t = (n: number) => ({ ids: Array.from({ length: n }, () => 1) });

  it('cuts the sorted texts by count and by padded-token budget', () => {
    const sorted = [t(10), t(9), t(9), t(3), t(2), t(2), t(1)];
    expect(planBatches(sorted, 3, 1000).map((b) => b.map((x) => x.ids.length))).toEqual([[10, 9, 9], [3, 2, 2], [1]]);
    expect(planBatches(sorted, 32, 20).map((b) => b.map((x) => x.ids.length))).toEqual([[10, 9], [9, 3], [2, 2, 1]]);
  });

  it('gives a text longer than the budget a batch of its own', () => {
    expect(planBatches([t(50), t(5)], 32, 20).map((b) => b.length)).toEqual([1, 1]);
    expect(planBatches([], 32, 20)).toEqual([]);
  });
});
