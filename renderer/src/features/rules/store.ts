/** The rules screen's state: the active rule set of the settings' tenant (rules:active). */
import { create } from 'zustand';
import type { RulesActive } from '../../../../app/contract';
import { host } from '../../host';
import type { Resource } from '../../state/resource';
import { idle, loadResource } from '../../state/resource';

type RulesState = { active: Resource<RulesActive>; load(): Promise<void> };

export const useRules = create<RulesState>((set, get) => ({
  active: idle(),
  load: () => loadResource(get().active, (active) => set({ active }), () => host().invoke('rules:active')),
}));
