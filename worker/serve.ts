/**
 * The worker's serve loop, transport-agnostic (entry.ts plugs in parentPort or process IPC).
 * Requests run one at a time in arrival order; `cancel` marks an id and the engine stops at its next batch
 * boundary; `shutdown` cancels what is queued and exits 0 after the current batch.
 * See app/contract/worker-protocol.ts for the message invariants.
 */
import { unlinkSync, existsSync } from 'node:fs';
import type { EmbedOutputs, FromWorker, ToWorker, WorkerError } from '../app/contract/worker-protocol';
import { WORKER_PROTOCOL_VERSION, isToWorker } from '../app/contract/worker-protocol';
import { BadRequestError, CancelledError, loadEngine, type Engine } from './engine';
import { ModelFilesError } from './model-files';

export type WorkerTransport = {
  send(message: FromWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  exit(code: number): void;
};

/**
 * Test-only fault injection (REVOPS_WORKER_FAULT), so the host's crash recovery can be tested
 * deterministically: `exit-on-embed` exits 70 on every embed; `exit-once-on-embed:<file>` exits 70 on an
 * embed while <file> exists, deleting it first (so the retry succeeds).
 */
export type Fault = { kind: 'exit-on-embed' } | { kind: 'exit-once-on-embed'; file: string } | null;

export function parseFault(value: string | undefined): Fault {
  if (!value) return null;
  if (value === 'exit-on-embed') return { kind: 'exit-on-embed' };
  if (value.startsWith('exit-once-on-embed:')) return { kind: 'exit-once-on-embed', file: value.slice('exit-once-on-embed:'.length) };
  return null;
}

function toWorkerError(err: unknown): WorkerError {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof CancelledError) return { code: 'cancelled', message: 'cancelled' };
  if (err instanceof BadRequestError) return { code: 'bad_request', message };
  return { code: 'inference_failed', message };
}

function validOutputs(outputs: unknown): outputs is EmbedOutputs {
  const o = outputs as Partial<EmbedOutputs> | null;
  return !!o && typeof o.dense === 'boolean' && typeof o.sparse === 'boolean' && typeof o.colbert === 'boolean';
}

export function serve(transport: WorkerTransport, fault: Fault = null): void {
  let engine: Engine | null = null;
  let initStarted = false;
  let shuttingDown = false;
  // Ids of embeds queued or running: a cancel for anything else is ignored (and never remembered).
  const pending = new Set<string>();
  const cancelled = new Set<string>();
  let queue: Promise<void> = Promise.resolve();

  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work, work);
  };

  const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string, id: string | null = null) => transport.send({ type: 'log', id, level, message });

  async function init(id: string, message: Extract<ToWorker, { type: 'init' }>) {
    try {
      engine = await loadEngine(message.config);
      if (engine.info.fallbackReason) log('warn', engine.info.fallbackReason, id);
      transport.send({ type: 'ready', id, model: engine.info });
    } catch (err) {
      const code = err instanceof ModelFilesError ? 'model_missing_file' : 'model_load_failed';
      transport.send({ type: 'error', id, error: { code, message: err instanceof Error ? err.message : String(err) } });
      transport.exit(1);
    }
  }

  async function embed(message: Extract<ToWorker, { type: 'embed' }>) {
    const { id } = message;
    if (cancelled.has(id) || shuttingDown) {
      cancelled.delete(id);
      pending.delete(id);
      transport.send({ type: 'error', id, error: { code: 'cancelled', message: 'cancelled' } });
      return;
    }
    if (fault?.kind === 'exit-on-embed') transport.exit(70);
    if (fault?.kind === 'exit-once-on-embed' && existsSync(fault.file)) {
      unlinkSync(fault.file);
      transport.exit(70);
    }
    if (!engine) {
      pending.delete(id);
      transport.send({ type: 'error', id, error: { code: 'bad_request', message: 'embed before the model was loaded (send init first)' } });
      return;
    }
    if (!Array.isArray(message.texts) || !message.texts.every((t) => typeof t === 'string') || !validOutputs(message.outputs)) {
      pending.delete(id);
      transport.send({ type: 'error', id, error: { code: 'bad_request', message: 'embed needs texts: string[] and outputs: { dense, sparse, colbert }' } });
      return;
    }
    const started = performance.now();
    try {
      const embeddings = await engine.embed(message.texts, message.outputs, {
        isCancelled: () => cancelled.has(id) || shuttingDown,
        onProgress: (done, total) => transport.send({ type: 'progress', id, done, total }),
      });
      transport.send({ type: 'result', id, embeddings, ms: Math.round(performance.now() - started) });
    } catch (err) {
      transport.send({ type: 'error', id, error: toWorkerError(err) });
    } finally {
      cancelled.delete(id);
      pending.delete(id);
    }
  }

  transport.onMessage((raw) => {
    if (!isToWorker(raw)) {
      log('warn', `ignored a message that is not part of protocol ${WORKER_PROTOCOL_VERSION}`);
      return;
    }
    switch (raw.type) {
      case 'init':
        if (initStarted) {
          transport.send({ type: 'error', id: raw.id, error: { code: 'bad_request', message: 'init was already sent to this worker' } });
          return;
        }
        initStarted = true;
        enqueue(() => init(raw.id, raw));
        return;
      case 'embed':
        pending.add(raw.id);
        enqueue(() => embed(raw));
        return;
      case 'cancel':
        if (pending.has(raw.id)) cancelled.add(raw.id);
        return;
      case 'shutdown':
        shuttingDown = true;
        enqueue(async () => {
          await engine?.close().catch(() => undefined);
          transport.exit(0);
        });
        return;
    }
  });

  transport.send({ type: 'hello', protocol: WORKER_PROTOCOL_VERSION, pid: process.pid });
}
