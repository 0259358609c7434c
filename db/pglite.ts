/**
 * The embedded engine: PGlite (PostgreSQL in WASM, in-process) with pgvector and pg_trgm.
 *
 * Invariants:
 * - PGlite has ONE connection. Its own mutexes serialize statements, and `transaction()` holds the
 *   connection until it ends, so concurrent callers simply wait. What would wait forever is calling this
 *   Db (not the `tx` argument) from inside a transaction or from the `lines` source of a `copyFrom`:
 *   that is detected (AsyncLocalStorage) and throws instead of hanging.
 * - `copyFrom` runs inside one transaction (all rows or none, like a single COPY on a server) and feeds
 *   `COPY … FROM '/dev/blob'` with ~8M-character Blobs, pulled lazily from the source.
 * - `copyTo` does NOT use `COPY … TO '/dev/blob'`: PGlite's blob device collects the whole output in
 *   memory. It declares a `WITH HOLD` cursor (materialized once by PostgreSQL, in its own work_mem/temp
 *   files) and FETCHes 10,000 rows at a time as raw text, escaped exactly like COPY text output. The
 *   connection is released between fetches, so a consumer may use the Db while iterating.
 * - A data directory is locked (`<dir>.lock`) while open: two PGlite instances on one directory corrupt it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite } from '@electric-sql/pglite';
import type { Results, Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { chunkLines, wholeRowChunks } from './copy-chunks';
import { escapeCopyText } from './copy';
import { lockDir } from './dir-lock';
import type { DirLock } from './dir-lock';
import { OID, SESSION_SETTINGS, parseInt8, parseUtcTimestamp, prepareParams } from './session';
import { quoteIdent } from './sql';
import type { CopyData, CopyLines, Db, QueryResult, Tx } from './types';

const COPY_CHUNK_CHARS = 8 * 1024 * 1024;
const FETCH_ROWS = 10_000;

const PARSERS = {
  [OID.INT8]: parseInt8,
  [OID.TIMESTAMP]: parseUtcTimestamp,
  [OID.DATE]: parseUtcTimestamp,
};

function toResult<T>(r: Results<T>): QueryResult<T> {
  return { rows: r.rows, rowCount: r.rowCount ?? r.affectedRows ?? r.rows.length };
}

function copyStatement(table: string, columns: readonly string[]): string {
  const cols = columns.length > 0 ? ` (${columns.map(quoteIdent).join(', ')})` : '';
  return `COPY ${quoteIdent(table)}${cols} FROM '/dev/blob'`;
}

function txQueryable(tx: Transaction): Tx {
  return {
    query: async <T>(text: string, params?: readonly unknown[]) => toResult(await tx.query<T>(text, prepareParams(params))),
    exec: async (text: string) => {
      await tx.exec(text);
    },
    copyFromData: async (table: string, columns: readonly string[], data: CopyData) => {
      const copy = copyStatement(table, columns);
      let rows = 0;
      for await (const chunk of wholeRowChunks(data, COPY_CHUNK_CHARS)) {
        const r = await tx.query(copy, [], { blob: new Blob([chunk]) });
        rows += r.affectedRows ?? r.rowCount ?? 0;
      }
      return rows;
    },
  };
}

/** Strips a trailing `;` so the query can be embedded (`DECLARE … FOR <query>`, a subquery). */
function bareQuery(query: string): string {
  return query.replace(/[\s;]+$/, '');
}

let cursorSeq = 0;

class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  readonly description: string;
  /** Set while this Db's connection is held by a transaction/copyFrom in the current async call chain. */
  private readonly held = new AsyncLocalStorage<true>();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly pg: PGlite,
    dataDir: string | undefined,
    private readonly lock: DirLock | null,
  ) {
    this.description = `pglite:${dataDir ?? 'memory'}`;
  }

  private guard(what: string): void {
    if (this.held.getStore()) {
      throw new Error(
        `${what} on the PGlite warehouse from inside its own transaction or copyFrom source would wait forever ` +
          '(PGlite has one connection). Use the transaction argument, or finish the transaction first.',
      );
    }
  }

  async query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    this.guard('query()');
    return toResult(await this.pg.query<T>(text, prepareParams(params)));
  }

  async exec(text: string): Promise<void> {
    this.guard('exec()');
    await this.pg.exec(text);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    this.guard('transaction()');
    return this.pg.transaction((tx) => this.held.run(true, () => fn(txQueryable(tx))));
  }

  async copyFrom(table: string, columns: readonly string[], lines: CopyLines): Promise<number> {
    this.guard('copyFrom()');
    const copy = copyStatement(table, columns);
    return this.pg.transaction((tx) =>
      this.held.run(true, async () => {
        let rows = 0;
        for await (const chunk of chunkLines(lines, COPY_CHUNK_CHARS)) {
          const r = await tx.query(copy, [], { blob: new Blob([chunk.text]) });
          rows += r.rowCount ?? chunk.lines;
        }
        return rows;
      }),
    );
  }

  async *copyTo(query: string): AsyncGenerator<string> {
    this.guard('copyTo()');
    const q = bareQuery(query);
    // Result column types, so every column can be fetched as the server's raw text (no JS parsing).
    const shape = await this.pg.query(`SELECT * FROM (\n${q}\n) AS q LIMIT 0`);
    const raw = (x: string): string => x;
    const parsers = Object.fromEntries(shape.fields.map((f) => [f.dataTypeID, raw]));
    const cursor = `revops_copy_out_${++cursorSeq}`;
    await this.pg.exec(`DECLARE ${cursor} NO SCROLL CURSOR WITH HOLD FOR\n${q}\n`);
    try {
      for (;;) {
        const r = await this.pg.query<(string | null)[]>(`FETCH FORWARD ${FETCH_ROWS} FROM ${cursor}`, [], { rowMode: 'array', parsers });
        for (const row of r.rows) {
          let line = '';
          for (let i = 0; i < row.length; i++) {
            const v = row[i];
            line += (i > 0 ? '\t' : '') + (v === null || v === undefined ? '\\N' : escapeCopyText(v));
          }
          yield line;
        }
        if (r.rows.length < FETCH_ROWS) break;
      }
    } finally {
      if (!this.pg.closed && !this.closing) await this.pg.exec(`CLOSE ${cursor}`);
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.pg.closed) await this.pg.close();
      } finally {
        await this.lock?.release();
      }
    })();
    return this.closing;
  }
}

const EXTENSIONS = { vector, pg_trgm };

export type PgliteOptions = {
  /** Initial contents for a NEW database (a `createPgliteTemplate()` dump): skips initdb (~2 s → ~0.3 s). */
  template?: Blob;
};

/** Opens PGlite at `dataDir` (created if missing; undefined = in memory) with vector and pg_trgm loaded. */
export async function openPglite(dataDir?: string, opts: PgliteOptions = {}): Promise<Db> {
  const lock = dataDir ? await lockDir(dataDir, 'PGlite database') : null;
  try {
    const pg = await PGlite.create({ dataDir, extensions: EXTENSIONS, parsers: PARSERS, loadDataDir: opts.template });
    await pg.exec(SESSION_SETTINGS.map(([k, v]) => `SET ${k} = '${v}';`).join('\n'));
    return new PgliteDb(pg, dataDir, lock);
  } catch (err) {
    await lock?.release();
    throw err;
  }
}

/** A freshly initialized, empty database as an uncompressed tarball, for `openPglite(…, { template })`. */
export async function createPgliteTemplate(): Promise<Blob> {
  const pg = await PGlite.create({ extensions: EXTENSIONS });
  try {
    return await pg.dumpDataDir('none');
  } finally {
    await pg.close();
  }
}
