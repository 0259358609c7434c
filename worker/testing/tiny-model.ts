/**
 * Test support: writes a tiny random-weight model folder shaped like a BGE-M3 ONNX export (same inputs
 * `input_ids`/`attention_mask` int64 [batch, seq], same output names and ranks) and a tiny XLM-RoBERTa-style
 * Unigram tokenizer.json, so the real worker can be exercised without model weights (which cannot be
 * downloaded here and are never committed).
 *
 * The encoder is deliberately not a transformer but keeps the property that matters for batching: every
 * position sees the whole (unpadded) sequence through an attention-masked mean, so padding must not change
 * a text's vectors. Heads follow BAAI's definitions (see tiny-reference.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * plain: last_hidden_state only. heads: BAAI-shaped heads (dense_vecs normalized, sparse_vecs [b, s, 1],
 * colbert_vecs [b, s-1, c] masked + normalized). raw-heads: heads emitted raw as some exports do (dense = raw
 * CLS, sparse [b, s], colbert [b, s, c] for every position, not masked, not normalized).
 */
export type TinyFlavour = 'plain' | 'heads' | 'raw-heads';

export type TinyWeights = {
  vocabSize: number;
  hidden: number;
  colbertDims: number;
  /** [vocabSize, hidden] */
  emb: Float32Array;
  /** [hidden, hidden] */
  w: Float32Array;
  b: Float32Array;
  /** sparse_linear: [hidden, 1] + bias */
  ws: Float32Array;
  bs: number;
  /** colbert_linear: [hidden, colbertDims] + bias */
  wc: Float32Array;
  bc: Float32Array;
};

export type TinyModel = {
  dir: string;
  flavour: TinyFlavour;
  weights: TinyWeights;
  /** XLM-R's special token ids: <s> 0, <pad> 1, </s> 2, <unk> 3. */
  special: { cls: number; pad: number; eos: number; unk: number };
  /** token → id of the tiny vocabulary */
  vocab: Map<string, number>;
};

/** Small deterministic PRNG (mulberry32): the same seed gives the same model on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const WORDS = ['acme', 'corp', 'cloud', 'data', 'migration', 'aws', 'gmbh', 'inc', 'ltd', 'the', 'analytics', 'platform', 'retail', 'bank'];
const SPECIALS = ['<s>', '<pad>', '</s>', '<unk>'] as const;

/** Unigram vocabulary in XLM-R's layout: specials first, <mask> last; whole words score better than letters. */
function tinyVocab(): [string, number][] {
  const pieces: [string, number][] = [['▁', -6]];
  for (const c of LETTERS) pieces.push([c, -9], [`▁${c}`, -8]);
  for (const w of WORDS) pieces.push([`▁${w}`, -4]);
  pieces.push(['ing', -5], ['er', -5], ['ss', -5]);
  return [...SPECIALS.map((s): [string, number] => [s, 0]), ...pieces, ['<mask>', 0]];
}

function tokenizerJson(vocab: [string, number][]) {
  const added = (id: number, content: string) => ({ id, content, single_word: false, lstrip: content === '<mask>', rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...SPECIALS.map((s, i) => added(i, s)), added(vocab.length - 1, '<mask>')],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }] },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: { '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] }, '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] } },
    },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 3, vocab, byte_fallback: false },
  };
}

function randomWeights(vocabSize: number, hidden: number, colbertDims: number, seed: number): TinyWeights {
  const rnd = mulberry32(seed);
  const uniform = (n: number, scale: number) => Float32Array.from({ length: n }, () => (rnd() * 2 - 1) * scale);
  return {
    vocabSize,
    hidden,
    colbertDims,
    emb: uniform(vocabSize * hidden, 1),
    w: uniform(hidden * hidden, 0.6),
    b: uniform(hidden, 0.1),
    ws: uniform(hidden, 1),
    // A small negative bias so that ReLU zeroes some tokens, as the real sparse head does.
    bs: -0.05,
    wc: uniform(hidden * colbertDims, 0.6),
    bc: uniform(colbertDims, 0.1),
  };
}

type Initializer = { name: string; dims: number[]; float?: Float32Array; int64?: bigint[] };

function tensor(init: Initializer, external: { location: string; offset: number } | null) {
  if (init.float) {
    const bytes = new Uint8Array(init.float.buffer, init.float.byteOffset, init.float.byteLength);
    if (external) {
      return onnx.TensorProto.create({
        name: init.name,
        dims: init.dims,
        dataType: onnx.TensorProto.DataType.FLOAT,
        dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
        externalData: [
          { key: 'location', value: external.location },
          { key: 'offset', value: String(external.offset) },
          { key: 'length', value: String(bytes.byteLength) },
        ],
      });
    }
    return onnx.TensorProto.create({ name: init.name, dims: init.dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes });
  }
  const ints = BigInt64Array.from(init.int64 ?? []);
  return onnx.TensorProto.create({ name: init.name, dims: init.dims, dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(ints.buffer) });
}

const node = (opType: string, input: string[], output: string[], attrs: Record<string, number | number[]> = {}) =>
  onnx.NodeProto.create({
    opType,
    input,
    output,
    attribute: Object.entries(attrs).map(([name, v]) =>
      Array.isArray(v) ? { name, type: onnx.AttributeProto.AttributeType.INTS, ints: v } : { name, type: onnx.AttributeProto.AttributeType.INT, i: v },
    ),
  });

const valueInfo = (name: string, elemType: number, dims: (number | string)[]) =>
  onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });

/** The ONNX graph: `externalData` stores the embedding matrix in model.onnx_data, as large exports do. */
function buildModel(weights: TinyWeights, flavour: TinyFlavour, externalData: boolean): { model: Uint8Array; data: Uint8Array | null } {
  const { vocabSize: V, hidden: H, colbertDims: C } = weights;
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const INT64 = onnx.TensorProto.DataType.INT64;
  const inits: Initializer[] = [
    { name: 'emb', dims: [V, H], float: weights.emb },
    { name: 'w', dims: [H, H], float: weights.w },
    { name: 'b', dims: [H], float: weights.b },
    { name: 'axis1', dims: [1], int64: [1n] },
    { name: 'axis2', dims: [1], int64: [2n] },
  ];
  const nodes = [
    node('Gather', ['emb', 'input_ids'], ['E'], { axis: 0 }),
    node('Cast', ['attention_mask'], ['mf'], { to: FLOAT }),
    node('Unsqueeze', ['mf', 'axis2'], ['m3']),
    node('Mul', ['E', 'm3'], ['EM']),
    node('ReduceSum', ['EM', 'axis1'], ['sumE'], { keepdims: 1 }),
    node('ReduceSum', ['m3', 'axis1'], ['cnt'], { keepdims: 1 }),
    node('Div', ['sumE', 'cnt'], ['mean']),
    node('Add', ['E', 'mean'], ['X']),
    node('MatMul', ['X', 'w'], ['XW']),
    node('Add', ['XW', 'b'], ['Y']),
    node('Tanh', ['Y'], ['last_hidden_state']),
  ];
  const outputs = [];
  if (flavour === 'plain') {
    outputs.push(valueInfo('last_hidden_state', FLOAT, ['batch', 'seq', H]));
  } else if (flavour === 'raw-heads') {
    inits.push(
      { name: 'zero', dims: [], int64: [0n] },
      { name: 'ws', dims: [H, 1], float: weights.ws },
      { name: 'bs', dims: [1], float: Float32Array.of(weights.bs) },
      { name: 'wc', dims: [H, C], float: weights.wc },
      { name: 'bc', dims: [C], float: weights.bc },
    );
    nodes.push(
      node('Gather', ['last_hidden_state', 'zero'], ['dense'], { axis: 1 }),
      node('MatMul', ['last_hidden_state', 'ws'], ['sp']),
      node('Add', ['sp', 'bs'], ['spb']),
      node('Relu', ['spb'], ['sp3']),
      node('Squeeze', ['sp3', 'axis2'], ['sparse']),
      node('MatMul', ['last_hidden_state', 'wc'], ['cw']),
      node('Add', ['cw', 'bc'], ['colbert']),
    );
    outputs.push(valueInfo('dense', FLOAT, ['batch', H]), valueInfo('sparse', FLOAT, ['batch', 'seq']), valueInfo('colbert', FLOAT, ['batch', 'seq', C]));
  } else {
    inits.push(
      { name: 'zero', dims: [], int64: [0n] },
      { name: 'one', dims: [1], int64: [1n] },
      { name: 'big', dims: [1], int64: [BigInt(2 ** 62)] },
      { name: 'ws', dims: [H, 1], float: weights.ws },
      { name: 'bs', dims: [1], float: Float32Array.of(weights.bs) },
      { name: 'wc', dims: [H, C], float: weights.wc },
      { name: 'bc', dims: [C], float: weights.bc },
    );
    nodes.push(
      // dense_vecs = normalize(last_hidden_state[:, 0])
      node('Gather', ['last_hidden_state', 'zero'], ['cls'], { axis: 1 }),
      node('LpNormalization', ['cls'], ['dense_vecs'], { axis: -1, p: 2 }),
      // sparse_vecs = relu(sparse_linear(last_hidden_state))  [batch, seq, 1]
      node('MatMul', ['last_hidden_state', 'ws'], ['sp']),
      node('Add', ['sp', 'bs'], ['spb']),
      node('Relu', ['spb'], ['sparse_vecs']),
      // colbert_vecs = normalize(colbert_linear(last_hidden_state[:, 1:]) * mask[:, 1:])
      node('Slice', ['last_hidden_state', 'one', 'big', 'axis1'], ['tail']),
      node('MatMul', ['tail', 'wc'], ['cw']),
      node('Add', ['cw', 'bc'], ['cwb']),
      node('Slice', ['m3', 'one', 'big', 'axis1'], ['mtail']),
      node('Mul', ['cwb', 'mtail'], ['cm']),
      node('LpNormalization', ['cm'], ['colbert_vecs'], { axis: -1, p: 2 }),
    );
    outputs.push(valueInfo('dense_vecs', FLOAT, ['batch', H]), valueInfo('sparse_vecs', FLOAT, ['batch', 'seq', 1]), valueInfo('colbert_vecs', FLOAT, ['batch', 'seq_1', C]));
  }
  const data = externalData ? weights.emb : null;
  const graph = onnx.GraphProto.create({
    name: `tiny-bge-m3-${flavour}`,
    node: nodes,
    initializer: inits.map((i) => tensor(i, externalData && i.name === 'emb' ? { location: 'model.onnx_data', offset: 0 } : null)),
    input: [valueInfo('input_ids', INT64, ['batch', 'seq']), valueInfo('attention_mask', INT64, ['batch', 'seq'])],
    output: outputs,
  });
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'revops-tiny-bge-m3', opsetImport: [{ domain: '', version: 17 }], graph });
  return {
    model: onnx.ModelProto.encode(model).finish(),
    data: data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null,
  };
}

export type TinyModelOptions = { flavour: TinyFlavour; seed?: number; hidden?: number; colbertDims?: number; externalData?: boolean };

/** Writes model.onnx (+ model.onnx_data), tokenizer.json and tokenizer_config.json into `dir`. */
export async function writeTinyBgeM3(dir: string, options: TinyModelOptions): Promise<TinyModel> {
  const vocabList = tinyVocab();
  const weights = randomWeights(vocabList.length, options.hidden ?? 16, options.colbertDims ?? 8, options.seed ?? 7);
  const { model, data } = buildModel(weights, options.flavour, options.externalData ?? false);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.onnx'), model);
  if (data) await writeFile(join(dir, 'model.onnx_data'), data);
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocabList)));
  await writeFile(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ bos_token: '<s>', cls_token: '<s>', eos_token: '</s>', pad_token: '<pad>', sep_token: '</s>', unk_token: '<unk>', mask_token: '<mask>', model_max_length: 8192 }),
  );
  return {
    dir,
    flavour: options.flavour,
    weights,
    special: { cls: 0, pad: 1, eos: 2, unk: 3 },
    vocab: new Map(vocabList.map(([t], i) => [t, i])),
  };
}
