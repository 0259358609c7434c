import { describe, expect, it } from 'vitest';
import { chunkLines, splitLines } from './copy-chunks';

describe('chunkLines', () => {
  it('pulls the source lazily: the first chunk exists before the source is exhausted', async () => {
    let produced = 0;
    function* source(): Generator<string> {
      for (let i = 0; i < 1_000_000; i++) {
        produced++;
        yield `row ${i}`;
      }
    }
    const chunks = chunkLines(source(), 1000);
    const first = await chunks.next();
    expect(first.done).toBe(false);
    // Only about one chunk's worth of lines has been pulled: memory is bounded by the chunk size.
    expect(produced).toBeLessThan(200);
    expect(first.value?.text.endsWith('\n')).toBe(true);
    expect(first.value?.lines).toBe(produced);
    await chunks.return(undefined);
  });

  it('keeps every line, in order, newline-terminated, and counts them', async () => {
    const lines = Array.from({ length: 1234 }, (_, i) => `line ${i}\twith tab`);
    let text = '';
    let count = 0;
    for await (const c of chunkLines(lines, 100)) {
      text += c.text;
      count += c.lines;
    }
    expect(count).toBe(1234);
    expect(text).toBe(lines.map((l) => `${l}\n`).join(''));
  });

  it('refuses a raw line break inside a line (it would shift every following row)', async () => {
    const run = async () => {
      for await (const _ of chunkLines(['ok', 'bad\nline'], 100)) void _;
    };
    await expect(run()).rejects.toThrow(/line 2 contains a raw line break/);
  });
});

describe('splitLines', () => {
  it('splits chunks that break mid-line and mid-character', async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield 'a\tb\nc';
      yield 'd\n';
      yield '';
      yield 'é\nlast';
    }
    const out: string[] = [];
    for await (const l of splitLines(chunks())) out.push(l);
    expect(out).toEqual(['a\tb', 'cd', 'é', 'last']);
  });
});
