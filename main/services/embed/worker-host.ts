/**
 * The worker host: owns the embedding worker's life — spawn, `hello` → `init` → `ready` handshake, one
 * request at a time, cancel, idle shutdown, and recovery: when the worker dies during a request it is
 * restarted and that request retried once; a second death fails the request (worker_crashed).
 *
 * Invariants:
 * - At most one worker process and at most one request sent to it at a time; other requests wait in order.
 * - Every embed() settles exactly once: result, its own cancellation (at once, without waiting for the
 *   worker's batch boundary), or an error with a WorkerErrorCode.
 * - A model problem (missing file, load failure) is not a crash: it fails the waiting requests with its own
 *   code and message, and the next request tries again (the folder may have been fixed meanwhile).
 * - Spawning is lazy: nothing runs until start() or the first embed(), and after an idle shutdown the next
 *   request spawns a new worker.
 */
import type {
  EmbedOutputs,
  Embedding,
  FromWorker,
  LogLevel,
  ModelInfo,
  WorkerConfig,
  WorkerError,
  WorkerErrorCode,
} from '../../../app/contract/worker-protocol';
import { WORKER_PROTOCOL_VERSION, isFromWorker } from '../../../app/contract/worker-protocol';
import type { SpawnWorker, WorkerProcess } from './worker-transport';

export class WorkerHostError extends Error {
  override name = 'WorkerHostError';
  readonly code: WorkerErrorCode;
  constructor(error: WorkerError) {
    super(error.message);
    this.code = error.code;
  }
}

export type HostEvent =
  | { type: 'spawn'; pid: number | undefined }
  | { type: 'ready'; pid: number | undefined; model: ModelInfo }
  | { type: 'exit'; pid: number | undefined; code: number | null; signal: string | null; expected: boolean }
  | { type: 'restart'; requestId: string; attempt: number }
  /** The worker's final answer to a request whose caller had cancelled: did it stop early or finish anyway? */
  | { type: 'abandoned'; requestId: string; outcome: 'stopped' | 'finished' }
  | { type: 'log'; level: LogLevel; message: string; source: 'worker' | 'stderr' };

export type WorkerHostOptions = {
  config: WorkerConfig;
  spawn: SpawnWorker;
  /** Shut the worker down after this long without requests (it frees the model's memory); 0 = never. Default 5 min. */
  idleMs?: number;
  /** How long a new process may take to say hello (not to load the model). Default 30 s. */
  helloTimeoutMs?: number;
};

export type EmbedOptions = {
  outputs?: Partial<EmbedOutputs>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

export type EmbedResult = { embeddings: Embedding[]; ms: number; model: ModelInfo };

type Job = {
  texts: string[];
  outputs: EmbedOutputs;
  onProgress: ((done: number, total: number) => void) | undefined;
  resolve(result: EmbedResult): void;
  reject(err: Error): void;
  signal: AbortSignal | undefined;
  attempt: number;
  settled: boolean;
  /** The id of the worker request currently carrying this job. */
  requestId: string | null;
};

type Worker = {
  proc: WorkerProcess;
  model: ModelInfo | null;
  /** Resolves on `ready`, rejects on an init error, a crash or a hello timeout before it. */
  ready: Promise<ModelInfo>;
  stopping: boolean;
  exited: boolean;
  stderrTail: string[];
  onMessage(message: FromWorker): void;
};

const DEFAULT_IDLE_MS = 5 * 60_000;

// Native libraries colour their stderr lines.
// eslint-disable-next-line no-control-regex -- the point is to strip ESC sequences
const ANSI = /\u001b\[[0-9;]*m/g;

export class WorkerHost {
  private readonly options: Required<WorkerHostOptions>;
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private current: Job | null = null;
  /** A request whose job was cancelled but whose final answer the worker has not sent yet. */
  private abandoned: string | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private nextId = 1;
  private readonly listeners = new Set<(e: HostEvent) => void>();
  private pumping = false;

  constructor(options: WorkerHostOptions) {
    this.options = { idleMs: DEFAULT_IDLE_MS, helloTimeoutMs: 30_000, ...options };
  }

  /** Listens to lifecycle and log events; returns the unsubscribe function. */
  on(listener: (e: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get model(): ModelInfo | null {
    return this.worker?.model ?? null;
  }

  get pid(): number | null {
    return this.worker?.proc.pid ?? null;
  }

  /** Spawns the worker (if needed) and waits until the model is loaded. */
  async start(): Promise<ModelInfo> {
    if (this.closed) throw new WorkerHostError({ code: 'worker_closed', message: 'the embedding worker host is closed' });
    const worker = await this.liveWorker();
    const model = await worker.ready;
    this.armIdle();
    return model;
  }

  embed(texts: string[], options: EmbedOptions = {}): Promise<EmbedResult> {
    return new Promise<EmbedResult>((resolve, reject) => {
      if (this.closed) return reject(new WorkerHostError({ code: 'worker_closed', message: 'the embedding worker host is closed' }));
      if (options.signal?.aborted) return reject(new WorkerHostError({ code: 'cancelled', message: 'cancelled' }));
      const job: Job = {
        texts,
        outputs: { dense: true, sparse: false, colbert: false, ...options.outputs },
        onProgress: options.onProgress,
        resolve,
        reject,
        signal: options.signal,
        attempt: 0,
        settled: false,
        requestId: null,
      };
      options.signal?.addEventListener('abort', () => this.cancel(job), { once: true });
      this.queue.push(job);
      this.disarmIdle();
      void this.pump();
    });
  }

  /** Rejects what is waiting, asks the worker to exit and kills it if it does not within `graceMs`. */
  async close(graceMs = 5_000): Promise<void> {
    this.closed = true;
    this.disarmIdle();
    const closedError = new WorkerHostError({ code: 'worker_closed', message: 'the embedding worker host was closed' });
    for (const job of this.queue.splice(0)) this.settle(job, closedError);
    if (this.current) this.settle(this.current, closedError);
    this.current = null;
    const worker = this.worker;
    if (worker && !worker.exited) await this.stopWorker(worker, graceMs);
  }

  private emit(e: HostEvent): void {
    for (const l of this.listeners) l(e);
  }

  private settle(job: Job, outcome: EmbedResult | Error): void {
    if (job.settled) return;
    job.settled = true;
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }

  private cancel(job: Job): void {
    if (job.settled) return;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    if (this.current === job && job.requestId && this.worker) {
      this.worker.proc.send({ type: 'cancel', id: job.requestId });
      this.abandoned = job.requestId;
      this.current = null;
    }
    this.settle(job, new WorkerHostError({ code: 'cancelled', message: 'cancelled' }));
  }

  private armIdle(): void {
    this.disarmIdle();
    if (this.options.idleMs <= 0 || this.closed) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const worker = this.worker;
      if (worker && !this.current && !this.abandoned && this.queue.length === 0) void this.stopWorker(worker, 5_000);
    }, this.options.idleMs);
    // An idle worker must not keep the CLI alive.
    this.idleTimer.unref();
  }

  private disarmIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private async stopWorker(worker: Worker, graceMs: number): Promise<void> {
    worker.stopping = true;
    if (worker.exited) return;
    const exited = new Promise<void>((resolve) => worker.proc.onExit(() => resolve()));
    worker.proc.send({ type: 'shutdown' });
    const timer = setTimeout(() => worker.proc.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** The current worker, or a new one when there is none (or the current one is on its way out). */
  private async liveWorker(): Promise<Worker> {
    const existing = this.worker;
    if (existing && !existing.stopping && !existing.exited) return existing;
    if (existing && !existing.exited) await new Promise<void>((resolve) => existing.proc.onExit(() => resolve()));
    if (this.worker === existing || this.worker === null || this.worker.exited) this.worker = this.spawnWorker();
    return this.worker!;
  }

  private spawnWorker(): Worker {
    const proc = this.options.spawn();
    let resolveReady!: (m: ModelInfo) => void;
    let rejectReady!: (e: Error) => void;
    const ready = new Promise<ModelInfo>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    // Rejections are observed by whoever awaits `ready`; this keeps an unobserved one from crashing Node.
    ready.catch(() => undefined);
    const initId = `init-${this.nextId++}`;
    let greeted = false;
    let readySettled = false;
    const helloTimer = setTimeout(() => {
      if (greeted) return;
      rejectReady(new WorkerHostError({ code: 'worker_crashed', message: `the embedding worker did not start within ${this.options.helloTimeoutMs} ms${tail(worker)}` }));
      readySettled = true;
      proc.kill();
    }, this.options.helloTimeoutMs);

    const worker: Worker = {
      proc,
      model: null,
      ready,
      stopping: false,
      exited: false,
      stderrTail: [],
      onMessage: (m) => {
        if (m.type === 'hello') {
          greeted = true;
          clearTimeout(helloTimer);
          if (m.protocol !== WORKER_PROTOCOL_VERSION) {
            readySettled = true;
            rejectReady(new WorkerHostError({ code: 'model_load_failed', message: `the worker speaks protocol ${m.protocol}, this host ${WORKER_PROTOCOL_VERSION}: rebuild the app (npm run build).` }));
            proc.kill();
            return;
          }
          proc.send({ type: 'init', id: initId, config: this.options.config });
        } else if (m.type === 'ready' && m.id === initId) {
          worker.model = m.model;
          readySettled = true;
          resolveReady(m.model);
          this.emit({ type: 'ready', pid: proc.pid, model: m.model });
        } else if (m.type === 'error' && m.id === initId) {
          readySettled = true;
          rejectReady(new WorkerHostError(m.error));
        } else {
          this.onWorkerMessage(worker, m);
        }
      },
    };
    proc.onMessage((raw) => {
      if (isFromWorker(raw)) worker.onMessage(raw);
    });
    proc.onStderr((raw) => {
      const line = raw.replace(ANSI, '').trim();
      if (!line) return;
      worker.stderrTail.push(line);
      if (worker.stderrTail.length > 20) worker.stderrTail.shift();
      this.emit({ type: 'log', level: 'warn', message: line, source: 'stderr' });
    });
    proc.onExit((code, signal) => {
      worker.exited = true;
      clearTimeout(helloTimer);
      if (!readySettled) {
        readySettled = true;
        rejectReady(new WorkerHostError({ code: 'worker_crashed', message: `the embedding worker exited while starting (${exitText(code, signal)})${tail(worker)}` }));
      }
      this.onWorkerExit(worker, code, signal);
    });
    this.emit({ type: 'spawn', pid: proc.pid });
    return worker;
  }

  private onWorkerMessage(worker: Worker, m: FromWorker): void {
    if (m.type === 'log') {
      this.emit({ type: 'log', level: m.level, message: m.message, source: 'worker' });
      return;
    }
    if (m.type === 'hello' || m.type === 'ready') return;
    if (m.id === this.abandoned && (m.type === 'result' || m.type === 'error')) {
      this.abandoned = null;
      this.emit({ type: 'abandoned', requestId: m.id, outcome: m.type === 'error' && m.error.code === 'cancelled' ? 'stopped' : 'finished' });
      void this.pump();
      return;
    }
    const job = this.current;
    if (!job || job.requestId !== m.id || this.worker !== worker) return;
    if (m.type === 'progress') {
      job.onProgress?.(m.done, m.total);
      return;
    }
    this.current = null;
    if (m.type === 'result') this.settle(job, { embeddings: m.embeddings, ms: m.ms, model: worker.model! });
    else this.settle(job, new WorkerHostError(m.error));
    void this.pump();
  }

  private onWorkerExit(worker: Worker, code: number | null, signal: string | null): void {
    const expected = worker.stopping || this.closed;
    this.emit({ type: 'exit', pid: worker.proc.pid, code, signal, expected });
    if (this.worker === worker) this.worker = null;
    this.abandoned = null;
    const job = this.current;
    if (job && !job.settled) {
      this.current = null;
      if (job.attempt < 1) {
        // The batch may have been what killed it; one retry on a fresh process, then give up.
        job.attempt += 1;
        this.queue.unshift(job);
        this.emit({ type: 'restart', requestId: job.requestId ?? '', attempt: job.attempt });
      } else {
        this.settle(
          job,
          new WorkerHostError({
            code: 'worker_crashed',
            message: `the embedding worker died twice on the same batch of ${job.texts.length} texts (${exitText(code, signal)})${tail(worker)}`,
          }),
        );
      }
    }
    void this.pump();
  }

  /** Sends the next queued job when nothing is in flight; spawns and waits for the worker as needed. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed && !this.current && !this.abandoned && this.queue.length > 0) {
        let worker: Worker;
        try {
          worker = await this.liveWorker();
          await worker.ready;
        } catch (err) {
          // The model could not be loaded (or the process died while starting): every waiting job gets the reason.
          const error = err instanceof WorkerHostError ? err : new WorkerHostError({ code: 'worker_crashed', message: (err as Error).message });
          for (const job of this.queue.splice(0)) this.settle(job, error);
          break;
        }
        if (this.current || this.abandoned || worker.exited || worker.stopping) continue;
        const job = this.queue.shift();
        if (!job) break;
        if (job.settled) continue;
        job.requestId = `embed-${this.nextId++}`;
        this.current = job;
        worker.proc.send({ type: 'embed', id: job.requestId, texts: job.texts, outputs: job.outputs });
      }
    } finally {
      this.pumping = false;
    }
    if (!this.current && !this.abandoned && this.queue.length === 0 && this.worker && !this.worker.stopping) this.armIdle();
  }
}

function exitText(code: number | null, signal: string | null): string {
  return signal ? `signal ${signal}` : `exit code ${code ?? 'unknown'}`;
}

function tail(worker: Worker): string {
  const last = worker.stderrTail.slice(-3).join(' | ').trim();
  return last ? `; its last output: ${last.slice(0, 500)}` : '';
}
