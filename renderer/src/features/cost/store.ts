/**
 * Cost explorer state: the selection (accounts, range, granularity, product filter), the view the host
 * answers for it (cost:query), the drill-down path (account → product → months, cost:drill), and the
 * export. Presets are relative to the newest month with billing data, not the wall clock: the warehouse
 * may be a snapshot (demo sources end at their as-of day).
 */
import { create } from 'zustand';
import type { CostDrillOutput, CostQueryOutput, InvokeOutput } from '../../../../app/contract';
import { accountCostInput, addMonths, COST_DEFAULT_PRESET, monthsBetween, presetRange, type Granularity, type Preset } from '../../../../app/cost';
import { host } from '../../host';
import type { Resource } from '../../state/resource';
import { errorOf, idle, loadResource } from '../../state/resource';

export type Accounts = InvokeOutput<'cost:accounts'>;
export type Drill = { account: string; product?: string };

type CostState = {
  accounts: Resource<Accounts>;
  view: Resource<CostQueryOutput>;
  drill: Resource<CostDrillOutput>;
  movers: Resource<InvokeOutput<'cost:movers'>>;
  moversBy: 'account' | 'product';
  pod: Resource<InvokeOutput<'cost:pod-realized'>>;
  selected: string[];
  preset: Preset | 'custom';
  from: string;
  to: string;
  by: Granularity;
  products: string[];
  path: Drill | null;
  exportNote: { ok: boolean; text: string } | null;
  exporting: boolean;
  /** `account`: opened for one account (`#/cost?account=<id>`): just it, the default preset, no filter. */
  init(account?: string): Promise<void>;
  load(): Promise<void>;
  setSelected(ids: string[]): void;
  setPreset(p: Preset): void;
  setRange(from: string, to: string): void;
  setBy(by: Granularity): void;
  setProducts(codes: string[]): void;
  drillTo(path: Drill | null): Promise<void>;
  setMoversBy(d: 'account' | 'product'): void;
  loadMovers(): Promise<void>;
  exportView(): Promise<void>;
};

const DEFAULT_PRESET: Preset = COST_DEFAULT_PRESET;

export const useCost = create<CostState>((set, get) => {
  const selection = () => ({ accounts: get().selected, from: get().from, to: get().to, products: get().products });
  const reload = () => {
    void get().load();
    const p = get().path;
    if (p) void get().drillTo(p);
  };
  return {
    accounts: idle(),
    view: idle(),
    drill: idle(),
    movers: idle(),
    moversBy: 'account',
    pod: idle(),
    selected: [],
    preset: DEFAULT_PRESET,
    from: '',
    to: '',
    by: 'month',
    products: [],
    path: null,
    exportNote: null,
    exporting: false,
    async init(account) {
      await loadResource(get().accounts, (accounts) => set({ accounts }), () => host().invoke('cost:accounts'));
      const last = get().accounts.data?.lastMonth;
      if (account && last) {
        // the very request the offline copy prefetches for the accounts under review (app/cost review-view.ts)
        const v = accountCostInput(account, last);
        set({ selected: v.accounts, preset: DEFAULT_PRESET, from: v.from, to: v.to, products: v.products, by: v.by, path: null, drill: idle() });
        await get().load();
        return;
      }
      if (last && !get().from) set({ ...presetRange(get().preset === 'custom' ? DEFAULT_PRESET : (get().preset as Preset), `${last}-01`) });
      if (get().from) await get().load();
    },
    async load() {
      if (!get().from) return;
      await Promise.all([
        loadResource(get().view, (view) => set({ view }), () => host().invoke('cost:query', { ...selection(), by: get().by })),
        get().loadMovers(),
        get().pod.state === 'idle' ? loadResource(get().pod, (pod) => set({ pod }), () => host().invoke('cost:pod-realized', {})) : Promise.resolve(),
      ]);
    },
    /** The selected range against the same number of months just before it. */
    loadMovers() {
      const { from, to, moversBy } = get();
      const n = monthsBetween({ from, to }).length;
      const before = { from: addMonths(from, -n), to: addMonths(from, -1) };
      return loadResource(get().movers, (movers) => set({ movers }), () =>
        host().invoke('cost:movers', { accounts: get().selected, products: get().products, before, after: { from, to }, dimension: moversBy, limit: 10 }));
    },
    setMoversBy(d) {
      set({ moversBy: d });
      void get().loadMovers();
    },
    setSelected(ids) {
      set({ selected: ids, path: null, drill: idle() });
      reload();
    },
    setPreset(p) {
      const last = get().accounts.data?.lastMonth;
      if (!last) return;
      set({ preset: p, ...presetRange(p, `${last}-01`) });
      reload();
    },
    setRange(from, to) {
      if (!from || !to || from > to) return;
      set({ preset: 'custom', from, to });
      reload();
    },
    setBy(by) {
      set({ by });
      void get().load();
    },
    setProducts(codes) {
      set({ products: codes });
      reload();
    },
    async drillTo(path) {
      set({ path });
      if (!path) {
        set({ drill: idle() });
        return;
      }
      await loadResource(get().drill, (drill) => set({ drill }), () => host().invoke('cost:drill', { ...selection(), account: path.account, product: path.product }));
    },
    async exportView() {
      set({ exporting: true, exportNote: null });
      try {
        const r = await host().invoke('cost:export', { ...selection(), by: get().by });
        set({ exportNote: r.cancelled ? null : { ok: true, text: `Exported ${r.sheets.length} sheets to ${r.path ?? ''}` } });
      } catch (err) {
        set({ exportNote: { ok: false, text: errorOf(err).message } });
      } finally {
        set({ exporting: false });
      }
    },
  };
});
