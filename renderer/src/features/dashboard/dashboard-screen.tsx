import { useEffect } from 'react';
import { ResourceView } from '../../components/resource-view';
import { AppPanel } from './app-panel';
import './dashboard.css';
import { KpiRow } from './kpi-row';
import { SourcesPanel } from './sources-panel';
import { useDashboard } from './store';
import { DecisionsPanel, FreshnessPanel, QualityPanel, RecentJobsPanel } from './summary-panels';
import { WarehousePanel } from './warehouse-panel';

export function DashboardScreen() {
  const refresh = useDashboard((s) => s.refresh);
  const summary = useDashboard((s) => s.summary);
  const busy = useDashboard((s) => s.app.state === 'loading' || s.warehouse.state === 'loading' || s.sources.state === 'loading' || s.summary.state === 'loading');
  const loadedAt = useDashboard((s) => s.warehouse.loadedAt);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="screen" data-testid="dashboard">
      <header className="screen-head">
        <h1>Dashboard</h1>
        <div className="screen-actions">
          {loadedAt ? <span className="muted">Updated {new Date(loadedAt).toLocaleTimeString()}</span> : null}
          <button type="button" className="button" onClick={() => void refresh()} disabled={busy}>
            {busy ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </header>
      <div className="dashboard-summary" data-testid="dashboard-summary">
        <ResourceView resource={summary} what="the summary">
          {(s) => (
            <>
              <KpiRow s={s} />
              <div className="dashboard-charts">
                <DecisionsPanel s={s} />
                <FreshnessPanel s={s} />
                <QualityPanel s={s} />
                <RecentJobsPanel s={s} />
              </div>
            </>
          )}
        </ResourceView>
      </div>
      <div className="dashboard-grid">
        <WarehousePanel />
        <div className="stack">
          <SourcesPanel />
          <AppPanel />
        </div>
      </div>
    </div>
  );
}
