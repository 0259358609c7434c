/**
 * The embedding engine: tokenizer + session + BAAI's post-processing, batched by length.
 *
 * Texts are tokenized, sorted by token count (longest first, as FlagEmbedding does, so a batch pads little),
 * cut into batches of at most `batchSize` texts and `maxBatchTokens` padded tokens, run, and put back in
 * request order. Padding uses the tokenizer's PAD id with attention_mask 0, so a text's vectors do not
 * depend on what it was batched with.
 */
import * as ort from 'onnxruntime-node';
import type { EmbedOutputs, Embedding, ModelInfo, WorkerConfig } from '../app/contract/worker-protocol';
import { findModelFiles } from './model-files';
import { colbertFromHead, denseFromHead, denseFromHidden, sparseFromHead } from './postprocess';
import { openSession, type OutputLayout } from './session';
import { loadTokenizer, type TextTokenizer } from './tokenizer';

/** Padded tokens per batch: keeps a batch of 8192-token texts from asking for tens of GB at once. */
export const MAX_BATCH_TOKENS = 65_536;

export class CancelledError extends Error {
  override name = 'CancelledError';
}

export class BadRequestError extends Error {
  override name = 'BadRequestError';
}

export type EmbedHooks = {
  isCancelled(): boolean;
  onProgress(done: number, total: number): void;
};

export type Engine = {
  info: ModelInfo;
  embed(texts: string[], outputs: EmbedOutputs, hooks: EmbedHooks): Promise<Embedding[]>;
  close(): Promise<void>;
};

type Tokenized = { index: number; ids: number[]; truncated: boolean };

type BatchOutputs = Record<string, ort.Tensor>;

function padBatch(batch: Tokenized[], padId: number, withTokenTypes: boolean): Record<string, ort.Tensor> {
  const seq = Math.max(...batch.map((t) => t.ids.length));
  const ids = new BigInt64Array(batch.length * seq).fill(BigInt(padId));
  const mask = new BigInt64Array(batch.length * seq);
  batch.forEach((t, row) => {
    t.ids.forEach((id, col) => {
      ids[row * seq + col] = BigInt(id);
      mask[row * seq + col] = 1n;
    });
  });
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', ids, [batch.length, seq]),
    attention_mask: new ort.Tensor('int64', mask, [batch.length, seq]),
  };
  if (withTokenTypes) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(batch.length * seq), [batch.length, seq]);
  return feeds;
}

/** Consecutive slices of the length-sorted texts, within both budgets. */
export function planBatches<T extends { ids: readonly number[] }>(sorted: T[], batchSize: number, maxBatchTokens: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let longest = 0;
  for (const t of sorted) {
    const nextLongest = Math.max(longest, t.ids.length);
    if (current.length > 0 && (current.length >= batchSize || nextLongest * (current.length + 1) > maxBatchTokens)) {
      batches.push(current);
      current = [];
      longest = 0;
    }
    current.push(t);
    longest = Math.max(longest, t.ids.length);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function floatData(t: ort.Tensor | undefined, name: string): Float32Array {
  if (!t) throw new Error(`the model returned no ${name} output`);
  if (t.type !== 'float32') throw new Error(`output ${name} is ${t.type}, expected float32 (export the model in fp32 or convert fp16 outputs)`);
  return t.data as Float32Array;
}

function toEmbeddings(batch: Tokenized[], out: BatchOutputs, layout: OutputLayout, outputs: EmbedOutputs, tokenizer: TextTokenizer): Embedding[] {
  const seqLen = Math.max(...batch.map((t) => t.ids.length));
  const dense = layout.dense ? out[layout.dense] : layout.hidden ? out[layout.hidden] : undefined;
  const denseData = outputs.dense ? floatData(dense, layout.dense ?? layout.hidden ?? 'dense') : null;
  const sparse = outputs.sparse && layout.sparse ? out[layout.sparse] : undefined;
  const colbert = outputs.colbert && layout.colbert ? out[layout.colbert] : undefined;
  return batch.map((t, row) => ({
    tokens: t.ids.length,
    truncated: t.truncated,
    dense: denseData ? (layout.dense ? denseFromHead(denseData, dense!.dims, row) : denseFromHidden(denseData, dense!.dims, row)) : null,
    sparse: sparse ? sparseFromHead(floatData(sparse, layout.sparse!), sparse.dims, seqLen, row, t.ids, tokenizer.unusedIds) : null,
    colbert: colbert ? colbertFromHead(floatData(colbert, layout.colbert!), colbert.dims, seqLen, row, t.ids.length) : null,
  }));
}

export async function loadEngine(config: WorkerConfig, maxBatchTokens = MAX_BATCH_TOKENS): Promise<Engine> {
  const started = performance.now();
  const files = await findModelFiles(config.modelDir);
  const tokenizer = await loadTokenizer(files, config.maxLength);
  let dims = 0;
  let colbertDims: number | null = null;
  const opened = await openSession(files, config, async (session, layout) => {
    const withTypes = session.inputNames.includes('token_type_ids');
    const probe = [{ index: 0, ...tokenizer.encode('ready') }];
    const out = (await session.run(padBatch(probe, tokenizer.special.pad, withTypes))) as BatchOutputs;
    const dense = out[(layout.dense ?? layout.hidden)!];
    dims = dense?.dims[dense.dims.length - 1] ?? 0;
    colbertDims = layout.colbert ? (out[layout.colbert]?.dims[2] ?? null) : null;
  });
  const { session, layout } = opened;
  const withTokenTypes = session.inputNames.includes('token_type_ids');

  const info: ModelInfo = {
    modelDir: config.modelDir,
    requestedProvider: config.provider,
    provider: opened.provider,
    fallbackReason: opened.fallbackReason,
    dims,
    colbertDims,
    heads: { sparse: layout.sparse !== null, colbert: layout.colbert !== null },
    inputNames: [...session.inputNames],
    outputNames: [...session.outputNames],
    externalDataFile: files.externalData,
    maxLength: config.maxLength,
    batchSize: config.batchSize,
    loadMs: Math.round(performance.now() - started),
  };

  return {
    info,
    async embed(texts, outputs, hooks) {
      if (outputs.sparse && !layout.sparse) throw new BadRequestError(`sparse weights need an export with a sparse head; ${files.model} has only ${session.outputNames.join(', ')}.`);
      if (outputs.colbert && !layout.colbert) throw new BadRequestError(`ColBERT vectors need an export with a colbert head; ${files.model} has only ${session.outputNames.join(', ')}.`);
      const tokenized: Tokenized[] = texts.map((text, index) => ({ index, ...tokenizer.encode(text) }));
      const sorted = [...tokenized].sort((a, b) => b.ids.length - a.ids.length || a.index - b.index);
      const results = new Array<Embedding>(texts.length);
      let done = 0;
      for (const batch of planBatches(sorted, config.batchSize, maxBatchTokens)) {
        if (hooks.isCancelled()) throw new CancelledError('cancelled');
        const out = (await session.run(padBatch(batch, tokenizer.special.pad, withTokenTypes))) as BatchOutputs;
        toEmbeddings(batch, out, layout, outputs, tokenizer).forEach((e, row) => {
          results[batch[row]!.index] = e;
        });
        done += batch.length;
        hooks.onProgress(done, texts.length);
      }
      return results;
    },
    async close() {
      await session.release();
    },
  };
}
