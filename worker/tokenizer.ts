/**
 * The export's own tokenizer (tokenizer.json, XLM-RoBERTa Unigram for BGE-M3), read from the model folder
 * only — nothing is ever fetched. Truncation reproduces Hugging Face's `truncation=True, max_length=N` for a
 * single text: the text's tokens are cut so that, with the template's special tokens (`<s> … </s>`), the
 * sequence is at most N tokens and still ends with `</s>`.
 */
import { readFile } from 'node:fs/promises';
import { Tokenizer } from '@huggingface/tokenizers';
import type { ModelFiles } from './model-files';

export type SpecialIds = { cls: number | null; eos: number | null; pad: number; unk: number | null };

export type TextTokenizer = {
  /** Token ids with the special tokens, at most maxLength of them. */
  encode(text: string): { ids: number[]; truncated: boolean };
  special: SpecialIds;
  /** Ids BAAI's sparse output leaves out: CLS, EOS, PAD, UNK. */
  unusedIds: ReadonlySet<number>;
  maxLength: number;
};

// XLM-RoBERTa's names, used when the folder has no tokenizer_config.json / special_tokens_map.json.
const DEFAULT_SPECIALS = { cls_token: '<s>', eos_token: '</s>', pad_token: '<pad>', unk_token: '<unk>' };

type SpecialName = keyof typeof DEFAULT_SPECIALS;

async function readJson(path: string | null): Promise<Record<string, unknown>> {
  if (!path) return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${path} is not valid JSON (${(err as Error).message}).`);
  }
}

/** A special token is written either as a string or as `{ content: string }` in tokenizer configs. */
function tokenText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') return (value as { content: string }).content;
  return null;
}

export async function loadTokenizer(files: ModelFiles, maxLength: number): Promise<TextTokenizer> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(files.tokenizer, 'utf8'));
  } catch (err) {
    throw new Error(`${files.tokenizer} is not valid JSON (${(err as Error).message}).`);
  }
  const config = await readJson(files.tokenizerConfig);
  const specialMap = await readJson(files.specialTokensMap);
  let tokenizer: Tokenizer;
  try {
    // The library reads a few options (e.g. clean_up_tokenization_spaces) from tokenizer_config.json.
    tokenizer = new Tokenizer(json as object, config);
  } catch (err) {
    throw new Error(`${files.tokenizer} could not be loaded as a tokenizer (${(err as Error).message}).`);
  }

  const idOf = (name: SpecialName): number | null => {
    const text = tokenText(specialMap[name]) ?? tokenText(config[name]) ?? DEFAULT_SPECIALS[name];
    return tokenizer.token_to_id(text) ?? null;
  };
  const special: SpecialIds = { cls: idOf('cls_token'), eos: idOf('eos_token'), pad: idOf('pad_token') ?? 0, unk: idOf('unk_token') };
  const unusedIds = new Set([special.cls, special.eos, special.pad, special.unk].filter((id): id is number => id !== null));

  // Where the template puts the text between its special tokens, learned from one probe text.
  const probeWith = tokenizer.encode('a b', { add_special_tokens: true }).ids;
  const probePlain = tokenizer.encode('a b', { add_special_tokens: false }).ids;
  let at = -1;
  for (let k = 0; k + probePlain.length <= probeWith.length && at < 0; k++) {
    if (probePlain.every((id, i) => probeWith[k + i] === id)) at = k;
  }
  if (at < 0) throw new Error(`${files.tokenizer}: its post-processor does not keep the text's tokens together; only single-text templates like "<s> $A </s>" are supported.`);
  const prefix = probeWith.slice(0, at);
  const suffix = probeWith.slice(at + probePlain.length);
  const room = maxLength - prefix.length - suffix.length;
  if (room < 1) throw new Error(`maxLength ${maxLength} leaves no room for text after ${prefix.length + suffix.length} special tokens.`);

  return {
    encode(text) {
      const plain = tokenizer.encode(text, { add_special_tokens: false }).ids;
      const truncated = plain.length > room;
      return { ids: [...prefix, ...(truncated ? plain.slice(0, room) : plain), ...suffix], truncated };
    },
    special,
    unusedIds,
    maxLength,
  };
}
