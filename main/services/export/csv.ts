/**
 * The Decisions sheet as CSV (RFC 4180: comma, CRLF, fields quoted when needed), UTF-8 with a byte-order
 * mark so Excel reads customer names in any script correctly. Dates are YYYY-MM-DD, times ISO 8601 UTC,
 * numbers plain (confidence as a fraction 0–1, money with 2 decimals).
 *
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe: CRM data is typed by people and a CSV opened in Excel must not execute it.
 */
import type { Writable } from 'node:stream';
import type { CellValue, Column, Kind } from './columns';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(v: CellValue, kind: Kind): string {
  if (v === null) return '';
  let s: string;
  if (v instanceof Date) s = kind === 'date' ? v.toISOString().slice(0, 10) : kind === 'month' ? v.toISOString().slice(0, 7) : v.toISOString().replace(/\.\d{3}Z$/, 'Z');
  else if (typeof v === 'number') s = kind === 'currency' ? v.toFixed(2) : String(v);
  else s = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (fields: string[]) => fields.join(',') + '\r\n';

/** Writes the header and every row; resolves when the stream has taken all the data. */
export async function writeCsv<T>(out: Writable, columns: readonly Column<T>[], pages: AsyncIterable<readonly T[]>): Promise<number> {
  const write = (chunk: string) =>
    new Promise<void>((resolve, reject) => {
      out.write(chunk, (err) => (err ? reject(err) : resolve()));
    });
  await write('\uFEFF' + line(columns.map((c) => csvField(c.header, 'text'))));
  let n = 0;
  for await (const page of pages) {
    let chunk = '';
    for (const r of page) chunk += line(columns.map((c) => csvField(c.value(r), c.kind)));
    n += page.length;
    await write(chunk);
  }
  return n;
}
