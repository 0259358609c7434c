import { readFileSync } from 'node:fs';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedding, WorkerConfig } from '../../../app/contract/worker-protocol';
import { writeTinyBgeM3, type TinyModel } from '../../../worker/testing/tiny-model';
import { referenceEmbedding } from '../../../worker/testing/tiny-reference';
import { WorkerHost, WorkerHostError, type HostEvent } from './worker-host';
import { nodeWorkerSpawner, workerEnv } from './worker-transport';

// Everything here runs the real worker (worker/entry.ts) in a forked Node child process on a tiny
// random-weight model written at test time, and checks its vectors against tiny-reference.ts.

let root: string;
let heads: TinyModel;
let plain: TinyModel;
const hosts: WorkerHost[] = [];

const TEXTS = [
  'acme corp',
  'Acme Cloud Data Migration GmbH',
  'the the the acme',
  '',
  'retail bank analytics platform migration to aws, phase 2',
  'ßüñ unknown letters',
  'x',
  'acme acme acme corp corp data',
  'cloud',
  'bank of the retail analytics and data platform inc ltd',
];

function config(model: TinyModel, extra: Partial<WorkerConfig> = {}): WorkerConfig {
  return { modelDir: model.dir, provider: 'cpu', maxLength: 8192, batchSize: 32, threads: 1, deviceId: 0, ...extra };
}

function host(cfg: WorkerConfig, env: Record<string, string> = {}, idleMs = 0): WorkerHost {
  const h = new WorkerHost({ config: cfg, spawn: nodeWorkerSpawner({ env }), idleMs });
  hosts.push(h);
  return h;
}

/** Resolves with the first event matching `pick` (a readiness marker: no sleeps). */
function nextEvent<T extends HostEvent['type']>(h: WorkerHost, type: T, pick: (e: Extract<HostEvent, { type: T }>) => boolean = () => true) {
  return new Promise<Extract<HostEvent, { type: T }>>((resolve) => {
    const off = h.on((e) => {
      if (e.type === type && pick(e as Extract<HostEvent, { type: T }>)) {
        off();
        resolve(e as Extract<HostEvent, { type: T }>);
      }
    });
  });
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(tol);
}

/** The ids the worker should have fed the model: the export's own tokenizer, through the tokenizer library. */
function tinyTokenize(model: TinyModel, text: string): number[] {
  const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(model.dir, 'tokenizer.json'), 'utf8')) as object, {});
  return tokenizer.encode(text).ids;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'revops-worker-'));
  heads = await writeTinyBgeM3(join(root, 'heads'), { flavour: 'heads', externalData: true });
  plain = await writeTinyBgeM3(join(root, 'plain'), { flavour: 'plain' });
});

afterAll(async () => {
  await Promise.all(hosts.map((h) => h.close()));
  await rm(root, { recursive: true, force: true });
});

describe('worker host + worker (Node child process, tiny model)', () => {
  it('reports the model in the ready handshake', async () => {
    const h = host(config(heads));
    const model = await h.start();
    expect(model).toMatchObject({
      provider: 'cpu',
      requestedProvider: 'cpu',
      fallbackReason: null,
      dims: 16,
      colbertDims: 8,
      heads: { sparse: true, colbert: true },
      outputNames: ['dense_vecs', 'sparse_vecs', 'colbert_vecs'],
      externalDataFile: join(heads.dir, 'model.onnx_data'),
    });
    expect(h.pid).toBeGreaterThan(0);
    expect(h.pid).not.toBe(process.pid);
  });

  it('heads export: dense unit-norm CLS, sparse max per token without specials, ColBERT per token, as the reference defines them', async () => {
    const h = host(config(heads));
    const { embeddings } = await h.embed(TEXTS, { outputs: { sparse: true, colbert: true } });
    expect(embeddings).toHaveLength(TEXTS.length);
    embeddings.forEach((e, i) => {
      const ids = tinyTokenize(heads, TEXTS[i]!);
      expect(e.tokens).toBe(ids.length);
      const ref = referenceEmbedding(heads, ids);
      expect(e.dense).toHaveLength(16);
      expect(Math.hypot(...e.dense!)).toBeCloseTo(1, 5);
      expectClose(e.dense!, ref.dense);
      // Sparse: exactly the reference's ids (specials and zero weights excluded), max weight per id.
      expect(e.sparse!.tokenIds).toEqual([...ref.sparse.keys()].sort((a, b) => a - b));
      expectClose(e.sparse!.weights, e.sparse!.tokenIds.map((id) => ref.sparse.get(id)!));
      for (const special of [heads.special.cls, heads.special.eos, heads.special.pad, heads.special.unk]) expect(e.sparse!.tokenIds).not.toContain(special);
      expectClose(e.colbert!, ref.colbert.flat());
    });
    // The repeated-token text really exercises "max per unique token": ▁acme appears 3 times, ▁corp twice.
    const repeated = tinyTokenize(heads, TEXTS[7]!);
    expect(repeated.filter((id) => id === heads.vocab.get('▁acme'))).toHaveLength(3);
    expect(new Set(embeddings[7]!.sparse!.tokenIds).size).toBe(embeddings[7]!.sparse!.tokenIds.length);
    // The unknown-letters text has <unk> tokens, which sparse leaves out.
    expect(tinyTokenize(heads, TEXTS[5]!)).toContain(heads.special.unk);
  });

  it('raw heads (dense/sparse/colbert outputs not normalized, CLS kept, not masked): the same BAAI vectors', async () => {
    const raw = await writeTinyBgeM3(join(root, 'raw'), { flavour: 'raw-heads' });
    const h = host(config(raw, { batchSize: 3 }));
    const model = await h.start();
    expect(model).toMatchObject({ dims: 16, colbertDims: 8, heads: { sparse: true, colbert: true }, outputNames: ['dense', 'sparse', 'colbert'] });
    const { embeddings } = await h.embed(TEXTS, { outputs: { sparse: true, colbert: true } });
    embeddings.forEach((e, i) => {
      const ref = referenceEmbedding(raw, tinyTokenize(raw, TEXTS[i]!));
      expectClose(e.dense!, ref.dense);
      expect(e.sparse!.tokenIds).toEqual([...ref.sparse.keys()].sort((a, b) => a - b));
      expectClose(e.sparse!.weights, e.sparse!.tokenIds.map((id) => ref.sparse.get(id)!));
      expectClose(e.colbert!, ref.colbert.flat());
    });
  });

  it('plain last_hidden_state export: dense only, from the normalized CLS position', async () => {
    const h = host(config(plain));
    const model = await h.start();
    expect(model.heads).toEqual({ sparse: false, colbert: false });
    const { embeddings } = await h.embed(TEXTS);
    embeddings.forEach((e, i) => {
      expectClose(e.dense!, referenceEmbedding(plain, tinyTokenize(plain, TEXTS[i]!)).dense);
      expect(e.sparse).toBeNull();
      expect(e.colbert).toBeNull();
    });
    await expect(h.embed(['acme'], { outputs: { sparse: true } })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/sparse head/) });
  });

  it('batching by length gives the same vectors as one text at a time', async () => {
    const texts = Array.from({ length: 45 }, (_, i) => TEXTS[i % TEXTS.length]! + ' data'.repeat(i % 7));
    const batched = await host(config(heads, { batchSize: 4 })).embed(texts, { outputs: { sparse: true, colbert: true } });
    const single = host(config(heads, { batchSize: 1 }));
    const one: Embedding[] = [];
    for (const t of texts) one.push((await single.embed([t], { outputs: { sparse: true, colbert: true } })).embeddings[0]!);
    batched.embeddings.forEach((e, i) => {
      expectClose(e.dense!, one[i]!.dense!);
      expect(e.sparse!.tokenIds).toEqual(one[i]!.sparse!.tokenIds);
      expectClose(e.sparse!.weights, one[i]!.sparse!.weights);
      expectClose(e.colbert!, one[i]!.colbert!);
    });
  });

  it('truncates to maxLength keeping the closing </s>, as Hugging Face truncation does', async () => {
    const h = host(config(heads, { maxLength: 6 }));
    const text = 'acme corp cloud data migration aws gmbh';
    const { embeddings } = await h.embed([text], { outputs: { colbert: true, sparse: true } });
    const e = embeddings[0]!;
    expect(e).toMatchObject({ tokens: 6, truncated: true });
    const full = tinyTokenize(heads, text);
    const ids = [...full.slice(0, 5), heads.special.eos];
    expectClose(e.dense!, referenceEmbedding(heads, ids).dense);
    expect(e.colbert).toHaveLength(5 * 8);
  });

  it('texts of any script and length: truncated at the default 8192 tokens, never a crash', async () => {
    const h = host(config(heads));
    const huge = Array.from({ length: 6000 }, (_, i) => ['acme', '株式会社', 'شركة', 'Ωmega', '🚀', 'x'.repeat(i % 13)][i % 6]).join(' ');
    const { embeddings } = await h.embed([huge, '株式会社アクメ', '\u0000\uFFFF\uD83D', ' '.repeat(100)], { outputs: { sparse: true, colbert: true } });
    expect(embeddings[0]).toMatchObject({ tokens: 8192, truncated: true });
    expect(embeddings[0]!.colbert).toHaveLength(8191 * 8);
    for (const e of embeddings) {
      expect(Math.hypot(...e.dense!)).toBeCloseTo(1, 5);
      expect(e.dense!.every(Number.isFinite)).toBe(true);
    }
  });

  it('reports progress and cancels: the request rejects at once and the host keeps serving', async () => {
    const h = host(config(heads, { batchSize: 1 }));
    await h.start();
    const controller = new AbortController();
    const progress: number[] = [];
    // ~1.5 s of batches for the worker: the cancel, sent on the first progress message, lands long before the end.
    const many = Array.from({ length: 3000 }, (_, i) => `acme ${i}` + ' cloud data migration'.repeat(10));
    const abandoned = nextEvent(h, 'abandoned');
    const cancelled = h.embed(many, {
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        controller.abort();
      },
    });
    const queued = new AbortController();
    const queuedJob = h.embed(['cloud'], { signal: queued.signal }).catch((e: unknown) => e);
    const after = h.embed(['acme corp']);
    queued.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(await queuedJob).toMatchObject({ code: 'cancelled' });
    expect(progress[0]).toBe(1);
    // The worker stopped at a batch boundary instead of embedding all 3000 texts.
    expect(await abandoned).toMatchObject({ outcome: 'stopped' });
    const { embeddings } = await after;
    expectClose(embeddings[0]!.dense!, referenceEmbedding(heads, tinyTokenize(heads, 'acme corp')).dense);
  });

  it('restarts a worker that crashes during a batch and retries the batch once', async () => {
    const marker = join(root, 'crash-once');
    await writeFile(marker, '');
    const h = host(config(heads), { REVOPS_WORKER_FAULT: `exit-once-on-embed:${marker}` });
    const events: HostEvent[] = [];
    h.on((e) => events.push(e));
    const { embeddings } = await h.embed(['acme corp']);
    expectClose(embeddings[0]!.dense!, referenceEmbedding(heads, tinyTokenize(heads, 'acme corp')).dense);
    const kinds = events.filter((e) => e.type !== 'log').map((e) => (e.type === 'exit' ? `exit:${e.code}:${e.expected}` : e.type));
    expect(kinds).toEqual(['spawn', 'ready', 'exit:70:false', 'restart', 'spawn', 'ready']);
  });

  it('gives up with worker_crashed when the retry crashes too', async () => {
    const h = host(config(heads), { REVOPS_WORKER_FAULT: 'exit-on-embed' });
    const spawns: number[] = [];
    h.on((e) => e.type === 'spawn' && spawns.push(e.pid ?? 0));
    const err = await h.embed(['acme']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerHostError);
    expect(err).toMatchObject({ code: 'worker_crashed', message: expect.stringMatching(/died twice.*exit code 70/) });
    expect(spawns).toHaveLength(2);
  });

  it('respawns after the worker process is killed while idle', async () => {
    const h = host(config(heads));
    await h.start();
    const pid = h.pid!;
    const exited = nextEvent(h, 'exit');
    process.kill(pid, 'SIGKILL');
    expect(await exited).toMatchObject({ pid, signal: 'SIGKILL', expected: false });
    const { embeddings } = await h.embed(['cloud']);
    expect(embeddings[0]!.dense).toHaveLength(16);
    expect(h.pid).not.toBe(pid);
  });

  it('shuts an idle worker down and starts a new one for the next request', async () => {
    const h = host(config(heads), {}, 1);
    const exited = nextEvent(h, 'exit');
    await h.start();
    expect(await exited).toMatchObject({ code: 0, expected: true });
    expect(h.pid).toBeNull();
    const { embeddings } = await h.embed(['cloud']);
    expect(embeddings[0]!.tokens).toBe(3);
  });

  it('CUDA asked without CUDA libraries: CPU with a fallbackReason, same vectors', async () => {
    const h = host(config(heads, { provider: 'cuda' }));
    const model = await h.start();
    expect(model.requestedProvider).toBe('cuda');
    expect(model.provider).toBe('cpu');
    expect(model.fallbackReason).toMatch(/^CUDA unavailable: .+ — /);
    const { embeddings } = await h.embed(['acme corp']);
    expectClose(embeddings[0]!.dense!, referenceEmbedding(heads, tinyTokenize(heads, 'acme corp')).dense);
  });

  it('names the missing file of a model folder', async () => {
    const broken = await writeTinyBgeM3(join(root, 'broken'), { flavour: 'plain' });
    await unlink(join(broken.dir, 'tokenizer.json'));
    await expect(host(config(broken)).start()).rejects.toMatchObject({ code: 'model_missing_file', message: expect.stringMatching(/has no tokenizer\.json/) });
    await expect(host(config(broken, { modelDir: join(root, 'nowhere') })).embed(['x'])).rejects.toMatchObject({
      code: 'model_missing_file',
      message: expect.stringMatching(/nowhere does not exist/),
    });
    await writeFile(join(broken.dir, 'model.onnx'), 'not a model');
    await writeFile(join(broken.dir, 'tokenizer.json'), JSON.stringify({}));
    await expect(host(config(broken)).start()).rejects.toMatchObject({ code: 'model_load_failed' });
  });

  it('keeps credentials out of the worker environment', () => {
    process.env.REVOPS_TEST_DATABASE_URL = 'postgres://u:secret@127.0.0.1/x';
    try {
      const env = workerEnv({ REVOPS_WORKER_FAULT: 'x' });
      expect(env.REVOPS_TEST_DATABASE_URL).toBeUndefined();
      expect(env.REVOPS_WORKER_FAULT).toBe('x');
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      delete process.env.REVOPS_TEST_DATABASE_URL;
    }
  });

  it('rejects requests after close', async () => {
    const h = host(config(heads));
    await h.start();
    const exited = nextEvent(h, 'exit');
    await h.close();
    expect(await exited).toMatchObject({ code: 0, expected: true });
    await expect(h.embed(['x'])).rejects.toMatchObject({ code: 'worker_closed' });
  });
});
