/**
 * The cost channels for the handler registry: cost:accounts, cost:query, cost:drill, cost:movers,
 * cost:pod-realized, cost:export. Input arrives zod-parsed (app/contract/cost.ts). The marts are built on
 * first use when the warehouse was migrated after its last transform.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { InvokeOutput, ParsedInput } from '../../../app/contract';
import type { Db } from '../../../db/types';
import { loadSettings } from '../../config/settings';
import { costAccounts, costDrill, costMovers } from './drill';
import { writeAtomically } from '../export/atomic-file';
import { costWorkbook, defaultCostExportName } from './export';
import { costQuery, ensureCostMart } from './index';
import { podRealized } from './pod';

export type CostServiceDeps = {
  dataDir: string;
  warehouse: () => Promise<Db>;
  /** the desktop save dialog (suggested file name → chosen path, null = cancelled); absent = the data folder's exports/ */
  chooseTarget?: ((suggestedName: string) => Promise<string | null>) | undefined;
};

export const costExportsDir = (dataDir: string) => join(dataDir, 'exports');

export function createCostService(deps: CostServiceDeps) {
  const db = async () => {
    const d = await deps.warehouse();
    await ensureCostMart(d);
    return d;
  };
  return {
    'cost:accounts': async (): Promise<InvokeOutput<'cost:accounts'>> => ({ currency: 'USD', ...(await costAccounts(await db())) }),
    'cost:query': async (input: ParsedInput<'cost:query'>): Promise<InvokeOutput<'cost:query'>> =>
      costQuery(await db(), { accounts: input.accounts, products: input.products, from: input.from, to: input.to }, input.by),
    'cost:drill': async (input: ParsedInput<'cost:drill'>): Promise<InvokeOutput<'cost:drill'>> =>
      costDrill(await db(), { accounts: input.accounts, products: input.products, from: input.from, to: input.to }, input.account, input.product),
    'cost:movers': async (input: ParsedInput<'cost:movers'>): Promise<InvokeOutput<'cost:movers'>> => ({
      currency: 'USD', dimension: input.dimension, movers: await costMovers(await db(), input),
    }),
    'cost:pod-realized': async (input: ParsedInput<'cost:pod-realized'>): Promise<InvokeOutput<'cost:pod-realized'>> => {
      const tenant = input.tenant ?? (await loadSettings(deps.dataDir).catch(() => null))?.tenant ?? 'default';
      return podRealized(await db(), { tenant, expectedPct: input.expectedPct });
    },
    'cost:export': async (input: ParsedInput<'cost:export'>): Promise<InvokeOutput<'cost:export'>> => {
      const view = await costQuery(await db(), { accounts: input.accounts, products: input.products, from: input.from, to: input.to }, input.by);
      const now = new Date();
      const name = defaultCostExportName(input.from, input.to, now);
      const path = deps.chooseTarget ? await deps.chooseTarget(name) : join(costExportsDir(deps.dataDir), name);
      if (path === null) return { cancelled: true, path: null, sheets: [], rows: 0 };
      const wb = costWorkbook(view, input, now);
      if (!deps.chooseTarget) await mkdir(costExportsDir(deps.dataDir), { recursive: true });
      await writeAtomically(path, (out) => wb.xlsx.write(out));
      return { cancelled: false, path, sheets: wb.worksheets.map((w) => w.name), rows: view.series.length + view.byProduct.length + view.byAccount.length + view.anomalies.length };
    },
  };
}
