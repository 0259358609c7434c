/**
 * COPY throughput on both engines: `npx tsx scripts/bench-copy.ts [--rows 1000000] [--engines pglite,pglite-disk,postgres]`.
 *
 * Loads N invoice-line-shaped rows (9 columns, ~130 bytes of COPY text each) with Db.copyFrom from a
 * generator (rows are produced on the fly, never held in an array), then reads them back with copyTo.
 * The server engine uses BENCH_DATABASE_URL or TEST_DATABASE_URL (a scratch database is created and dropped).
 * Prints one line per engine and writes the figures to .bench/copy-<engines>.json. Run one engine per process
 * (`--engines pglite`) to compare memory: the peak RSS figures are per process.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyLine } from '../db/copy';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import { createServerDatabase } from '../db/server-database';
import type { Db } from '../db/types';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const ROWS = Number(arg('rows', '1000000'));
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const ENGINES = arg('engines', serverUrl ? 'pglite,pglite-disk,postgres' : 'pglite,pglite-disk').split(',');

const TABLE = `CREATE TABLE bench_invoice_line (id int8 PRIMARY KEY, invoice_id int8 NOT NULL, product text NOT NULL,
  description text, quantity numeric(12,3) NOT NULL, amount numeric(14,2) NOT NULL, currency text NOT NULL,
  period date NOT NULL, created_at timestamptz NOT NULL)`;
const COLUMNS = ['id', 'invoice_id', 'product', 'description', 'quantity', 'amount', 'currency', 'period', 'created_at'];

function* rows(n: number): Generator<string> {
  const base = Date.UTC(2023, 0, 1);
  for (let i = 1; i <= n; i++) {
    yield copyLine([
      i,
      Math.floor(i / 190) + 1,
      `AmazonEC2-${i % 37}`,
      i % 11 === 0 ? null : `Usage\tline ${i} — région eu-west-${i % 3}`,
      ((i % 1000) / 7).toFixed(3),
      ((i * 7919) % 1_000_000) / 100,
      i % 5 === 0 ? 'EUR' : 'USD',
      new Date(Date.UTC(2023, i % 24, 1)),
      new Date(base + i * 1000),
    ]);
  }
}

type Result = {
  engine: string;
  rows: number;
  /** Peak RSS once the engine is open (a fresh PGlite pays ~0.5 GB for initdb that V8 keeps). */
  peakRssAfterOpenMb: number;
  copyFromSeconds: number;
  copyFromRowsPerSecond: number;
  /** Process peak RSS (kernel maxRSS) after copyFrom / after copyTo; run one engine per process to compare. */
  peakRssAfterCopyFromMb: number;
  copyToSeconds: number;
  copyToRowsPerSecond: number;
  peakRssAfterCopyToMb: number;
};

// PGlite runs synchronously on the event loop, so a timer cannot sample memory during a COPY: use the kernel's peak.
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function bench(engine: string, db: Db): Promise<Result> {
  await db.exec(TABLE);
  const afterOpen = peakRssMb();
  {
    let t = performance.now();
    const written = await db.copyFrom('bench_invoice_line', COLUMNS, rows(ROWS));
    const fromS = (performance.now() - t) / 1000;
    if (written !== ROWS) throw new Error(`copyFrom wrote ${written} rows, expected ${ROWS}`);
    const afterFrom = peakRssMb();
    t = performance.now();
    let read = 0;
    for await (const _line of db.copyTo('SELECT * FROM bench_invoice_line')) read++;
    const toS = (performance.now() - t) / 1000;
    if (read !== ROWS) throw new Error(`copyTo read ${read} rows, expected ${ROWS}`);
    return {
      engine,
      rows: ROWS,
      peakRssAfterOpenMb: afterOpen,
      copyFromSeconds: +fromS.toFixed(2),
      copyFromRowsPerSecond: Math.round(ROWS / fromS),
      peakRssAfterCopyFromMb: afterFrom,
      copyToSeconds: +toS.toFixed(2),
      copyToRowsPerSecond: Math.round(ROWS / toS),
      peakRssAfterCopyToMb: peakRssMb(),
    };
  }
}

const results: Result[] = [];
for (const engine of ENGINES) {
  let db: Db;
  let cleanup: () => Promise<void>;
  if (engine === 'pglite') {
    db = await openPglite();
    cleanup = () => db.close();
  } else if (engine === 'pglite-disk') {
    const dir = await mkdtemp(join(tmpdir(), 'revops-bench-'));
    db = await openPglite(join(dir, 'db'));
    cleanup = async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    };
  } else if (engine === 'postgres') {
    if (!serverUrl) throw new Error('postgres: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
    const scratch = await createServerDatabase(serverUrl);
    db = await openPostgres(scratch.url);
    cleanup = async () => {
      await db.close();
      await scratch.drop();
    };
  } else throw new Error(`unknown engine ${engine}`);
  try {
    const r = await bench(engine, db);
    results.push(r);
    console.log(
      `${r.engine.padEnd(12)} open: peak RSS ${r.peakRssAfterOpenMb} MB; copyFrom ${r.rows} rows in ${r.copyFromSeconds}s = ${r.copyFromRowsPerSecond} rows/s (peak RSS ${r.peakRssAfterCopyFromMb} MB); ` +
        `copyTo ${r.copyToSeconds}s = ${r.copyToRowsPerSecond} rows/s (peak RSS ${r.peakRssAfterCopyToMb} MB)`,
    );
  } finally {
    await cleanup();
  }
}
await mkdir('.bench', { recursive: true });
await writeFile(join('.bench', `copy-${ENGINES.join('+')}.json`), JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2));
