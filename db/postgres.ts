/**
 * The server engine: node-postgres Pool + pg-copy-streams against PostgreSQL >= 15 with pgvector.
 *
 * Invariants:
 * - Every session starts with TimeZone=UTC and DateStyle=ISO (startup `options`, so no query can run
 *   before them) and, with `readOnly`, default_transaction_read_only=on.
 * - Result values parse as on PGlite (db/session.ts): int8 → number|bigint, timestamp/date → UTC Dates.
 * - `copyFrom` streams with backpressure: lines are pulled only as fast as the server accepts them.
 * - `copyTo` yields lines as the server sends them; stopping early destroys that connection (it is
 *   mid-COPY and cannot be reused).
 * - `openPostgres` connects once before returning, so an unreachable server fails at open.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import type { CustomTypesConfig, PoolClient } from 'pg';
import { from as copyFromStream, to as copyToStream } from 'pg-copy-streams';
import { chunkLines, splitLines } from './copy-chunks';
import { describeUrl } from './errors';
import { OID, SESSION_SETTINGS, parseInt8, parseUtcTimestamp, prepareParams } from './session';
import { quoteIdent } from './sql';
import type { CopyData, CopyLines, Db, QueryResult, Tx } from './types';

export type PostgresOptions = { readOnly?: boolean; applicationName?: string; max?: number };

/** Small chunks: the socket and pg-copy-streams buffer them; backpressure does the rest. */
const COPY_CHUNK_CHARS = 64 * 1024;

type TextParser = (text: string) => unknown;

const OVERRIDES: Record<number, TextParser> = {
  [OID.INT8]: parseInt8,
  [OID.TIMESTAMP]: parseUtcTimestamp,
  [OID.DATE]: parseUtcTimestamp,
};
const ARRAY_OVERRIDES: Record<number, TextParser> = {
  [OID.INT8_ARRAY]: parseInt8,
  [OID.TIMESTAMP_ARRAY]: parseUtcTimestamp,
  [OID.DATE_ARRAY]: parseUtcTimestamp,
};
const TEXT_ARRAY = 1009;

function mapNested(v: unknown, f: TextParser): unknown {
  if (Array.isArray(v)) return v.map((x) => mapNested(x, f));
  return v === null ? null : f(v as string);
}

const types: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      const scalar = OVERRIDES[oid];
      if (scalar) return scalar;
      const element = ARRAY_OVERRIDES[oid];
      if (element) {
        const textArray = (pg.types.getTypeParser as (oid: number, format: 'text') => TextParser)(TEXT_ARRAY, 'text');
        return (text: string) => mapNested(textArray(text), element);
      }
    }
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as CustomTypesConfig['getTypeParser'],
};

function startupOptions(readOnly: boolean): string {
  const settings = [...SESSION_SETTINGS, ...(readOnly ? ([['default_transaction_read_only', 'on']] as const) : [])];
  // libpq `options` syntax: spaces inside a value are backslash-escaped.
  return settings.map(([k, v]) => `-c ${k}=${v.replace(/ /g, '\\ ')}`).join(' ');
}

function copyStatement(table: string, columns: readonly string[]): string {
  const cols = columns.length > 0 ? ` (${columns.map(quoteIdent).join(', ')})` : '';
  return `COPY ${quoteIdent(table)}${cols} FROM STDIN`;
}

function clientQueryable(client: PoolClient): Tx {
  return {
    copyFromData: async (table: string, columns: readonly string[], data: CopyData) => {
      const sink = client.query(copyFromStream(copyStatement(table, columns)));
      await pipeline(Readable.from(data, { objectMode: false }), sink);
      return sink.rowCount;
    },
    query: async <T>(text: string, params?: readonly unknown[]) => {
      const r = await client.query(text, prepareParams(params));
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    exec: async (text: string) => {
      await client.query(text);
    },
  };
}

class PostgresDb implements Db {
  readonly engine = 'postgres' as const;
  readonly description: string;
  private closed: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.description = describeUrl(url);
  }

  async query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    const r = await this.pool.query(text, prepareParams(params));
    return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
  }

  async exec(text: string): Promise<void> {
    // No parameters → simple query protocol, so several statements are allowed.
    await this.pool.query(text);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // The server going away between two statements of the transaction makes pg emit 'error' on the
    // checked-out client (the pool only listens on idle ones): without a listener that kills the process.
    // The next statement (or the ROLLBACK) reports it instead.
    const lost = (): void => undefined;
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const result = await fn(clientQueryable(client));
      await client.query('COMMIT');
      client.off('error', lost);
      client.release();
      return result;
    } catch (err) {
      // A failed ROLLBACK means the connection is unusable: destroy it instead of returning it to the pool.
      await client.query('ROLLBACK').then(
        () => {
          client.off('error', lost);
          client.release();
        },
        (rollbackErr: Error) => client.release(rollbackErr), // destroyed: keeps the listener for its last words
      );
      throw err;
    }
  }

  async copyFrom(table: string, columns: readonly string[], lines: CopyLines): Promise<number> {
    const client = await this.pool.connect();
    try {
      const sink = client.query(copyFromStream(copyStatement(table, columns)));
      async function* text(): AsyncGenerator<string> {
        for await (const chunk of chunkLines(lines, COPY_CHUNK_CHARS)) yield chunk.text;
      }
      await pipeline(Readable.from(text(), { objectMode: false }), sink);
      client.release();
      return sink.rowCount;
    } catch (err) {
      client.release(err as Error); // mid-COPY connections are not reusable
      throw err;
    }
  }

  async *copyTo(query: string): AsyncGenerator<string> {
    const client = await this.pool.connect();
    let done = false;
    const source = client.query(copyToStream(`COPY (${query.replace(/[\s;]+$/, '')}) TO STDOUT`));
    source.setEncoding('utf8'); // decodes multi-byte characters split across chunks
    try {
      yield* splitLines(source as AsyncIterable<string>);
      done = true;
    } finally {
      if (done) client.release();
      else {
        source.destroy();
        client.release(new Error('copyTo stopped before the end'));
      }
    }
  }

  close(): Promise<void> {
    this.closed ??= this.pool.end();
    return this.closed;
  }
}

/** Opens a pool to `url` and runs a first query, so connection problems surface here. */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 4,
    application_name: opts.applicationName ?? 'revops-workbench',
    options: startupOptions(opts.readOnly ?? false),
    connectionTimeoutMillis: 15_000,
    types,
  });
  // An idle client losing its server must not crash the process; the next query reports the problem.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return new PostgresDb(pool, url);
}
