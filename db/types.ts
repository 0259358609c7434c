/**
 * The one database interface the app and tools code against, with two implementations:
 * PGlite in-process (embedded default) and node-postgres against a real server.
 *
 * Invariants:
 * - SQL is the PostgreSQL 15 dialect on both engines (PGlite 0.5 is PG 18; do not use newer syntax).
 * - Parameters are always bound ($1, $2 …); identifiers go through `ident()` in db/sql.ts.
 * - Bulk loads use COPY (text format, tab separated, `\N` = NULL): never row-by-row INSERT.
 */

export type EngineKind = 'pglite' | 'postgres';

export type QueryResult<T> = { rows: T[]; rowCount: number };

export type Queryable = {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs one or more statements without parameters (migrations, DDL). */
  exec(text: string): Promise<void>;
};

/** Lines of COPY text format, each WITHOUT the trailing newline; use `copyLine()` from db/copy.ts to encode. */
export type CopyLines = AsyncIterable<string> | Iterable<string>;

/**
 * Raw COPY text data exactly as `COPY … TO STDOUT` produces it (newline-terminated rows), in chunks of any
 * size and boundaries (bytes or strings). What a source-to-warehouse pipe forwards without parsing rows.
 */
export type CopyData = AsyncIterable<Uint8Array | string>;

/** The connection of one transaction; `copyFromData` writes inside it (rolled back with it). */
export type Tx = Queryable & {
  /** `COPY table (columns) FROM` raw COPY text data, inside this transaction; returns the rows written. */
  copyFromData(table: string, columns: readonly string[], data: CopyData): Promise<number>;
};

export type Db = Queryable & {
  readonly engine: EngineKind;
  /** Human description safe for logs (never a password): "pglite:/path" or "postgres://user@host:5432/db". */
  readonly description: string;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Streams rows into `table(columns)` with COPY FROM; returns the number of rows written. Bounded memory. */
  copyFrom(table: string, columns: readonly string[], lines: CopyLines): Promise<number>;
  /** Streams `COPY (query) TO STDOUT` as text lines (without newline). */
  copyTo(query: string): AsyncIterable<string>;
  close(): Promise<void>;
};
