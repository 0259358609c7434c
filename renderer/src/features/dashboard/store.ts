import { create } from 'zustand';
import type { AppInfo, DashboardSummary, SourcesStatus, WarehouseStatus } from '../../../../app/contract';
import { host } from '../../host';
import type { Resource } from '../../state/resource';
import { idle, loadResource } from '../../state/resource';

type DashboardState = {
  app: Resource<AppInfo>;
  warehouse: Resource<WarehouseStatus>;
  sources: Resource<SourcesStatus>;
  /** Decisions, value at stake, freshness, quality, recent jobs (dashboard:summary). */
  summary: Resource<DashboardSummary>;
  /** Loads the four independently: a broken warehouse must not hide the app info or the sources. */
  refresh(): Promise<void>;
  /** Only the app info, which the shell shows on every screen. */
  loadApp(): Promise<void>;
};

export const useDashboard = create<DashboardState>((set, get) => ({
  app: idle(),
  warehouse: idle(),
  sources: idle(),
  summary: idle(),
  async refresh() {
    await Promise.all([
      loadResource(get().app, (app) => set({ app }), () => host().invoke('app:info')),
      loadResource(get().warehouse, (warehouse) => set({ warehouse }), () => host().invoke('warehouse:status')),
      loadResource(get().sources, (sources) => set({ sources }), () => host().invoke('sources:status')),
      loadResource(get().summary, (summary) => set({ summary }), () => host().invoke('dashboard:summary')),
    ]);
  },
  loadApp: () => loadResource(get().app, (app) => set({ app }), () => host().invoke('app:info')),
}));
