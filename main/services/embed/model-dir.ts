/**
 * Where the BGE-M3 export is: an explicit folder (CLI flag, later the app's settings), else BGE_M3_DIR,
 * else resources/models/bge-m3 in this checkout (resources/models/README.md). Weights are never bundled.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../../resources/models/bge-m3', import.meta.url));

export function resolveModelDir(explicit: string | undefined, env: Record<string, string | undefined> = process.env): { dir: string; from: 'flag' | 'BGE_M3_DIR' | 'default' } {
  if (explicit?.trim()) return { dir: resolve(explicit.trim()), from: 'flag' };
  if (env.BGE_M3_DIR?.trim()) return { dir: resolve(env.BGE_M3_DIR.trim()), from: 'BGE_M3_DIR' };
  return { dir: DEFAULT_MODEL_DIR, from: 'default' };
}
