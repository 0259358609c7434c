import { Panel } from '../../components/panel';
import { ResourceView } from '../../components/resource-view';
import { useDashboard } from './store';

const SHELL_LABEL = { electron: 'Desktop app', headless: 'Browser mode (headless host)', cli: 'Command line' } as const;

export function AppPanel() {
  const app = useDashboard((s) => s.app);
  return (
    <Panel title="This app" testId="app-panel">
      <ResourceView resource={app} what="app info">
        {(info) => (
          <dl className="facts compact">
            <dt>Version</dt>
            <dd data-testid="app-version">{info.version}</dd>
            <dt>Running as</dt>
            <dd>{SHELL_LABEL[info.shell]}</dd>
            <dt>Data folder</dt>
            <dd className="mono wrap">{info.dataDir}</dd>
          </dl>
        )}
      </ResourceView>
    </Panel>
  );
}
