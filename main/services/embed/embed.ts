/**
 * `revops embed`: identity and context texts of core records → BGE-M3 dense + sparse vectors in search.*.
 *
 * Invariants:
 * - Only texts whose hash differs from the stored vector's (or that have none) are embedded; a text shared
 *   by several records is run through the model once. A second run with nothing changed embeds nothing and
 *   does not even start the worker.
 * - Vectors are written per chunk in one transaction (db/queries/embed.ts): a crash or Ctrl-C keeps every
 *   finished chunk, and the next run continues with what is still pending.
 * - Without a model folder the run is recorded as `no_model` with a one-line reason (what to put where) and
 *   returns normally: the semantic signal is off and the matcher uses its other signals. A folder that
 *   exists but lacks a file is an error naming the file.
 * - HNSW indexes are built once per (model, entity, kind) after the first load, then maintained by inserts.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Embedding, ExecutionProvider, WorkerConfig } from '../../../app/contract/worker-protocol';
import { DEFAULT_WORKER_CONFIG } from '../../../app/contract/worker-protocol';
import type { EmbeddingRow, PendingText } from '../../../db/queries/embed';
import { analyzeEmbeddings, deleteOrphanEmbeddings, pendingTexts, startEmbedRun, textCoverage, updateEmbedRun, upsertModel, writeEmbeddings } from '../../../db/queries/embed';
import { EMBED_ENTITIES, EMBED_KINDS, ensureAnnIndex, getModel, sparseText, vectorText } from '../../../db/queries/search';
import type { Db } from '../../../db/types';
import { findModelFiles, ModelFilesError } from '../../../worker/model-files';
import { resolveModelDir } from './model-dir';
import { modelFingerprint, modelIdOf, tokenizerVocabSize } from './model-identity';
import { WorkerHost, WorkerHostError } from './worker-host';
import type { SpawnWorker } from './worker-transport';
import { nodeWorkerSpawner } from './worker-transport';

export class EmbedError extends Error {
  override name = 'EmbedError';
}

export type EmbedProgress = {
  phase: 'embedding' | 'indexing';
  /** Distinct texts run through the model so far, of `textsTotal`. */
  textsDone: number;
  textsTotal: number;
  /** search.text_embeddings rows written so far (one per record and kind), of `rowsTotal`. */
  rowsWritten: number;
  rowsTotal: number;
  textsPerSecond: number | null;
  etaSeconds: number | null;
};

export type RunEmbedOptions = {
  db: Db;
  /** --model-dir; else BGE_M3_DIR from `env`, else resources/models/bge-m3. */
  modelDir?: string;
  env?: Record<string, string | undefined>;
  /** Re-embed every text, whatever the stored hashes say. */
  full?: boolean;
  provider?: ExecutionProvider;
  worker?: Partial<Omit<WorkerConfig, 'modelDir' | 'provider'>>;
  /** Distinct texts per worker request (and per written chunk). Default 256. */
  chunkTexts?: number;
  signal?: AbortSignal;
  spawn?: SpawnWorker;
  log?: (line: string) => void;
  onProgress?: (p: EmbedProgress) => void;
};

export type EmbedRunResult = {
  runId: string;
  status: 'done' | 'no_model' | 'cancelled';
  modelDir: string;
  modelId: string | null;
  provider: ExecutionProvider | null;
  fallbackReason: string | null;
  /** Record texts that needed a vector (hash changed or none yet). */
  textsPending: number;
  /** Distinct texts run through the model. */
  textsEmbedded: number;
  rowsWritten: number;
  /** Record texts whose vector was already up to date. */
  textsUnchanged: number;
  /** Vectors of records no longer in core. */
  rowsDeleted: number;
  indexesCreated: string[];
  durationMs: number;
  /** Why there is no model (no_model) or what was cancelled. */
  message: string | null;
};

const FROM_TEXT = { flag: '--model-dir', BGE_M3_DIR: '$BGE_M3_DIR', default: 'the default model folder' } as const;

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

function toRows(group: PendingText[], e: Embedding, vocabSize: number | null): EmbeddingRow[] {
  if (!e.dense) throw new EmbedError('the worker returned no dense vector');
  const dense = vectorText(e.dense);
  const sparse = e.sparse && vocabSize ? sparseText(e.sparse.tokenIds, e.sparse.weights, vocabSize) : null;
  return group.map((p) => ({ entity: p.entity, kind: p.kind, sourceId: p.sourceId, hash: p.hash, tokens: e.tokens, truncated: e.truncated, dense, sparse }));
}

export async function runEmbed(opts: RunEmbedOptions): Promise<EmbedRunResult> {
  const { db } = opts;
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  const runId = randomUUID();
  const { dir, from } = resolveModelDir(opts.modelDir, opts.env ?? process.env);
  const result: EmbedRunResult = {
    runId,
    status: 'done',
    modelDir: dir,
    modelId: null,
    provider: null,
    fallbackReason: null,
    textsPending: 0,
    textsEmbedded: 0,
    rowsWritten: 0,
    textsUnchanged: 0,
    rowsDeleted: 0,
    indexesCreated: [],
    durationMs: 0,
    message: null,
  };
  const finish = async (status: EmbedRunResult['status'] | 'failed', message: string | null): Promise<void> => {
    result.durationMs = Math.round(performance.now() - started);
    await updateEmbedRun(db, runId, {
      status,
      modelId: result.modelId,
      provider: result.provider,
      fallbackReason: result.fallbackReason,
      textsPending: result.textsPending,
      textsEmbedded: result.textsEmbedded,
      textsUnchanged: result.textsUnchanged,
      rowsDeleted: result.rowsDeleted,
      durationMs: result.durationMs,
      message,
    });
  };

  await startEmbedRun(db, runId);
  if (!(await isDirectory(dir))) {
    result.status = 'no_model';
    result.message =
      `No embedding model: ${dir} (${FROM_TEXT[from]}) does not exist. Put a BGE-M3 ONNX export there (model.onnx + tokenizer.json, see resources/models/README.md) ` +
      'or point --model-dir / BGE_M3_DIR at one; until then the matcher runs on its other signals.';
    await finish('no_model', result.message);
    return result;
  }

  let host: WorkerHost | null = null;
  try {
    const files = await findModelFiles(dir);
    const fingerprint = await modelFingerprint(files);
    const modelId = modelIdOf(dir, fingerprint);
    result.modelId = modelId;
    const full = opts.full ?? false;

    result.rowsDeleted = await deleteOrphanEmbeddings(db, modelId);
    const coverage = await textCoverage(db, modelId);
    const pending: PendingText[] = [];
    for (const entity of EMBED_ENTITIES) for (const kind of EMBED_KINDS) pending.push(...(await pendingTexts(db, modelId, entity, kind, full)));
    const total = coverage.reduce((n, c) => n + c.total, 0);
    result.textsPending = pending.length;
    result.textsUnchanged = total - pending.length;

    // One model call per distinct text, whatever number of records share it.
    const byHash = new Map<string, PendingText[]>();
    for (const p of pending) {
      const g = byHash.get(p.hash);
      if (g) g.push(p);
      else byHash.set(p.hash, [p]);
    }
    const groups = [...byHash.values()];
    log(`Model ${modelId} (${dir}); ${total.toLocaleString('en-US')} texts in core, ${pending.length.toLocaleString('en-US')} to embed (${groups.length.toLocaleString('en-US')} distinct).`);

    if (groups.length > 0) {
      host = new WorkerHost({
        config: { ...DEFAULT_WORKER_CONFIG, ...opts.worker, modelDir: dir, provider: opts.provider ?? DEFAULT_WORKER_CONFIG.provider },
        spawn: opts.spawn ?? nodeWorkerSpawner(),
        idleMs: 0,
      });
      const info = await host.start();
      result.provider = info.provider;
      result.fallbackReason = info.fallbackReason;
      if (info.fallbackReason) log(`Embedding on ${info.provider}: ${info.fallbackReason}`);
      const vocabSize = info.heads.sparse ? await tokenizerVocabSize(files.tokenizer) : null;
      if (info.heads.sparse && !vocabSize) log(`warning: the vocabulary size of ${files.tokenizer} cannot be told; sparse weights are not stored.`);
      await upsertModel(db, { modelId, dim: info.dims, vocabSize, hasSparse: vocabSize !== null, fingerprint, modelDir: dir });

      const chunk = Math.max(1, opts.chunkTexts ?? 256);
      const embedStart = performance.now();
      const progress = (doneInChunk: number): void => {
        const done = result.textsEmbedded + doneInChunk;
        const secs = (performance.now() - embedStart) / 1000;
        const rate = done > 0 && secs > 0 ? done / secs : null;
        opts.onProgress?.({
          phase: 'embedding',
          textsDone: done,
          textsTotal: groups.length,
          rowsWritten: result.rowsWritten,
          rowsTotal: pending.length,
          textsPerSecond: rate,
          etaSeconds: rate ? (groups.length - done) / rate : null,
        });
      };
      for (let i = 0; i < groups.length; i += chunk) {
        if (opts.signal?.aborted) break;
        const slice = groups.slice(i, i + chunk);
        let embeddings: Embedding[];
        try {
          ({ embeddings } = await host.embed(
            slice.map((g) => g[0]!.text),
            { outputs: { dense: true, sparse: vocabSize !== null }, signal: opts.signal, onProgress: (done) => progress(done) },
          ));
        } catch (err) {
          if (err instanceof WorkerHostError && err.code === 'cancelled') break;
          throw err;
        }
        const rows = slice.flatMap((g, j) => toRows(g, embeddings[j]!, vocabSize));
        result.rowsWritten += await writeEmbeddings(db, modelId, rows);
        result.textsEmbedded += slice.length;
        progress(0);
      }
    }

    if (opts.signal?.aborted) {
      result.status = 'cancelled';
      result.message = `cancelled after ${result.textsEmbedded} of ${groups.length} texts (what was written is kept; run revops embed again to continue)`;
      await finish('cancelled', result.message);
      return result;
    }

    if (result.rowsWritten > 0 || result.rowsDeleted > 0) await analyzeEmbeddings(db);
    const model = await getModel(db, modelId);
    if (model) {
      const built = new Set((await db.query<{ k: string }>("SELECT entity || ':' || kind AS k FROM search.ann_indexes WHERE model_id = $1", [modelId])).rows.map((x) => x.k));
      const missing = coverage.filter((c) => c.total > 0 && !built.has(`${c.entity}:${c.kind}`));
      if (missing.length > 0) {
        opts.onProgress?.({ phase: 'indexing', textsDone: result.textsEmbedded, textsTotal: groups.length, rowsWritten: result.rowsWritten, rowsTotal: pending.length, textsPerSecond: null, etaSeconds: null });
        const t = performance.now();
        for (const c of missing) {
          const idx = await ensureAnnIndex(db, model, c.entity, c.kind);
          if (idx.created) result.indexesCreated.push(idx.name);
        }
        log(`Built ${result.indexesCreated.length} HNSW indexes (${model.dim} dims, cosine) in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
      }
    }
    await finish('done', null);
    return result;
  } catch (err) {
    const message = err instanceof ModelFilesError || err instanceof WorkerHostError || err instanceof EmbedError ? err.message : `embedding failed: ${(err as Error).message}`;
    await finish('failed', message).catch(() => undefined);
    throw new EmbedError(message, { cause: err });
  } finally {
    await host?.close();
  }
}
