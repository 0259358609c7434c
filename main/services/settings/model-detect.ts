/**
 * model:detect: which BGE-M3 folder the app would use and what the worker makes of it — the same steps as
 * `revops worker check` (main/cli/worker.ts): find the files (naming the missing one), start the worker
 * through the worker host (a utilityProcess in the desktop app, a child process elsewhere), load the model
 * and report the execution provider actually used and, when it is not the one asked, why.
 * The folder is never written to; the worker is closed after the check.
 */
import type { ExecutionProvider } from '../../../app/contract/worker-protocol';
import { DEFAULT_WORKER_CONFIG } from '../../../app/contract/worker-protocol';
import type { ModelDetect } from '../../../app/contract';
import { findModelFiles, ModelFilesError } from '../../../worker/model-files';
import { loadSettings } from '../../config/settings';
import { resolveModelDir } from '../embed/model-dir';
import { WorkerHost } from '../embed/worker-host';
import type { SpawnWorker } from '../embed/worker-transport';
import { cudaReadiness } from './cuda-readiness';

export type ModelDetectDeps = { dataDir: string; env: Record<string, string | undefined>; spawn: SpawnWorker };

/** The folder embed runs will use: the settings' folder, else BGE_M3_DIR, else the default folder. */
export async function configuredModelDir(dataDir: string, env: Record<string, string | undefined>): Promise<{ dir: string; from: ModelDetect['from'] }> {
  const fromSettings = (await loadSettings(dataDir).catch(() => null))?.modelDir;
  if (fromSettings) return { dir: resolveModelDir(fromSettings, env).dir, from: 'settings' };
  const r = resolveModelDir(undefined, env);
  return { dir: r.dir, from: r.from === 'flag' ? 'input' : r.from };
}

export async function detectModel(deps: ModelDetectDeps, input: { modelDir?: string | undefined; provider: ExecutionProvider }): Promise<ModelDetect> {
  const { dir, from } = input.modelDir ? { dir: resolveModelDir(input.modelDir, deps.env).dir, from: 'input' as const } : await configuredModelDir(deps.dataDir, deps.env);
  const base = { modelDir: dir, from, requestedProvider: input.provider, provider: null, fallbackReason: null, dims: null, heads: [], loadMs: null, expected: cudaReadiness() };
  try {
    await findModelFiles(dir);
  } catch (err) {
    if (err instanceof ModelFilesError) return { ...base, status: 'missing', message: `${err.message} Without a model the semantic signal is off; matching uses its other signals.` };
    throw err;
  }
  const host = new WorkerHost({ config: { ...DEFAULT_WORKER_CONFIG, modelDir: dir, provider: input.provider }, spawn: deps.spawn, idleMs: 0 });
  try {
    const model = await host.start();
    const heads = ['dense', ...(model.heads.sparse ? ['sparse'] : []), ...(model.heads.colbert ? ['colbert'] : [])];
    return {
      ...base,
      status: 'loaded',
      message: `Loaded on ${model.provider.toUpperCase()}${model.fallbackReason ? ` (${model.fallbackReason})` : ''}.`,
      provider: model.provider,
      fallbackReason: model.fallbackReason,
      dims: model.dims,
      heads,
      loadMs: model.loadMs,
    };
  } catch (err) {
    return { ...base, status: 'failed', message: `The worker could not load the model: ${(err as Error).message}` };
  } finally {
    await host.close();
  }
}
