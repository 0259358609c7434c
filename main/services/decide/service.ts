/**
 * The decision channels' services for the handler registry (decision:list, decision:explain,
 * decision:set, rules:active). The tenant defaults to the settings' tenant.
 */
import type { InvokeOutput, ParsedInput } from '../../../app/contract';
import type { Db } from '../../../db/types';
import { loadSettings } from '../../config/settings';
import { explainDecision, listDecisions, rulesActive, setDecision } from './review';

export type DecisionServiceDeps = { dataDir: string; warehouse: () => Promise<Db> };

export function createDecisionService(deps: DecisionServiceDeps) {
  const tenantOf = async (t: string | undefined) => t ?? (await loadSettings(deps.dataDir).catch(() => null))?.tenant ?? 'default';
  return {
    'decision:list': async (input: ParsedInput<'decision:list'>): Promise<InvokeOutput<'decision:list'>> =>
      listDecisions(await deps.warehouse(), { ...input, tenant: await tenantOf(input.tenant) }),
    'decision:explain': async (input: ParsedInput<'decision:explain'>): Promise<InvokeOutput<'decision:explain'>> =>
      explainDecision(await deps.warehouse(), await tenantOf(input.tenant), input.aceId),
    'decision:set': async (input: ParsedInput<'decision:set'>): Promise<InvokeOutput<'decision:set'>> =>
      setDecision(await deps.warehouse(), { ...input, tenant: await tenantOf(input.tenant) }),
    'rules:active': async (input: ParsedInput<'rules:active'>): Promise<InvokeOutput<'rules:active'>> =>
      rulesActive(await deps.warehouse(), await tenantOf(input.tenant)),
  };
}
