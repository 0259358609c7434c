/**
 * The Settings screen's state: the saved view (settings:get), the form draft, per-target connection tests
 * and the model check. Saving sends the whole form once (settings:set) and re-bases the draft on the answer.
 */
import { create } from 'zustand';
import type { ConnectionTarget, ContractError, InvokeInput, ModelDetect, SettingsView, TestConnectionResult } from '../../../../app/contract';
import { host } from '../../host';
import type { Resource } from '../../state/resource';
import { errorOf, idle, loadResource } from '../../state/resource';
import type { Draft } from './draft';
import { draftOf, inputOf, sourceInputOf, warehouseInputOf } from './draft';

export type TestState = { state: 'running' } | { state: 'done'; result: TestConnectionResult } | { state: 'error'; error: ContractError };

type SettingsState = {
  view: Resource<SettingsView>;
  draft: Draft | null;
  errors: Partial<Record<'odoo' | 'apn' | 'warehouse' | 'modelDir', string>>;
  tests: Partial<Record<ConnectionTarget, TestState>>;
  model: Resource<ModelDetect>;
  saving: boolean;
  saved: string | null;
  saveError: ContractError | null;
  desktop: boolean;
  load(): Promise<void>;
  edit(change: (d: Draft) => Draft): void;
  save(): Promise<void>;
  test(target: ConnectionTarget): Promise<void>;
  detectModel(): Promise<void>;
  browseModelDir(): Promise<void>;
};

export const useSettings = create<SettingsState>((set, get) => ({
  view: idle(),
  draft: null,
  errors: {},
  tests: {},
  model: idle(),
  saving: false,
  saved: null,
  saveError: null,
  desktop: false,
  async load() {
    await loadResource(get().view, (view) => set({ view }), () => host().invoke('settings:get'));
    const v = get().view.data;
    if (v) set({ draft: draftOf(v), errors: {}, saved: null, saveError: null });
    const info = await host().invoke('app:info').catch(() => null);
    set({ desktop: info?.shell === 'electron' });
    await get().detectModel();
  },
  edit(change) {
    const d = get().draft;
    // A field error is about the value it was shown for: editing clears it (Save / Test check again).
    if (d) set({ draft: change(d), saved: null, errors: {} });
  },
  async save() {
    const d = get().draft;
    if (!d) return;
    const { input, errors } = inputOf(d);
    set({ errors, saveError: null, saved: null });
    if (!input) return;
    set({ saving: true });
    try {
      const view = await host().invoke('settings:set', input);
      set({ view: { state: 'ready', data: view, error: null, loadedAt: new Date().toISOString() }, draft: draftOf(view), saved: `Saved to ${view.file}` });
    } catch (err) {
      set({ saveError: errorOf(err) });
    } finally {
      set({ saving: false });
    }
  },
  async test(target) {
    const d = get().draft;
    if (!d) return;
    let input: InvokeInput<'settings:test-connection'>;
    if (target === 'warehouse') {
      const w = warehouseInputOf(d.warehouse);
      if (!w.ok) return set({ errors: { ...get().errors, warehouse: w.error }, tests: { ...get().tests, warehouse: undefined } });
      input = { target, warehouse: w.value };
    } else {
      const src = sourceInputOf(d[target]);
      if (!src.ok) return set({ errors: { ...get().errors, [target]: src.error }, tests: { ...get().tests, [target]: undefined } });
      input = src.value === null ? { target } : { target, source: src.value };
    }
    set({ errors: { ...get().errors, [target]: undefined }, tests: { ...get().tests, [target]: { state: 'running' } } });
    try {
      const result = await host().invoke('settings:test-connection', input);
      set({ tests: { ...get().tests, [target]: { state: 'done', result } } });
    } catch (err) {
      set({ tests: { ...get().tests, [target]: { state: 'error', error: errorOf(err) } } });
    }
  },
  async detectModel() {
    // The saved folder is checked as "from settings"; only an edited field is sent as input.
    const typed = get().draft?.modelDir.trim();
    const dir = typed && typed !== get().view.data?.modelDir ? typed : undefined;
    await loadResource(get().model, (model) => set({ model }), () => host().invoke('model:detect', dir ? { modelDir: dir } : {}));
  },
  async browseModelDir() {
    try {
      const { path } = await host().invoke('settings:pick-folder', { title: 'Choose the BGE-M3 model folder' });
      if (path) {
        get().edit((d) => ({ ...d, modelDir: path }));
        await get().detectModel();
      }
    } catch (err) {
      set({ saveError: errorOf(err) });
    }
  },
}));
