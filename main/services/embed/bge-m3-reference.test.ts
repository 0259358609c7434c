/**
 * Real BGE-M3 weights against BAAI's reference values — for machines that have the model (and maybe a GPU).
 * Skipped unless BGE_M3_DIR points at an ONNX export (worker/README.md). BGE_M3_PROVIDER=cuda|cpu picks the
 * provider (default cuda, so a GPU machine checks the GPU path; without CUDA it falls back and says why).
 *
 * Two sets of reference values:
 * - always: the scores published on BAAI's model card (FlagEmbedding BGEM3FlagModel, fp16): dense
 *   similarities, lexical matching scores, per-token lexical weights and ColBERT scores of its example;
 * - with BGE_M3_REFERENCE=<file.json>: vectors written by worker/testing/bge-m3-reference.py (FlagEmbedding
 *   in fp32 on the same texts), compared component by component.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { afterAll, describe, expect, it } from 'vitest';
import type { Embedding, ExecutionProvider } from '../../../app/contract/worker-protocol';
import { DEFAULT_WORKER_CONFIG } from '../../../app/contract/worker-protocol';
import { WorkerHost } from './worker-host';
import { nodeWorkerSpawner } from './worker-transport';

const modelDir = process.env.BGE_M3_DIR?.trim();
const referenceFile = process.env.BGE_M3_REFERENCE?.trim();
const provider = (process.env.BGE_M3_PROVIDER?.trim() || 'cuda') as ExecutionProvider;

// The model card's example (https://huggingface.co/BAAI/bge-m3, "Usage"), typo included: the scores depend on it.
const S1 = ['What is BGE M3?', 'Defination of BM25'];
const S2 = [
  'BGE M3 is an embedding model supporting dense retrieval, lexical matching and multi-vector interaction.',
  'BM25 is a bag-of-words retrieval function that ranks a set of documents based on the query terms appearing in each document',
];
const CARD = {
  dense: [
    [0.6265, 0.3477],
    [0.3499, 0.678],
  ],
  lexical: { s1_0_s2_0: 0.19554901123046875, s1_0_s1_1: 0 },
  weights: { What: 0.08356, is: 0.0814, B: 0.1296, GE: 0.252, M: 0.1702, '3': 0.2695, '?': 0.04092 },
  colbert: { s1_0_s2_0: 0.7797, s1_0_s2_1: 0.462 },
};
// The card's values come from fp16 inference; fp32 ONNX differs in the third decimal.
const CARD_TOL = 6e-3;

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

const lexicalScore = (a: Embedding, b: Embedding) => {
  const wb = new Map(b.sparse!.tokenIds.map((id, i) => [id, b.sparse!.weights[i]!]));
  return a.sparse!.tokenIds.reduce((s, id, i) => s + a.sparse!.weights[i]! * (wb.get(id) ?? 0), 0);
};

/** FlagEmbedding's colbert_score: mean over query tokens of the best dot product with a passage token. */
const colbertScore = (q: Embedding, p: Embedding, dims: number) => {
  const rows = (e: Embedding) => Array.from({ length: e.colbert!.length / dims }, (_, i) => e.colbert!.subarray(i * dims, (i + 1) * dims));
  const qs = rows(q);
  const ps = rows(p);
  return qs.reduce((s, qv) => s + Math.max(...ps.map((pv) => dot(qv, pv))), 0) / qs.length;
};

describe.skipIf(!modelDir)('BGE-M3 real weights (BGE_M3_DIR)', () => {
  const host = new WorkerHost({ config: { ...DEFAULT_WORKER_CONFIG, modelDir: modelDir ?? '', provider }, spawn: nodeWorkerSpawner(), idleMs: 0 });
  afterAll(() => host.close());

  it('loads with 1024 dims and says which provider it used', async () => {
    const model = await host.start();
    console.info(`BGE-M3: provider ${model.provider} (asked ${model.requestedProvider})${model.fallbackReason ? `, ${model.fallbackReason}` : ''}; outputs ${model.outputNames.join(', ')}`);
    expect(model.dims).toBe(1024);
    if (provider === 'cuda' && process.env.BGE_M3_EXPECT_CUDA === '1') expect(model).toMatchObject({ provider: 'cuda', fallbackReason: null });
  });

  it("matches the model card's dense, lexical and ColBERT scores", async () => {
    const model = await host.start();
    const outputs = { dense: true, sparse: model.heads.sparse, colbert: model.heads.colbert };
    const [a, b] = await Promise.all([host.embed(S1, { outputs }), host.embed(S2, { outputs })]);
    const e1 = a.embeddings;
    const e2 = b.embeddings;
    for (const e of [...e1, ...e2]) expect(Math.sqrt(dot(e.dense!, e.dense!))).toBeCloseTo(1, 4);
    for (const i of [0, 1]) for (const j of [0, 1]) expect(Math.abs(dot(e1[i]!.dense!, e2[j]!.dense!) - CARD.dense[i]![j]!)).toBeLessThan(CARD_TOL);

    if (model.heads.sparse) {
      expect(Math.abs(lexicalScore(e1[0]!, e2[0]!) - CARD.lexical.s1_0_s2_0)).toBeLessThan(CARD_TOL);
      expect(lexicalScore(e1[0]!, e1[1]!)).toBe(CARD.lexical.s1_0_s1_1);
      const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(model.modelDir, 'tokenizer.json'), 'utf8')) as object, {});
      const weights = Object.fromEntries(e1[0]!.sparse!.tokenIds.map((id, i) => [tokenizer.id_to_token(id)!.replace(/^▁/, ''), e1[0]!.sparse!.weights[i]!]));
      expect(Object.keys(weights).sort()).toEqual(Object.keys(CARD.weights).sort());
      for (const [token, w] of Object.entries(CARD.weights)) expect(Math.abs(weights[token]! - w)).toBeLessThan(2e-3);
    }
    if (model.heads.colbert) {
      const d = model.colbertDims!;
      expect(Math.abs(colbertScore(e1[0]!, e2[0]!, d) - CARD.colbert.s1_0_s2_0)).toBeLessThan(CARD_TOL);
      expect(Math.abs(colbertScore(e1[0]!, e2[1]!, d) - CARD.colbert.s1_0_s2_1)).toBeLessThan(CARD_TOL);
    }
  });

  it.skipIf(!referenceFile)('matches FlagEmbedding fp32 vectors from BGE_M3_REFERENCE, component by component', async () => {
    type Reference = { texts: string[]; max_length: number; dense: number[][]; lexical: Record<string, number>[]; colbert_scores?: number[][] };
    const ref = JSON.parse(readFileSync(referenceFile!, 'utf8')) as Reference;
    const model = await host.start();
    const { embeddings } = await host.embed(ref.texts, { outputs: { dense: true, sparse: model.heads.sparse, colbert: model.heads.colbert } });
    embeddings.forEach((e, i) => {
      const expected = ref.dense[i]!;
      expect(dot(e.dense!, expected)).toBeGreaterThan(0.9995);
      for (let k = 0; k < expected.length; k++) expect(Math.abs(e.dense![k]! - expected[k]!)).toBeLessThan(2e-3);
      if (model.heads.sparse) {
        const mine = new Map(e.sparse!.tokenIds.map((id, j) => [id, e.sparse!.weights[j]!]));
        // Tokens with a near-zero reference weight may round to 0 on either side.
        for (const [id, w] of Object.entries(ref.lexical[i]!)) if (w > 2e-3) expect(Math.abs((mine.get(Number(id)) ?? 0) - w)).toBeLessThan(2e-3);
        for (const [id, w] of mine) if (w > 2e-3) expect(ref.lexical[i]![String(id)]).toBeDefined();
      }
      if (model.heads.colbert && ref.colbert_scores) {
        embeddings.forEach((p, j) => expect(Math.abs(colbertScore(e, p, model.colbertDims!) - ref.colbert_scores![i]![j]!)).toBeLessThan(2e-3));
      }
    });
  });
});
