/**
 * Finds the files of a BGE-M3 ONNX export in a model folder and names the one that is missing.
 *
 * Accepted layouts (what exporters produce): `model.onnx` at the top or in `onnx/`, with its external data
 * file (`model.onnx_data` or `model.onnx.data`) beside it when the weights exceed protobuf's 2 GB; and
 * `tokenizer.json` at the top or beside model.onnx. `tokenizer_config.json` / `special_tokens_map.json` are
 * optional (they name the special tokens; XLM-R's are assumed without them).
 */
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type ModelFiles = {
  dir: string;
  model: string;
  externalData: string | null;
  tokenizer: string;
  tokenizerConfig: string | null;
  specialTokensMap: string | null;
};

/** A file the worker needs is not there; `message` names it and says what to do. */
export class ModelFilesError extends Error {
  override name = 'ModelFilesError';
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function firstFile(candidates: string[]): Promise<string | null> {
  for (const c of candidates) if (await isFile(c)) return c;
  return null;
}

export async function findModelFiles(dir: string): Promise<ModelFiles> {
  let isDir = false;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new ModelFilesError(
      `Model folder ${dir} does not exist. Put a BGE-M3 ONNX export there (model.onnx + tokenizer.json) or point BGE_M3_DIR / --model-dir at one.`,
    );
  }
  const model = await firstFile([join(dir, 'model.onnx'), join(dir, 'onnx', 'model.onnx')]);
  if (!model) throw new ModelFilesError(`Model folder ${dir} has no model.onnx (looked for ${join(dir, 'model.onnx')} and ${join(dir, 'onnx', 'model.onnx')}).`);
  const modelDir = dirname(model);
  const tokenizer = await firstFile([join(dir, 'tokenizer.json'), join(modelDir, 'tokenizer.json')]);
  if (!tokenizer) {
    throw new ModelFilesError(`Model folder ${dir} has no tokenizer.json (expected ${join(dir, 'tokenizer.json')}: the XLM-RoBERTa tokenizer exported with BGE-M3).`);
  }
  return {
    dir,
    model,
    externalData: await firstFile([join(modelDir, 'model.onnx_data'), join(modelDir, 'model.onnx.data')]),
    tokenizer,
    tokenizerConfig: await firstFile([join(dir, 'tokenizer_config.json'), join(modelDir, 'tokenizer_config.json')]),
    specialTokensMap: await firstFile([join(dir, 'special_tokens_map.json'), join(modelDir, 'special_tokens_map.json')]),
  };
}
