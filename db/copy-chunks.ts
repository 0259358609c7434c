/**
 * Streaming helpers shared by both engines' COPY implementations.
 *
 * Invariant: memory is bounded by one chunk (`maxChars` plus one line), never by the row count:
 * lines are pulled from the source only as fast as chunks are consumed.
 */
import type { CopyLines } from './types';

/**
 * Groups COPY lines into newline-terminated chunks of about `maxChars` characters (UTF-16 code units;
 * UTF-8 bytes are between 1x and 3x that). Lazy: the source is pulled only when the next chunk is requested.
 * Rejects a line containing a raw LF or CR, which would silently shift every following row.
 */
export async function* chunkLines(lines: CopyLines, maxChars: number): AsyncGenerator<{ text: string; lines: number }> {
  let parts: string[] = [];
  let size = 0;
  let count = 0;
  let lineNo = 0;
  for await (const line of lines as AsyncIterable<string>) {
    lineNo++;
    if (typeof line !== 'string') throw new TypeError(`COPY line ${lineNo} is a ${typeof line}, expected a string (use copyLine())`);
    if (line.includes('\n') || line.includes('\r')) {
      throw new Error(`COPY line ${lineNo} contains a raw line break; encode rows with copyLine() from db/copy.ts`);
    }
    parts.push(line, '\n');
    size += line.length + 1;
    count++;
    if (size >= maxChars) {
      yield { text: parts.join(''), lines: count };
      parts = [];
      size = 0;
      count = 0;
    }
  }
  if (count > 0) yield { text: parts.join(''), lines: count };
}

/**
 * Splits a stream of text chunks (COPY TO output) into lines without their newline.
 * Chunks may end mid-line; the remainder is carried into the next chunk.
 */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      yield text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) yield rest;
}

const NEWLINE = 0x0a;

/**
 * Regroups raw COPY text data (any chunk boundaries) into byte chunks of about `maxBytes` that each end
 * with a newline, i.e. hold whole rows only (what PGlite's `/dev/blob` needs per COPY statement).
 * Strings are UTF-8 encoded; a final row without its newline gets one. Memory: one chunk plus one input piece.
 */
export async function* wholeRowChunks(data: AsyncIterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const piece of data) {
    const buf = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (buf.length === 0) continue;
    parts.push(buf);
    size += buf.length;
    if (size < maxBytes) continue;
    const last = buf.lastIndexOf(NEWLINE);
    if (last === -1) continue; // a row longer than this piece: keep collecting
    const all = Buffer.concat(parts, size);
    const cut = size - buf.length + last + 1;
    yield all.subarray(0, cut);
    const rest = all.subarray(cut);
    parts = rest.length > 0 ? [rest] : [];
    size = rest.length;
  }
  if (size > 0) {
    const all = Buffer.concat(parts, size);
    yield all[all.length - 1] === NEWLINE ? all : Buffer.concat([all, Buffer.from([NEWLINE])]);
  }
}
