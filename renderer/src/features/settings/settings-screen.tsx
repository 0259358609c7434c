import { EmptyState } from '../../components/empty-state';

export function SettingsScreen() {
  return (
    <EmptyState
      title="Settings"
      issue="issue 6"
      items={[
        'Source connections (Odoo, APN) with a test-connection button; passwords kept in the OS keychain',
        'Warehouse: embedded or a PostgreSQL URL',
        'The model folder and the detected provider (CUDA or CPU)',
        'The tenant rule set',
      ]}
    >
      Until then the app reads its settings from <code>settings.json</code> in the data folder and the environment
      (<code>REVOPS_DATA_DIR</code>, <code>DATABASE_URL</code>).
    </EmptyState>
  );
}
