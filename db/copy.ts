/**
 * COPY text format (the PostgreSQL default for `COPY … FROM STDIN` / `TO STDOUT`): one row per line,
 * fields separated by TAB, `\N` = NULL, backslash escapes for `\`, TAB, LF, CR.
 *
 * Invariants:
 * - `copyLine()` never emits a raw TAB, LF or CR inside a field, so a line is always exactly one row.
 * - NULL (`null`/`undefined` → `\N`) and the empty string (`''` → empty field) stay distinct.
 * - Dates are written as UTC wall time `YYYY-MM-DD HH:MM:SS[.fff]` (no zone suffix). Both engines pin the
 *   session `TimeZone` to UTC (db/session.ts), so a `timestamptz` column reads it as UTC and a `timestamp`
 *   column stores the UTC wall time. `date` columns take the UTC calendar day.
 * - JS arrays become PostgreSQL array literals (`{…}`, every string element double-quoted);
 *   plain objects become JSON; Uint8Array becomes bytea hex (`\x…`).
 */

export type CopyValue = unknown;

const NUL = '\u0000';

/** Escapes one already-textual field for COPY text format. */
export function escapeCopyText(text: string): string {
  if (text.includes(NUL)) throw new TypeError('PostgreSQL text cannot contain the NUL character (U+0000)');
  // Fast path: most fields need no escaping.
  if (!/[\\\t\n\r]/.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] as string);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** UTC wall time, `YYYY-MM-DD HH:MM:SS[.fff]` (milliseconds only when non-zero). */
export function formatTimestampUtc(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new TypeError('Invalid Date cannot be written to PostgreSQL');
  const iso = d.toISOString(); // 2024-01-02T03:04:05.678Z (or ±YYYYYY-… outside 0000–9999)
  if (iso.length !== 24) throw new RangeError(`Date out of the supported range 0000–9999: ${iso}`);
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms === '000' ? '' : `.${ms}`}`;
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function byteaHex(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/** The textual PostgreSQL input form of one value (before COPY escaping); null for SQL NULL. */
export function pgText(value: CopyValue): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 't' : 'f';
    case 'number':
      // NaN / Infinity / -Infinity are valid float input spellings in PostgreSQL.
      return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    case 'bigint':
      return value.toString();
    case 'object':
      if (value instanceof Date) return formatTimestampUtc(value);
      if (Array.isArray(value)) return arrayLiteral(value);
      if (value instanceof Uint8Array) return byteaHex(value);
      if (isPlainObject(value)) return JSON.stringify(value);
      throw new TypeError(`Cannot encode ${value.constructor?.name ?? 'object'} for COPY`);
    default:
      throw new TypeError(`Cannot encode a ${typeof value} for COPY`);
  }
}

/** Quotes an array element: always double quotes for text, so `{}`, commas, spaces and `NULL` stay data. */
function arrayElement(value: CopyValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return pgText(value) as string;
  const text = pgText(value) as string;
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** PostgreSQL array literal, e.g. `{1,2}`, `{"a\"b",NULL}`, `{{1,2},{3,4}}`. */
export function arrayLiteral(values: readonly CopyValue[]): string {
  return `{${values.map(arrayElement).join(',')}}`;
}

/** One COPY text line (without the trailing newline) for a row of values. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const text = pgText(values[i]);
    if (i > 0) line += '\t';
    line += text === null ? '\\N' : escapeCopyText(text);
  }
  return line;
}

// ---- reading back -------------------------------------------------------------------------------------

const SIMPLE_UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Undoes COPY text escaping of one field (`\N` is handled by the caller). Octal/hex escapes are bytes (UTF-8). */
function unescapeField(field: string): string {
  if (!field.includes('\\')) return field;
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) out += Buffer.from(bytes).toString('utf8');
    bytes = [];
  };
  for (let i = 0; i < field.length; i++) {
    const c = field[i] as string;
    if (c !== '\\' || i + 1 >= field.length) {
      flush();
      out += c;
      continue;
    }
    const n = field[++i] as string;
    const octal = /^[0-7]{1,3}/.exec(field.slice(i, i + 3));
    const hex = n === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 1, i + 3)) : null;
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += hex[0].length;
    } else {
      flush();
      out += SIMPLE_UNESCAPES[n] ?? n;
    }
  }
  flush();
  return out;
}

/** Splits one COPY text line into its fields: strings, or null for `\N`. Values stay textual. */
export function parseCopyLine(line: string): (string | null)[] {
  return line.split('\t').map((f) => (f === '\\N' ? null : unescapeField(f)));
}

export type ArrayElement = string | null | ArrayElement[];

/** Parses a PostgreSQL array literal (`{a,"b c",NULL,{1,2}}`) into nested arrays of strings/nulls. */
export function parseArrayLiteral(text: string): ArrayElement[] {
  // Literals may carry explicit bounds: `[0:1]={a,b}`.
  const start = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  let i = start;
  const fail = (why: string): never => {
    throw new SyntaxError(`Malformed array literal at ${i}: ${why}: ${text.slice(0, 80)}`);
  };
  const parseList = (): ArrayElement[] => {
    if (text[i] !== '{') fail("expected '{'");
    i++;
    const items: ArrayElement[] = [];
    if (text[i] === '}') {
      i++;
      return items;
    }
    for (;;) {
      while (text[i] === ' ') i++;
      if (text[i] === '{') items.push(parseList());
      else if (text[i] === '"') {
        let s = '';
        for (i++; text[i] !== '"'; i++) {
          if (i >= text.length) fail('unterminated quoted element');
          if (text[i] === '\\') i++;
          s += text[i];
        }
        i++;
        items.push(s);
      } else {
        const m = /^[^,}]*/.exec(text.slice(i)) as RegExpExecArray;
        i += m[0].length;
        const raw = m[0].trim();
        items.push(raw.toUpperCase() === 'NULL' ? null : raw);
      }
      while (text[i] === ' ') i++;
      if (text[i] === ',') i++;
      else if (text[i] === '}') {
        i++;
        return items;
      } else fail("expected ',' or '}'");
    }
  };
  const result = parseList();
  if (i !== text.length) fail('trailing characters');
  return result;
}
