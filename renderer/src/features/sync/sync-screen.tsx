import { EmptyState } from '../../components/empty-state';

export function SyncScreen() {
  return (
    <EmptyState
      title="Sync"
      issue="issue 6 (the pipeline behind it: issue 3)"
      items={[
        'One-click sync: Odoo, ACE, Billing, Sync all, and Sync & match for the whole pipeline',
        'Per-table progress with rows per second and time remaining; cancel at any point',
        'Job history with the errors of failed runs',
      ]}
    >
      This screen will copy the Odoo CRM and AWS ACE/APN source databases into the warehouse and show each run as it happens.
      Until then, demo sources can be generated from the command line with <code>npx revops demo sources</code>.
    </EmptyState>
  );
}
