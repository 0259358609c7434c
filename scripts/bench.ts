/**
 * `npm run bench -- <name> [options]`: benchmarks that print figures; the last line is JSON, also written to
 * .bench/<name>-<engine>.json. Tests assert behaviour; timings live here and in the README.
 *
 *   generate [--scale prod] [--seed bench] [--engine pglite|postgres]
 *       full demo-source generation (Odoo + APN + ground truth + self-checks + checksums) in this process;
 *       wall time and peak RSS (process.resourceUsage().maxRSS). postgres uses BENCH_DATABASE_URL or
 *       TEST_DATABASE_URL (databases revops_bench_* are created there and left for inspection).
 *   copy [...]  COPY throughput of both engines (scripts/bench-copy.ts)
 *   sync [--data-dir DIR]  raw COPY pipe vs our full sync, no-change incremental, transform (scripts/bench/sync.ts);
 *       DATABASE_URL set = server engine, else embedded
 *   ann [--engine pglite|postgres] [--vectors 10000] [--dim 1024] [--k 50] [--queries 200] [--ef N]
 *       ANN top-k latency (p50/p95) and recall vs exact on clustered synthetic vectors (scripts/bench/ann.ts)
 *   decide [--data-dir DIR] [--tenant demo] [--as-of D] [--repeat 5]
 *       POD facts build and rules evaluation on every ACE opportunity of a matched warehouse (scripts/bench/decide.ts)
 *   cost [--data-dir DIR] [--rounds 20] [--tenant demo]
 *       the cost explorer's queries (p50/p95 over every query, per query) and one mart rebuild (scripts/bench/cost.ts)
 *   export [--rows 5000] [--engine pglite|postgres] [--repeat 3] [--data-dir DIR --tenant X]
 *       the POD decision workbook (4 sheets, streamed) and CSV for N decisions (tiny demo decisions copied up
 *       to N, or a data folder's warehouse as it is); seconds, MB, peak RSS (scripts/bench/export.ts)
 *   review [--rows 5000] [--runs 5] [--approvals 20] [--keep DIR]
 *       the review screen in Chromium: first paint with N rows, keyboard approve → next item (scripts/bench-review.ts)
 *   match [--data-dir DIR] [--semantic-k 20]
 *       runMatch on a transformed warehouse and, with the generator's ground truth, its evaluation
 *       (scripts/bench/match.ts); DATABASE_URL set = server engine, else embedded
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoSources } from '../main/services/demo-sources/generate';
import { benchAnn } from './bench/ann';
import { benchDecide } from './bench/decide';
import { benchExport } from './bench/export';
import { benchMatch } from './bench/match';
import { benchCost } from './bench/cost';
import { benchReview } from './bench-review';
import { benchSync, recordBench } from './bench/sync';

const [name, ...rest] = process.argv.slice(2);
const opt = (key: string, fallback: string): string => {
  const i = rest.indexOf(`--${key}`);
  return i >= 0 ? (rest[i + 1] ?? fallback) : fallback;
};

async function record(bench: string, engine: string, figures: Record<string, unknown>): Promise<void> {
  await mkdir('.bench', { recursive: true });
  const line = JSON.stringify({ bench, engine, ...figures });
  await writeFile(join('.bench', `${bench}-${engine}.json`), line + '\n');
  process.stdout.write(line + '\n');
}

async function benchGenerate(): Promise<void> {
  const engine = opt('engine', 'pglite');
  const scale = opt('scale', 'prod');
  const seed = opt('seed', 'bench');
  const databaseUrl = engine === 'postgres' ? (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) : undefined;
  if (engine === 'postgres' && !databaseUrl) throw new Error('generate --engine postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const dataDir = await mkdtemp(join(tmpdir(), 'revops-bench-'));
  try {
    const started = performance.now();
    const result = await generateDemoSources({ dataDir, databaseUrl, scale, seed, log: (l) => process.stderr.write(l + '\n'), databasePrefix: 'revops_bench' });
    const wallS = (performance.now() - started) / 1000;
    const c = result.counts;
    await record('generate', engine, {
      scale,
      seed,
      wall_s: Number(wallS.toFixed(1)),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      crm_lead: c['odoo.crm_lead'],
      apn_opportunity: c['apn.apn_opportunity'],
      cur_rows: c['odoo.c_billing_internal_cur'],
      account_move: c['odoo.account_move'],
      account_move_line: c['odoo.account_move_line'],
      checksum_odoo: result.checksums.odoo,
      checksum_apn: result.checksums.apn,
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

switch (name) {
  case 'generate':
    await benchGenerate();
    break;
  case 'sync': {
    const figures = await benchSync(rest);
    await recordBench('sync', String(figures.engine), figures);
    break;
  }
  case 'ann': {
    const figures = await benchAnn(rest);
    await recordBench('ann', String(figures.engine), figures);
    break;
  }
  case 'decide': {
    const figures = await benchDecide(opt);
    await recordBench('decide', String(figures.engine), figures);
    break;
  }
  case 'export': {
    const figures = await benchExport(opt);
    await recordBench('export', String(figures.engine), figures);
    break;
  }
  case 'match': {
    const figures = await benchMatch(opt);
    await recordBench('match', String(figures.engine), figures);
    break;
  }
  case 'cost': {
    const figures = await benchCost(opt);
    await recordBench('cost', String(figures.engine), figures);
    break;
  }
  case 'review': {
    const figures = await benchReview(opt);
    await recordBench('review', String(figures.engine), figures);
    break;
  }
  case 'copy': {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-copy.ts', ...rest], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
    break;
  }
  default:
    process.stderr.write('usage: npm run bench -- generate|copy|sync|ann|decide|match|cost|export|review [options] (see scripts/bench.ts)\n');
    process.exitCode = 2;
}
