/** The dashboard channel's service (dashboard:summary); the tenant defaults to the settings' tenant. */
import type { InvokeOutput, ParsedInput } from '../../../app/contract';
import type { Db } from '../../../db/types';
import { loadSettings } from '../../config/settings';
import { dashboardSummary } from './summary';

export type DashboardServiceDeps = { dataDir: string; warehouse: () => Promise<Db> };

export function createDashboardService(deps: DashboardServiceDeps) {
  return {
    'dashboard:summary': async (input: ParsedInput<'dashboard:summary'>): Promise<InvokeOutput<'dashboard:summary'>> => {
      const tenant = input.tenant ?? (await loadSettings(deps.dataDir).catch(() => null))?.tenant ?? 'default';
      return dashboardSummary(await deps.warehouse(), tenant);
    },
  };
}
