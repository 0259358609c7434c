/**
 * Prefetches, into the same offline cache the cost channels read (service.ts cacheRead), the cost views
 * of the accounts under review: cost:accounts once, and per AWS account of an opportunity in the review
 * queue the view the cost screen opens for it from the review detail (app/cost accountCostInput).
 *
 * Invariants:
 * - Keys are the ones the runtime's cacheRead wrappers use (COST_KEYS): the screen's request, parsed by
 *   the contract schema, finds the prefetched answer.
 * - Account ids come from the copied explanations' facts (no extra warehouse query); at most MAX_ACCOUNTS.
 */
import type { DecisionExplain, InvokeOutput, ParsedInput } from '../../../app/contract';
import { costQueryInputSchema } from '../../../app/contract';
import { accountCostInput, accountsOfFacts } from '../../../app/cost';
import { docKey } from './replica';
import type { OfflineStore } from './store';

export type CostReads = {
  'cost:accounts': (input: ParsedInput<'cost:accounts'>) => Promise<InvokeOutput<'cost:accounts'>>;
  'cost:query': (input: ParsedInput<'cost:query'>) => Promise<InvokeOutput<'cost:query'>>;
};

/** The offline cache keys of the cost channels (the runtime's cacheRead wrappers use these too). */
export const COST_KEYS = {
  accounts: () => 'accounts',
  query: (input: ParsedInput<'cost:query'>) => JSON.stringify(input),
};

const MAX_ACCOUNTS = 200;
const yieldToCallers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The AWS accounts of the tenant's review queue, as copied (explanations' facts), review order, distinct. */
export function reviewAccounts(store: OfflineStore, tenant: string): string[] {
  const out = new Set<string>();
  for (const r of store.rows(tenant)) {
    if (r.item.state !== 'needs_review') continue;
    const x = store.doc<DecisionExplain>('decision:explain', docKey(tenant, r.aceId));
    for (const id of accountsOfFacts(x?.facts)) out.add(id);
    if (out.size >= MAX_ACCOUNTS) break;
  }
  return [...out].slice(0, MAX_ACCOUNTS);
}

export async function prefetchReviewCosts(store: OfflineStore, tenants: Iterable<string>, cost: CostReads): Promise<{ accounts: number }> {
  const wanted = new Set<string>();
  for (const t of tenants) for (const id of reviewAccounts(store, t)) wanted.add(id);
  const all = await cost['cost:accounts']({});
  store.putDoc('cost:accounts', COST_KEYS.accounts(), all);
  if (!all.lastMonth) return { accounts: 0 };
  let n = 0;
  for (const id of [...wanted].slice(0, MAX_ACCOUNTS)) {
    const input = costQueryInputSchema.parse(accountCostInput(id, all.lastMonth));
    store.putDoc('cost:query', COST_KEYS.query(input), await cost['cost:query'](input));
    n += 1;
    await yieldToCallers();
  }
  return { accounts: n };
}
