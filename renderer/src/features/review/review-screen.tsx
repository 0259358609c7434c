import { EmptyState } from '../../components/empty-state';

export function ReviewScreen() {
  return (
    <EmptyState
      title="Review"
      issue="issue 6 (matching: issue 4, decisions: issue 5)"
      items={[
        'The queue of ACE opportunities, needs-review first, with filters and search',
        'ACE and Odoo side by side with the differences highlighted, and the top candidates with scores',
        'Why: the signals behind the confidence and each POD rule with its facts',
        'Keyboard first: j/k to move, a to approve, r to reject, u to undo',
      ]}
    >
      Here the analyst confirms or corrects the match between each ACE opportunity and its Odoo deal, and the POD decision that follows.
    </EmptyState>
  );
}
