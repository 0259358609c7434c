/**
 * Which model made a vector: vectors of two different exports must never be compared, so every stored
 * vector carries a model id derived from the files themselves (not from the folder's path).
 *
 * The fingerprint hashes each file's name and size and its first and last MiB: cheap on a 2 GB export, and
 * any re-export, quantization or tokenizer change alters it.
 */
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ModelFiles } from '../../../worker/model-files';

const EDGE = 1 << 20;

async function hashFile(h: ReturnType<typeof createHash>, path: string): Promise<void> {
  const size = (await stat(path)).size;
  h.update(`${basename(path)}\0${size}\0`);
  const fh = await open(path, 'r');
  try {
    const read = async (position: number, length: number) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, position);
      h.update(buf.subarray(0, bytesRead));
    };
    await read(0, Math.min(EDGE, size));
    if (size > EDGE) await read(Math.max(EDGE, size - EDGE), Math.min(EDGE, size - EDGE));
  } finally {
    await fh.close();
  }
}

export async function modelFingerprint(files: ModelFiles): Promise<string> {
  const h = createHash('sha256');
  for (const path of [files.model, files.externalData, files.tokenizer]) if (path) await hashFile(h, path);
  return h.digest('hex');
}

/** `<folder name>-<12 hex of the fingerprint>`, lower-case and safe for SQL text and index names. */
export function modelIdOf(dir: string, fingerprint: string): string {
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 40) || 'model';
  return `${name}-${fingerprint.slice(0, 12)}`;
}

/**
 * The tokenizer's vocabulary size (sparse vectors are sparsevec of this dimension): the model's vocabulary
 * (Unigram: a list; BPE / WordPiece: a map) and any added token beyond it. null when it cannot be told.
 */
export async function tokenizerVocabSize(tokenizerPath: string): Promise<number | null> {
  let json: { model?: { vocab?: unknown }; added_tokens?: { id?: unknown }[] };
  try {
    json = JSON.parse(await readFile(tokenizerPath, 'utf8')) as typeof json;
  } catch {
    return null;
  }
  const vocab = json.model?.vocab;
  let size = 0;
  if (Array.isArray(vocab)) size = vocab.length;
  // A spread of 250k ids would overflow the call stack: loop.
  else if (vocab && typeof vocab === 'object') for (const id of Object.values(vocab as Record<string, unknown>)) if (typeof id === 'number') size = Math.max(size, id + 1);
  for (const t of json.added_tokens ?? []) if (typeof t.id === 'number') size = Math.max(size, t.id + 1);
  return size > 0 ? size : null;
}
