/**
 * Whether CUDA can be expected before any model is loaded: what model:detect says when the folder is empty.
 * The worker's own answer (worker/session.ts: try CUDA, fall back to CPU with a reason) is the truth once a
 * model loads; this is the cheap part of it that needs no model and does not load onnxruntime's native
 * module into main: the CUDA provider libraries next to onnxruntime-node (the same files
 * worker/session.ts#missingCudaProviderLibs looks for) and, on Linux, the NVIDIA kernel driver.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type CudaReadiness = { provider: 'cuda' | 'cpu'; reason: string };

export function cudaReadiness(platform: NodeJS.Platform = process.platform, arch: string = process.arch): CudaReadiness {
  if (platform !== 'linux' && platform !== 'win32') return { provider: 'cpu', reason: `onnxruntime-node has no CUDA build for ${platform}: the model runs on CPU.` };
  let folder: string;
  try {
    folder = join(dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json')), 'bin', 'napi-v6', platform, arch);
  } catch {
    return { provider: 'cpu', reason: 'onnxruntime-node is not installed, so no model can load.' };
  }
  const names = platform === 'win32' ? ['onnxruntime_providers_shared.dll', 'onnxruntime_providers_cuda.dll'] : ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'];
  const missing = names.filter((n) => !existsSync(join(folder, n)));
  if (missing.length > 0) {
    return { provider: 'cpu', reason: `onnxruntime-node was installed without its CUDA provider (${missing.join(', ')} missing): reinstall it without ONNXRUNTIME_NODE_INSTALL=skip for GPU embeddings (worker/README.md).` };
  }
  if (platform === 'linux') {
    const driver = '/proc/driver/nvidia/version';
    if (!existsSync(driver)) return { provider: 'cpu', reason: 'no NVIDIA driver is loaded (no /proc/driver/nvidia/version): the model runs on CPU.' };
    const version = /Kernel Module\s+([\d.]+)/.exec(readFileSync(driver, 'utf8'))?.[1];
    return { provider: 'cuda', reason: `NVIDIA driver ${version ?? '(version unknown)'} and the CUDA provider are installed; CUDA 12 and cuDNN 9 must be on the library path.` };
  }
  return { provider: 'cuda', reason: 'the CUDA provider is installed; CUDA 12 and cuDNN 9 must be on PATH.' };
}
