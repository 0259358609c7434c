import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findModelFiles, ModelFilesError } from './model-files';
import { detectLayout, explainCudaFailure } from './session';
import { loadTokenizer } from './tokenizer';
import { writeTinyBgeM3, type TinyModel } from './testing/tiny-model';

let root: string;
let model: TinyModel;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'revops-tok-'));
  model = await writeTinyBgeM3(join(root, 'm'), { flavour: 'plain' });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('tokenizer (tokenizer.json from the model folder)', () => {
  it('adds <s> … </s>, knows the special ids and truncates keeping </s>', async () => {
    const tok = await loadTokenizer(await findModelFiles(model.dir), 5);
    const acme = model.vocab.get('▁acme')!;
    const corp = model.vocab.get('▁corp')!;
    expect(tok.special).toEqual({ cls: 0, eos: 2, pad: 1, unk: 3 });
    expect([...tok.unusedIds].sort()).toEqual([0, 1, 2, 3]);
    expect(tok.encode('acme corp')).toEqual({ ids: [0, acme, corp, 2], truncated: false });
    expect(tok.encode('')).toEqual({ ids: [0, 2], truncated: false });
    expect(tok.encode('acme corp acme corp')).toEqual({ ids: [0, acme, corp, acme, 2], truncated: true });
  });

  it('falls back to XLM-R special token names without tokenizer_config.json', async () => {
    await unlink(join(model.dir, 'tokenizer_config.json'));
    const tok = await loadTokenizer(await findModelFiles(model.dir), 16);
    expect(tok.special).toEqual({ cls: 0, eos: 2, pad: 1, unk: 3 });
  });

  it('refuses a max length with no room for text', async () => {
    await expect(loadTokenizer(await findModelFiles(model.dir), 2)).rejects.toThrow(/no room/);
  });
});

describe('model folder', () => {
  it('names what is missing', async () => {
    await expect(findModelFiles(join(root, 'absent'))).rejects.toThrow(ModelFilesError);
    const empty = join(root, 'empty');
    await writeTinyBgeM3(empty, { flavour: 'plain' });
    await unlink(join(empty, 'model.onnx'));
    await expect(findModelFiles(empty)).rejects.toThrow(/has no model\.onnx/);
    await writeFile(join(empty, 'model.onnx'), '');
    await writeFile(join(empty, 'model.onnx_data'), '');
    expect((await findModelFiles(empty)).externalData).toBe(join(empty, 'model.onnx_data'));
  });
});

describe('output layout and CUDA diagnostics', () => {
  it('finds heads by name and dense-only plain exports', () => {
    expect(detectLayout(['dense_vecs', 'sparse_vecs', 'colbert_vecs'])).toEqual({ dense: 'dense_vecs', hidden: null, sparse: 'sparse_vecs', colbert: 'colbert_vecs' });
    expect(detectLayout(['last_hidden_state', 'pooler_output'])).toEqual({ dense: null, hidden: 'last_hidden_state', sparse: null, colbert: null });
    expect(detectLayout(['output'])).toMatchObject({ hidden: 'output' });
    expect(() => detectLayout(['logits', 'pooler_output'])).toThrow(/no dense head/);
  });

  it('says what to install', () => {
    const err = new Error('\u001b[1;31mOrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library\u001b[m');
    expect(explainCudaFailure(err, { folder: '/x', missing: ['libonnxruntime_providers_cuda.so'] })).toMatch(
      /^CUDA unavailable: OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library — onnxruntime-node was installed without its CUDA provider .*ONNXRUNTIME_NODE_INSTALL=skip/,
    );
    expect(explainCudaFailure(new Error('Failed to load library libcudnn.so.9: cannot open shared object file'), { folder: '/x', missing: [] })).toMatch(/CUDA 12 and cuDNN 9/);
    expect(explainCudaFailure(new Error('CUDA failure 100: no CUDA-capable device is detected'), null)).toMatch(/no usable NVIDIA GPU/);
  });
});
