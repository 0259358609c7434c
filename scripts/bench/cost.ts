/**
 * `npm run bench -- cost [--data-dir DIR] [--rounds 20]`: the cost explorer's queries on a transformed
 * warehouse (prod scale for the README figures). DATABASE_URL set = server engine, else the embedded
 * warehouse of the data folder. Each round runs every representative query once — the screen's view for all
 * accounts / one payer / a handful of linked accounts (with and without a product filter) by month, quarter
 * and year, drill-down, movers, anomalies, the selector, monthlyCostVsInvoice, POD realized — with accounts
 * drawn by a seeded RNG; round 0 is a warm-up. Also times one full rebuild of the marts.
 * Figures: p50 / p95 over every timed query, and per query.
 */
import { openWarehouse } from '../../db/warehouse';
import { resolveDataDir } from '../../main/config/data-dir';
import { costAccounts, costDrill, costMovers } from '../../main/services/cost/drill';
import { refreshCostMart } from '../../main/services/cost/mart';
import { podRealized } from '../../main/services/cost/pod';
import { costAnomalies, costByAccount, costByProduct, costSeries, costTotals, monthlyCostVsInvoice, type CostFilter } from '../../main/services/cost/queries';
import { addMonths } from '../../app/cost';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

export async function benchCost(opt: (key: string, fallback: string) => string): Promise<Record<string, unknown>> {
  const dataDir = resolveDataDir(opt('data-dir', '') ? { REVOPS_DATA_DIR: opt('data-dir', '') } : process.env);
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const rounds = Math.max(1, Number(opt('rounds', '20')));
  const db = await openWarehouse({ dataDir, databaseUrl });
  try {
    const t0 = performance.now();
    const mart = await db.transaction((tx) => refreshCostMart(tx));
    const rebuildMs = performance.now() - t0;
    process.stderr.write(`mart rebuilt: ${mart.rows} rows, ${mart.accountMonths} account-months in ${rebuildMs.toFixed(0)} ms\n`);
    const acc = await costAccounts(db);
    if (!acc.lastMonth || !acc.firstMonth) throw new Error(`No billing in the warehouse of ${dataDir}: run revops sync all and revops transform first.`);
    const last = acc.lastMonth;
    const first = acc.firstMonth;
    const linked = acc.payers.flatMap((p) => p.accounts.map((a) => a.accountId));
    const products = (await costByProduct(db, { accounts: [], from: first, to: last })).map((p) => p.productCode).filter(Boolean);
    const rand = rng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
    const timings = new Map<string, number[]>();
    const time = async (name: string, round: number, fn: () => Promise<unknown>) => {
      const s = performance.now();
      await fn();
      const ms = performance.now() - s;
      if (round > 0) timings.set(name, [...(timings.get(name) ?? []), ms]);
    };
    const year: CostFilter = { accounts: [], from: addMonths(last, -11), to: last };
    const all: CostFilter = { accounts: [], from: first, to: last };
    for (let r = 0; r <= rounds; r++) {
      const payer = pick(acc.payers).payerId;
      const few = Array.from({ length: 5 }, () => pick(linked));
      const one = pick(linked);
      const product = pick(products);
      await time('totals all 12m', r, () => costTotals(db, year));
      await time('series all 36m by month', r, () => costSeries(db, all, 'month'));
      await time('series all 36m by quarter', r, () => costSeries(db, all, 'quarter'));
      await time('series all 36m by year', r, () => costSeries(db, all, 'year'));
      await time('by product all 12m', r, () => costByProduct(db, year));
      await time('by account all 12m', r, () => costByAccount(db, year));
      await time('anomalies all 12m', r, () => costAnomalies(db, year));
      await time('series payer 12m', r, () => costSeries(db, { ...year, accounts: [payer] }, 'month'));
      await time('by product payer 12m', r, () => costByProduct(db, { ...year, accounts: [payer] }));
      await time('series 5 accounts + product', r, () => costSeries(db, { ...all, accounts: few, products: [product] }, 'quarter'));
      await time('series all + product', r, () => costSeries(db, { ...all, products: [product] }, 'month'));
      await time('drill account → products', r, () => costDrill(db, all, one));
      await time('drill account+product → months', r, () => costDrill(db, all, one, product));
      await time('movers accounts q/q', r, () => costMovers(db, { accounts: [], before: { from: addMonths(last, -5), to: addMonths(last, -3) }, after: { from: addMonths(last, -2), to: last }, dimension: 'account', limit: 10 }));
      await time('movers products m/m', r, () => costMovers(db, { accounts: [], before: { from: addMonths(last, -1), to: addMonths(last, -1) }, after: { from: last, to: last }, dimension: 'product', limit: 10 }));
      await time('monthlyCostVsInvoice 50 accounts 12m', r, () => monthlyCostVsInvoice(db, { accounts: Array.from({ length: 50 }, () => pick(linked)), from: year.from, to: year.to }));
      await time('accounts selector', r, () => costAccounts(db));
      await time('pod realized', r, () => podRealized(db, { tenant: opt('tenant', 'demo') }));
    }
    const everything = [...timings.values()].flat();
    const perQuery: Record<string, { p50_ms: number; p95_ms: number }> = {};
    for (const [name, xs] of timings) {
      perQuery[name] = { p50_ms: Number(pct(xs, 0.5).toFixed(1)), p95_ms: Number(pct(xs, 0.95).toFixed(1)) };
      process.stderr.write(`${name.padEnd(40)} p50 ${pct(xs, 0.5).toFixed(1).padStart(7)} ms  p95 ${pct(xs, 0.95).toFixed(1).padStart(7)} ms\n`);
    }
    const figures = {
      engine: db.engine,
      queries: everything.length,
      p50_ms: Number(pct(everything, 0.5).toFixed(1)),
      p95_ms: Number(pct(everything, 0.95).toFixed(1)),
      max_ms: Number(Math.max(...everything).toFixed(1)),
      mart_rows: mart.rows,
      mart_account_months: mart.accountMonths,
      mart_rebuild_ms: Math.round(rebuildMs),
      accounts: linked.length,
      months: `${first}..${last}`,
      per_query: perQuery,
    };
    process.stderr.write(`${everything.length} queries: p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms (${figures.engine})\n`);
    return figures;
  } finally {
    await db.close();
  }
}
