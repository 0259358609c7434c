/**
 * Links from the opportunity to the cost explorer, one per AWS account it is about (its aws_account_ids
 * fact). The cost screen opens on that one account with its default preset: the view the offline copy
 * prefetches for the review queue, so the link also works with the warehouse unreachable.
 */
import type { DecisionExplain } from '../../../../app/contract';
import { accountsOfFacts } from '../../../../app/cost';

export function CostLinks({ explain }: { explain: DecisionExplain }) {
  const accounts = accountsOfFacts(explain.facts);
  if (accounts.length === 0) return null;
  return (
    <p className="cost-links" data-testid="cost-links">
      {accounts.map((id) => (
        <a key={id} className="button" href={`#/cost?account=${id}`} data-account={id}>
          Cost of <span className="mono">{id}</span>
        </a>
      ))}
    </p>
  );
}
