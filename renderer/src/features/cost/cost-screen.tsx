import { useEffect } from 'react';
import { ResourceView } from '../../components/resource-view';
import { AccountPicker } from './account-picker';
import './cost.css';
import { AccountsPanel, AnomaliesPanel, Kpis, ProductPanel, SeriesPanel, TotalsPanel } from './cost-panels';
import { MoversPanel, PodPanel } from './more-panels';
import { RangeBar } from './range-bar';
import { useCost } from './store';

export function CostScreen() {
  const { init, accounts, view, selected, setSelected, exportView, exporting, exportNote, from, to } = useCost();

  useEffect(() => {
    // `#/cost?account=<id>` (the review detail's link) opens the screen on that one account
    const open = () => void init(new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('account') ?? undefined);
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, [init]);

  return (
    <div className="screen cost-screen" data-testid="cost">
      <header className="screen-head">
        <h1>Cost Explorer</h1>
        <div className="screen-actions">
          {exportNote ? <span className={exportNote.ok ? 'muted' : 'error-message'} data-testid="export-note">{exportNote.text}</span> : null}
          <button type="button" className="button" onClick={() => void exportView()} disabled={exporting || !view.data}>
            {exporting ? 'Exporting…' : 'Export XLSX'}
          </button>
        </div>
      </header>
      <ResourceView resource={accounts} what="the AWS accounts">
        {(a) =>
          a.lastMonth ? (
            <>
              <div className="cost-toolbar">
                <AccountPicker accounts={a} selected={selected} onChange={setSelected} />
                <RangeBar />
                <span className="muted">{from} – {to} · data {a.firstMonth} – {a.lastMonth}</span>
              </div>
              <ResourceView resource={view} what="the cost view">
                {(v) => (
                  <div className="cost-body">
                    <Kpis v={v} />
                    <div className="cost-grid">
                      <SeriesPanel v={v} />
                      <ProductPanel v={v} />
                      <AccountsPanel v={v} />
                      <TotalsPanel v={v} />
                      <AnomaliesPanel v={v} />
                      <div className="cost-pair">
                        <MoversPanel />
                        <PodPanel />
                      </div>
                    </div>
                  </div>
                )}
              </ResourceView>
            </>
          ) : (
            <p className="muted">No billing data in the warehouse yet: run Sync &amp; match (sync, transform) first.</p>
          )
        }
      </ResourceView>
    </div>
  );
}
