import type { SourcesStatus } from '../../../../app/contract';
import { Panel } from '../../components/panel';
import { ResourceView } from '../../components/resource-view';
import { useDashboard } from './store';

const KIND_LABEL = { 'demo-embedded': 'Demo, embedded', 'demo-server': 'Demo, on server', url: 'Connected database' } as const;

function SourceList({ status }: { status: SourcesStatus }) {
  return (
    <>
      <ul className="source-list">
        {status.sources.map((s) => (
          <li key={s.id} data-source={s.id}>
            <div className="source-head">
              <span className="source-name">{s.label}</span>
              <span className={`pill ${s.kind ? 'tone-ok' : 'tone-warn'}`}>{s.kind ? KIND_LABEL[s.kind] : 'Not configured'}</span>
            </div>
            <div className="muted wrap">
              {s.target ?? (
                <>
                  Generate demo data with <code>npx revops demo sources</code>, or connect it in Settings.
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      <dl className="facts compact">
        <dt>Demo data</dt>
        <dd data-testid="demo-sources">
          {status.demo ? (
            <>
              {status.demo.scale} scale, seed <span className="mono">{status.demo.seed}</span>, as of {status.demo.asOf}
            </>
          ) : (
            <span className="muted">not generated</span>
          )}
        </dd>
        <dt>Tenant</dt>
        <dd>{status.tenant}</dd>
      </dl>
    </>
  );
}

export function SourcesPanel() {
  const sources = useDashboard((s) => s.sources);
  return (
    <Panel title="Sources" testId="sources-panel">
      <ResourceView resource={sources} what="sources">
        {(status) => <SourceList status={status} />}
      </ResourceView>
    </Panel>
  );
}
