/**
 * The selected opportunity's detail (decision:explain and match:candidates), loaded once per opportunity
 * and kept while the queue is loaded, so moving back and forth with j/k never waits twice, and the next
 * item is prefetched while the analyst looks at the current one.
 */
import type { DecisionExplain, MatchCandidates } from '../../../../app/contract';
import { host } from '../../host';
import type { Resource } from '../../state/resource';
import { idle, loadResource } from '../../state/resource';

export type Detail = { explain: Resource<DecisionExplain>; candidates: Resource<MatchCandidates> };

export const emptyDetail = (): Detail => ({ explain: idle(), candidates: idle() });

export function createDetailCache(write: (aceId: string, d: Detail) => void) {
  /** what the screen shows per opportunity; a reload starts from it, so the old value stays visible */
  const shown = new Map<string, Detail>();
  /** the load in force per opportunity: a load that finishes after invalidate/clear must not land */
  const loads = new Map<string, number>();
  let generation = 0;

  const update = (aceId: string, gen: number, part: Partial<Detail>) => {
    if (loads.get(aceId) !== gen) return;
    const next = { ...(shown.get(aceId) ?? emptyDetail()), ...part };
    shown.set(aceId, next);
    write(aceId, next);
  };

  return {
    ensure(aceId: string) {
      if (loads.has(aceId)) return;
      const gen = ++generation;
      loads.set(aceId, gen);
      const base = shown.get(aceId) ?? emptyDetail();
      void loadResource(base.explain, (explain) => update(aceId, gen, { explain }), () => host().invoke('decision:explain', { aceId }));
      void loadResource(base.candidates, (candidates) => update(aceId, gen, { candidates }), () => host().invoke('match:candidates', { aceId }));
    },
    /** Load this opportunity again on the next ensure (after an action). */
    invalidate(aceId: string) {
      loads.delete(aceId);
    },
    clear() {
      loads.clear();
      shown.clear();
    },
  };
}
