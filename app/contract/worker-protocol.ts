/**
 * Main ↔ embedding worker protocol (worker/entry.ts ↔ main/services/embed/worker-host.ts).
 *
 * Invariants:
 * - Transport-agnostic: the same messages travel over an Electron utilityProcess (MessagePort) and a Node
 *   child process (`fork` with `serialization: 'advanced'`). Every message is structured-clone-safe: plain
 *   objects, strings, numbers, booleans, null, arrays and Float32Array — no functions, classes, Errors,
 *   Maps or undefined-valued keys that a receiver relies on.
 * - Handshake: the worker's first message is `hello` (its listener is attached, so nothing sent after it is
 *   lost). The host then sends exactly one `init`; the worker answers `ready` (model loaded, with the
 *   execution provider actually used and why it differs from the one asked) or `error` with the init's id,
 *   and exits 1 after such an error. No `embed` is sent before `ready`.
 * - Every request carries a host-chosen `id`, unique per worker process; every answer (`result`, `error`,
 *   `progress`, request-scoped `log`) carries the id of the request it answers. Each request gets exactly
 *   one final answer: `result` or `error` (a cancelled request answers `error` with code `cancelled`).
 * - `cancel` is advisory: the worker stops at the next batch boundary. A cancel for an unknown or finished
 *   id is ignored.
 * - `shutdown` makes the worker exit 0 once the current batch is done; a worker exit at any other time is a
 *   crash, which the host may answer by restarting and retrying the request once.
 * - Results keep the order of the request's texts, whatever order the worker computed them in.
 */

export const WORKER_PROTOCOL_VERSION = 2;

export type ExecutionProvider = 'cuda' | 'cpu';

/** What the worker needs to load a model; sent once in `init`. */
export type WorkerConfig = {
  /** Folder holding model.onnx (+ its external data file) and tokenizer.json. */
  modelDir: string;
  /** Asked provider; the worker falls back to CPU when CUDA cannot be used, and says why. */
  provider: ExecutionProvider;
  /** Maximum tokens per text including the special tokens (BGE-M3 supports 8192); longer texts are truncated. */
  maxLength: number;
  /** Texts per inference batch, after sorting by token length. */
  batchSize: number;
  /** Intra-op threads for the CPU provider; 0 lets onnxruntime decide. */
  threads: number;
  /** CUDA device index. */
  deviceId: number;
};

export const DEFAULT_WORKER_CONFIG = { provider: 'cpu', maxLength: 8192, batchSize: 32, threads: 0, deviceId: 0 } as const satisfies Omit<
  WorkerConfig,
  'modelDir'
>;

/** Which representations a request wants. Dense is always available; sparse and ColBERT need an export with those heads. */
export type EmbedOutputs = { dense: boolean; sparse: boolean; colbert: boolean };

/** What was loaded, reported in `ready` (and by `revops worker check`). */
export type ModelInfo = {
  modelDir: string;
  requestedProvider: ExecutionProvider;
  provider: ExecutionProvider;
  /** Why `provider` differs from `requestedProvider` (or why CUDA failed); null when it does not. */
  fallbackReason: string | null;
  /** Dense vector dimension (1024 for BGE-M3). */
  dims: number;
  /** ColBERT vector dimension, null when the export has no ColBERT head. */
  colbertDims: number | null;
  /** The export's heads: a plain `last_hidden_state` export yields dense only. */
  heads: { sparse: boolean; colbert: boolean };
  inputNames: string[];
  outputNames: string[];
  externalDataFile: string | null;
  maxLength: number;
  batchSize: number;
  loadMs: number;
};

/** Lexical weights of one text: unique token ids (ascending) and their max ReLU weight, special tokens excluded. */
export type SparseWeights = { tokenIds: number[]; weights: number[] };

export type Embedding = {
  /** Token count after truncation, special tokens included. */
  tokens: number;
  truncated: boolean;
  /** L2-normalized CLS vector. */
  dense: Float32Array | null;
  sparse: SparseWeights | null;
  /** Row-major [tokens - 1, colbertDims]: one normalized vector per token after CLS (as BAAI's reference keeps them). */
  colbert: Float32Array | null;
};

export type WorkerErrorCode =
  /** The model folder lacks a file (the message names it). */
  | 'model_missing_file'
  /** onnxruntime or the tokenizer could not load what is there. */
  | 'model_load_failed'
  /** The export does not have what was asked (e.g. sparse from a plain export) or the request is malformed. */
  | 'bad_request'
  | 'cancelled'
  | 'inference_failed'
  /** Host side: the worker died (twice for one request, or while starting). */
  | 'worker_crashed'
  /** Host side: the worker host was closed. */
  | 'worker_closed';

export type WorkerError = { code: WorkerErrorCode; message: string };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type ToWorker =
  | { type: 'init'; id: string; config: WorkerConfig }
  | { type: 'embed'; id: string; texts: string[]; outputs: EmbedOutputs }
  | { type: 'cancel'; id: string }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'hello'; protocol: number; pid: number }
  | { type: 'ready'; id: string; model: ModelInfo }
  | { type: 'result'; id: string; embeddings: Embedding[]; ms: number }
  | { type: 'progress'; id: string; done: number; total: number }
  | { type: 'error'; id: string; error: WorkerError }
  | { type: 'log'; id: string | null; level: LogLevel; message: string };

const TO_WORKER_TYPES: ReadonlySet<string> = new Set(['init', 'embed', 'cancel', 'shutdown']);
const FROM_WORKER_TYPES: ReadonlySet<string> = new Set(['hello', 'ready', 'result', 'progress', 'error', 'log']);

const hasType = (value: unknown, types: ReadonlySet<string>): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && types.has((value as { type: string }).type);

/** Cheap shape guard at the boundary: the other side is our own code, so the type tag is what can go wrong (version skew). */
export function isToWorker(value: unknown): value is ToWorker {
  if (!hasType(value, TO_WORKER_TYPES)) return false;
  const m = value as { type: string; id?: unknown };
  return m.type === 'shutdown' || typeof m.id === 'string';
}

export function isFromWorker(value: unknown): value is FromWorker {
  return hasType(value, FROM_WORKER_TYPES);
}
