/**
 * What makes the two engines behave as one: session settings, result parsers and parameter preparation.
 *
 * Invariants (both engines, every session):
 * - `TimeZone = UTC`, `DateStyle = ISO, MDY`: COPY text and parsed values never depend on the machine or
 *   on the server's postgresql.conf.
 * - Result values: int2/int4/float → number; int8 → number when it is a safe integer, else bigint
 *   (PGlite's rule, applied to node-postgres too); numeric → string; json/jsonb → parsed JSON;
 *   timestamptz → Date; timestamp (without zone) → Date of that wall time read as UTC;
 *   date → Date at 00:00 UTC of that day; bytea → Uint8Array (Buffer on the server); arrays → arrays.
 * - Parameters: Date → ISO 8601 UTC (`…Z`; a `timestamp` parameter keeps the UTC wall time, a `date`
 *   parameter the UTC day); bigint → decimal text. Everything else is left to the engine's driver.
 */

export const SESSION_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['TimeZone', 'UTC'],
  ['DateStyle', 'ISO, MDY'],
];

export const OID = { INT8: 20, DATE: 1082, TIMESTAMP: 1114, INT8_ARRAY: 1016, DATE_ARRAY: 1182, TIMESTAMP_ARRAY: 1115 } as const;

/** int8 text → number when exactly representable, else bigint (same as PGlite). */
export function parseInt8(text: string): number | bigint {
  const n = BigInt(text);
  return n < BigInt(Number.MIN_SAFE_INTEGER) || n > BigInt(Number.MAX_SAFE_INTEGER) ? n : Number(n);
}

/** `timestamp` / `date` text (DateStyle ISO) read as UTC wall time. */
export function parseUtcTimestamp(text: string): Date {
  // "2024-01-02 03:04:05.678901" or "2024-01-02"; BC and infinite values have no JS Date (→ Invalid Date).
  const m = /^(\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?)?$/.exec(text);
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const ms = Number((frac + '000').slice(0, 3));
  const dt = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  dt.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  dt.setUTCHours(Number(h), Number(mi), Number(s), ms);
  return dt;
}

/** Parameter preparation shared by both engines (see the invariants above). */
export function prepareParam(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(prepareParam);
  return value;
}

export function prepareParams(params: readonly unknown[] | undefined): unknown[] {
  return params ? params.map(prepareParam) : [];
}
