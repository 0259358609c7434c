import { EmptyState } from '../../components/empty-state';

export function CostScreen() {
  return (
    <EmptyState
      title="Cost Explorer"
      issue="issue 7"
      items={['AWS cost against the customer invoice, per customer and month', 'Margin and anomalies', 'Drill-down from a total to its invoice lines and cost rows']}
    >
      This screen will compare what AWS charged for each customer with what the customer was invoiced.
    </EmptyState>
  );
}
