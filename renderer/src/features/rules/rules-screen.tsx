import { EmptyState } from '../../components/empty-state';

export function RulesScreen() {
  return (
    <EmptyState
      title="Rules"
      issue="issue 6 (the rules engine: issue 5)"
      items={['The active POD rule set: version, parameters and the text of each rule', 'The file it was loaded from', 'The last load error, if any']}
    >
      This screen will show which POD eligibility rules decide each opportunity, and where they come from.
    </EmptyState>
  );
}
