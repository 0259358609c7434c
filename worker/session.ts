/**
 * The model session: onnxruntime-node on the asked execution provider, with CPU as the fallback.
 *
 * CUDA is used only when asked. When it cannot be used — onnxruntime-node installed without its CUDA
 * libraries, no CUDA 12 / cuDNN 9 on the library path, no GPU — the failure is caught (at session creation or
 * at the first run, where a missing cuDNN shows up), the model is loaded on CPU and `fallbackReason` says why,
 * so the UI and `revops worker check` can tell the analyst what to install.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ExecutionProvider, WorkerConfig } from '../app/contract/worker-protocol';
import type { ModelFiles } from './model-files';

/** Where dense / sparse / ColBERT come from, decided by the export's output names. */
export type OutputLayout = {
  /** A dense head (e.g. `dense_vecs`), else null and dense comes from `hidden`'s CLS position. */
  dense: string | null;
  hidden: string | null;
  sparse: string | null;
  colbert: string | null;
};

export function detectLayout(outputNames: readonly string[]): OutputLayout {
  const find = (re: RegExp) => outputNames.find((n) => re.test(n)) ?? null;
  const dense = find(/dense/i);
  const sparse = find(/sparse|lexical/i);
  const colbert = find(/colbert/i);
  // A plain transformer export names it last_hidden_state; some exporters call their only output `output`.
  const hidden = find(/^last_hidden_state$/) ?? find(/hidden/i) ?? (outputNames.length === 1 && !dense && !sparse && !colbert ? outputNames[0]! : null);
  if (!dense && !hidden) {
    throw new Error(`the export has no dense head and no last_hidden_state among its outputs (${outputNames.join(', ')}); export BGE-M3 with last_hidden_state or dense_vecs.`);
  }
  return { dense, hidden, sparse, colbert };
}

// Native messages carry terminal colour codes and the full source path of the throwing line.
// eslint-disable-next-line no-control-regex -- the point is to strip ESC sequences
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Where onnxruntime-node keeps its native libraries, and which CUDA provider libraries are missing there.
 * The npm package ships the CPU build; its install script adds the CUDA provider (linux/x64, win32/x64)
 * unless ONNXRUNTIME_NODE_INSTALL=skip. Native errors only say "Failed to load shared library".
 */
export function missingCudaProviderLibs(): { folder: string; missing: string[] } | null {
  if (process.platform !== 'linux' && process.platform !== 'win32') return null;
  let folder: string;
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
    folder = join(pkg, 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return null;
  }
  const names = process.platform === 'win32' ? ['onnxruntime_providers_shared.dll', 'onnxruntime_providers_cuda.dll'] : ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'];
  return { folder, missing: names.filter((n) => !existsSync(join(folder, n))) };
}

/** One readable line from an onnxruntime CUDA failure, plus what to do about the usual causes. */
export function explainCudaFailure(err: unknown, libs = missingCudaProviderLibs()): string {
  const raw = (err instanceof Error ? err.message : String(err)).replace(ANSI, '').replace(/\s+/g, ' ').trim();
  const detail = raw.slice(0, 300);
  let hint = '';
  if (libs && libs.missing.length > 0) {
    hint = `onnxruntime-node was installed without its CUDA provider (${libs.missing.join(', ')} missing in ${libs.folder}): reinstall it without ONNXRUNTIME_NODE_INSTALL=skip (see worker/README.md).`;
  } else if (/Failed to load (shared )?library|libcudnn|libcublas|libcudart|cudnn|CUDA_PATH/i.test(raw)) {
    hint = 'the CUDA 12 and cuDNN 9 libraries must be installed and on the library path (LD_LIBRARY_PATH on Linux, PATH on Windows); see worker/README.md.';
  } else if (/no CUDA-capable device|CUDA driver|cudaErrorNoDevice|cudaGetDeviceCount|insufficient/i.test(raw)) {
    hint = 'no usable NVIDIA GPU or driver was found.';
  }
  return `CUDA unavailable: ${detail}${hint ? ` — ${hint}` : ''}`;
}

export type Session = {
  session: ort.InferenceSession;
  provider: ExecutionProvider;
  fallbackReason: string | null;
  layout: OutputLayout;
};

function sessionOptions(config: WorkerConfig, provider: ExecutionProvider): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: provider === 'cuda' ? [{ name: 'cuda', deviceId: config.deviceId }] : ['cpu'],
    graphOptimizationLevel: 'all',
    // Errors reach us as exceptions; native warnings would only clutter the worker's stderr.
    logSeverityLevel: 3,
    ...(config.threads > 0 ? { intraOpNumThreads: config.threads } : {}),
  };
}

async function create(files: ModelFiles, config: WorkerConfig, provider: ExecutionProvider): Promise<ort.InferenceSession> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(files.model, sessionOptions(config, provider));
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).replace(ANSI, '').trim();
    // A CUDA failure is explained by explainCudaFailure; on CPU the file itself is the problem.
    if (provider === 'cpu') {
      throw new Error(
        `onnxruntime could not load ${files.model}: ${message}` +
          (files.externalData ? '' : ' (if the export keeps its weights in an external data file, it must sit beside model.onnx under the name the export gave it)'),
      );
    }
    throw err;
  }
  for (const name of ['input_ids', 'attention_mask']) {
    if (!session.inputNames.includes(name)) {
      await session.release().catch(() => undefined);
      throw new Error(`${files.model} has no ${name} input (inputs: ${session.inputNames.join(', ')}); it is not a BGE-M3 export.`);
    }
  }
  return session;
}

/**
 * Opens the model. `probe` runs one tiny batch on the new session: CUDA problems that only appear at the
 * first run (cuDNN, out of memory) must be caught here, while a CPU fallback is still possible.
 */
export async function openSession(files: ModelFiles, config: WorkerConfig, probe: (s: ort.InferenceSession, layout: OutputLayout) => Promise<void>): Promise<Session> {
  let fallbackReason: string | null = null;
  if (config.provider === 'cuda') {
    let session: ort.InferenceSession | null = null;
    try {
      session = await create(files, config, 'cuda');
      const layout = detectLayout(session.outputNames);
      await probe(session, layout);
      return { session, provider: 'cuda', fallbackReason: null, layout };
    } catch (err) {
      await session?.release().catch(() => undefined);
      fallbackReason = explainCudaFailure(err);
    }
  }
  const session = await create(files, config, 'cpu');
  const layout = detectLayout(session.outputNames);
  await probe(session, layout);
  return { session, provider: 'cpu', fallbackReason, layout };
}
