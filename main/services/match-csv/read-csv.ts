/**
 * Reads a CSV file with a header row for `revops match csv`: UTF-8 (with or without BOM), RFC 4180 quoting,
 * fields with embedded newlines, LF or CRLF line ends (csv-parse does the parsing).
 *
 * Invariant: whatever is wrong with a file surfaces as a CsvInputError whose message names the file and
 * the line (physical line, 1-based, where the offending record starts) and says what to do — never a
 * stack trace, never a silently skipped row.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';

export class CsvInputError extends Error {
  override name = 'CsvInputError';
}

export type CsvTable = {
  file: string;
  header: string[];
  rows: string[][];
  /** The line each row starts on (a row with embedded newlines spans several). */
  lines: number[];
};

/** Byte offsets where each physical line starts (CRLF, LF and a lone CR each end one line). */
function lineStarts(buf: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x0a || (b === 0x0d && buf[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line of a byte offset (binary search in lineStarts). */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The first line holding bytes that are not UTF-8, or null when the whole buffer is valid. */
function firstInvalidUtf8Line(buf: Uint8Array): number | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  // A multi-byte UTF-8 sequence never contains 0x0A, so lines can be checked one by one.
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      try {
        decoder.decode(buf.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return null;
}

function decode(buf: Uint8Array, name: string): string {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new CsvInputError(`${name} is UTF-16 encoded (byte order mark at line 1): save it as UTF-8 ("CSV UTF-8" in Excel) and try again.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const line = firstInvalidUtf8Line(buf) ?? 1;
    throw new CsvInputError(`${name} line ${line}: bytes that are not valid UTF-8 (is the file Latin-1 / Windows-1252?). Save it as UTF-8 and try again.`);
  }
}

/** The line of the record starting at byte `offset` (past the blank lines csv-parse skips). */
function recordLine(buf: Uint8Array, starts: readonly number[], offset: number): number {
  let o = offset;
  while (o < buf.length && (buf[o] === 0x0a || buf[o] === 0x0d)) o++;
  return lineAt(starts, o);
}

/** `line`: where the failing record starts (after the last record parsed successfully). */
function parseError(err: CsvError, name: string, line: number): CsvInputError {
  const e = err as CsvError & { lines?: number; record?: unknown[]; columns?: unknown };
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = Array.isArray(e.record) ? e.record.length : '?';
      return new CsvInputError(
        `${name} line ${line}: ${got} fields where the header has ${Array.isArray(e.columns) ? e.columns.length : (err.message.match(/expect (\d+)/)?.[1] ?? '?')} ` +
          '(a ragged row: a missing or extra delimiter, or a comma inside a value that is not quoted).',
      );
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvInputError(`${name} line ${line}: a quoted field opened on this line is never closed (a missing " somewhere after it).`);
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new CsvInputError(`${name} line ${line}: a stray quote inside a field; quote the whole field and double the quotes inside it ("a ""b"" c").`);
    default:
      return new CsvInputError(`${name} line ${line}: ${err.message}`);
  }
}

export async function readCsvTable(path: string): Promise<CsvTable> {
  const name = basename(path);
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CsvInputError(code === 'ENOENT' ? `${path}: no such file.` : `${path} cannot be read (${(err as Error).message}).`);
  }
  const text = decode(buf, name);
  const starts = lineStarts(buf);
  // csv-parse counts bytes of the text it is given; the decoder already dropped a UTF-8 BOM.
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let records: { record: string[]; info: { bytes: number } }[];
  let lastEnd = 0;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        lastEnd = context.bytes;
        return record;
      },
    }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) throw parseError(err, name, recordLine(buf, starts, bom + lastEnd));
    throw err;
  }
  if (records.length === 0) throw new CsvInputError(`${name} is empty: expected a header line naming the columns, then one line per record.`);
  const header = records[0]!.record.map((h) => h.trim());
  header.forEach((h, i) => {
    if (h === '') throw new CsvInputError(`${name} line 1: column ${i + 1} of the header has no name.`);
    const first = header.indexOf(h);
    if (first !== i) throw new CsvInputError(`${name} line 1: the header names column "${h}" twice (columns ${first + 1} and ${i + 1}).`);
  });
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < records.length; i++) {
    rows.push(records[i]!.record);
    lines.push(recordLine(buf, starts, bom + records[i - 1]!.info.bytes));
  }
  return { file: name, header, rows, lines };
}
