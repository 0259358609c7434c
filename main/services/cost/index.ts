/**
 * Cost explorer service: the marts (refreshed by the transform) and the queries over them. Query functions
 * take a Db/Queryable so the CLI, the host channels, the export and an offline replica can share them.
 */
import type { Granularity } from '../../../app/cost';
import type { CostQueryOutput } from '../../../app/contract/cost';
import type { Db, Queryable } from '../../../db/types';
import { refreshCostMart } from './mart';
import { costAnomalies, costAnomalyCount, costByAccount, costByProduct, costSeries, costTotals, martReady, type CostFilter } from './queries';

export { refreshCostMart, REPORTING_CURRENCY, type MartRefresh } from './mart';
export { monthlyCostVsInvoice, costTotals, costSeries, costByProduct, costByAccount, costAnomalies, costAnomalyCount, CostInputError, type CostFilter, type MonthlyCostVsInvoiceRow } from './queries';
export { costDrill, costMovers, costAccounts } from './drill';

/** Builds the marts when a warehouse has billing in core but never ran a transform since migration 0008. */
export async function ensureCostMart(db: Db): Promise<void> {
  if (await martReady(db)) return;
  await db.transaction((tx) => refreshCostMart(tx));
}

/** Everything one screen view shows, in one call. */
export async function costQuery(db: Queryable, f: CostFilter, by: Granularity): Promise<CostQueryOutput> {
  const totals = await costTotals(db, f);
  const series = await costSeries(db, f, by);
  const byProduct = await costByProduct(db, f);
  const byAccount = await costByAccount(db, f);
  const anomalies = await costAnomalies(db, f);
  const anomalyCount = anomalies.length < 200 ? anomalies.length : await costAnomalyCount(db, f);
  return { currency: 'USD', from: f.from, to: f.to, by, totals, series, byProduct, byAccount, anomalies, anomalyCount };
}
