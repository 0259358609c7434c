/**
 * Reading one source: a single pg connection in a read-only session, one REPEATABLE READ READ ONLY
 * transaction for the whole job (one consistent snapshot), catalog discovery, probes and COPY TO STDOUT.
 *
 * Invariants:
 * - Nothing is ever written to a source: the session default and the transaction are both read only.
 * - Every failure of this connection is a SourceError naming the source (redacted) and whether it looks
 *   transient (network, server restarting), which decides the retry.
 * - `copyOut` yields the server's bytes unparsed (newline-terminated COPY text rows); stopping early or an
 *   abort destroys the stream and the connection (a connection mid-COPY is not reusable).
 */
import pg from 'pg';
import { to as copyToStream } from 'pg-copy-streams';
import { buildCatalog, CATALOG_QUERY, KEY_QUERY } from './catalog';
import type { CatalogRow, Discovered, KeyRow } from './catalog';
import type { SourceEndpoint } from './connection';
import type { SourceSystem, SyncScope } from './types';

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '40001', '53300',
]);

export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    message: string,
    readonly system: SourceSystem,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function codeOf(err: unknown): string {
  const e = err as { code?: unknown; errors?: { code?: unknown }[] } | null;
  if (typeof e?.code === 'string') return e.code;
  const inner = e?.errors?.find((x) => typeof x?.code === 'string');
  return typeof inner?.code === 'string' ? inner.code : '';
}

function messageOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return messageOf(err.errors[0]);
  return (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
}

export function isTransient(err: unknown): boolean {
  const code = codeOf(err);
  if (TRANSIENT_CODES.has(code)) return true;
  return /terminated unexpectedly|Connection terminated|connection ended|socket hang up|timeout/i.test(messageOf(err));
}

/** Wraps any error from the source connection, once. */
export function sourceError(system: SourceSystem, endpoint: Pick<SourceEndpoint, 'description' | 'url'>, err: unknown): SourceError {
  if (err instanceof SourceError) return err;
  const code = codeOf(err);
  let msg = messageOf(err);
  const password = (() => {
    try {
      return decodeURIComponent(new URL(endpoint.url).password);
    } catch {
      return '';
    }
  })();
  if (password) msg = msg.split(password).join('***');
  const what = code === 'ECONNREFUSED' ? 'connection refused (is the source database running?)' : msg;
  return new SourceError(`${system} source ${endpoint.description}: ${what}${code && code !== 'ECONNREFUSED' ? ` (${code})` : ''}`, system, isTransient(err), { cause: err });
}

/** Session settings so the COPY text we forward reads back identically in the warehouse (UTC, ISO dates). */
const SESSION_SQL = [
  'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY',
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, MDY'",
  "SET IntervalStyle = 'postgres'",
  "SET bytea_output = 'hex'",
  'SET extra_float_digits = 3',
];

export type SourceReader = {
  readonly system: SourceSystem;
  readonly endpoint: SourceEndpoint;
  /** The server builds a whole result before sending it (PGlite): big tables are read in key ranges. */
  readonly wholeResults: boolean;
  discover(scope: SyncScope, schema?: string): Promise<Discovered>;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** `COPY (query) TO STDOUT`: raw bytes, whole rows across chunks; counts rows into `onRows`. */
  copyOut(query: string, signal?: AbortSignal): AsyncIterable<Buffer>;
  close(): Promise<void>;
};

export async function openSource(endpoint: SourceEndpoint, opts: { connectTimeoutMs?: number } = {}): Promise<SourceReader> {
  const { system } = endpoint;
  const client = new pg.Client({
    connectionString: endpoint.url,
    ssl: endpoint.ssl,
    application_name: 'revops-workbench sync (read only)',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 15_000,
    keepAlive: true,
  });
  let broken: unknown = null;
  // An idle connection losing its server must not crash the process; the next call reports it.
  client.on('error', (err) => {
    broken ??= err;
  });
  const fail = (err: unknown): SourceError => sourceError(system, endpoint, broken ?? err);
  let version = '';
  try {
    await client.connect();
    for (const s of SESSION_SQL) await client.query(s);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    version = ((await client.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '') as string;
  } catch (err) {
    await client.end().catch(() => undefined);
    throw fail(err);
  }
  let closed = false;
  const query = async <T>(text: string, params?: unknown[]): Promise<T[]> => {
    try {
      return (await client.query(text, params)).rows as T[];
    } catch (err) {
      throw fail(err);
    }
  };
  return {
    system,
    endpoint,
    wholeResults: /\bPGlite\b|emscripten/.test(version),
    async discover(scope, schema = 'public') {
      const rows = await query<CatalogRow>(CATALOG_QUERY, [schema]);
      const keys = await query<KeyRow>(KEY_QUERY, [schema]);
      return buildCatalog(system, scope, rows, keys);
    },
    query,
    async *copyOut(sql, signal) {
      const stream = client.query(copyToStream(`COPY (${sql}) TO STDOUT`));
      const onAbort = () => stream.destroy(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'));
      signal?.addEventListener('abort', onAbort, { once: true });
      let done = false;
      try {
        if (signal?.aborted) onAbort();
        for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
        done = true;
      } catch (err) {
        if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
        throw fail(err);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (!done) {
          stream.destroy();
          broken ??= new Error('COPY stopped before the end');
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!broken) {
        // Leave a shared session (the embedded demo server has one) as we found it.
        await client.query('ROLLBACK').catch(() => undefined);
        await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE').catch(() => undefined);
        await client.end().catch(() => undefined);
      } else {
        // A connection that failed or stopped mid-COPY: drop the socket.
        (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
        await client.end().catch(() => undefined);
      }
    },
  };
}
