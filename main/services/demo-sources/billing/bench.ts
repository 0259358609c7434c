/**
 * Billing benchmark at prod scale (README figures): `npx tsx main/services/demo-sources/billing/bench.ts
 * [--target null|pglite|postgres] [--data-dir DIR] [--url URL]`. `null` encodes every row as COPY text and drops
 * it (generator cost alone); pglite writes to an on-disk PGlite; postgres to a fresh database at --url.
 * Prints wall time, peak RSS (sampled every 100 ms) and row counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyLine } from '../../../../db/copy';
import { openPglite } from '../../../../db/pglite';
import { openPostgres } from '../../../../db/postgres';
import { createServerDatabase } from '../../../../db/server-database';
import type { SourceWriter } from '../universe-types';
import { dbSourceWriter } from './db-source-writer';
import { generateBilling } from './index';
import { makeTestUniverse } from './test-universe';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const target = opt('target') ?? 'pglite';
const universe = makeTestUniverse({ seed: opt('seed') ?? 'bench', scale: 'prod', customers: 340, accounts: 660 });

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const counts: Record<string, number> = {};
const nullWriter: SourceWriter = {
  createTable: async () => {},
  exec: async () => {},
  async copy(table, _columns, rows) {
    let n = 0;
    let bytes = 0;
    for await (const row of rows as AsyncIterable<readonly unknown[]>) {
      bytes += copyLine(row).length;
      n++;
    }
    counts[table] = n;
    counts[`${table} (MB of COPY text)`] = Math.round(bytes / 1e6);
    return n;
  },
};

const started = Date.now();
let close: () => Promise<void> = async () => {};
let writer = nullWriter;
if (target === 'pglite') {
  const dir = opt('data-dir') ?? mkdtempSync(join(tmpdir(), 'billing-bench-'));
  const db = await openPglite(dir);
  writer = dbSourceWriter(db);
  close = async () => {
    await db.close();
    if (!opt('data-dir')) rmSync(dir, { recursive: true, force: true });
  };
} else if (target === 'postgres') {
  const url = opt('url') ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('--url or TEST_DATABASE_URL required for --target postgres');
  const created = await createServerDatabase(url);
  const db = await openPostgres(created.url, { applicationName: 'billing-bench' });
  writer = dbSourceWriter(db);
  close = async () => {
    await db.close();
    await created.drop();
  };
}
try {
  const checks = target === 'null' ? { ...writer, exec: async () => {} } : writer;
  await generateBilling(universe, checks, (m) => process.stderr.write(`${m}\n`)).catch((e: unknown) => {
    if (target !== 'null') throw e;
  });
} finally {
  await close();
  clearInterval(sampler);
}
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ target, seconds: Math.round((Date.now() - started) / 100) / 10, peakRssMb: Math.round(peak / 1e6), counts }, null, 1));
