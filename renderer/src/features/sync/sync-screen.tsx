import { useEffect } from 'react';
import type { SyncTargetInput } from '../../../../app/contract';
import { ErrorNote } from '../../components/error-note';
import { Panel } from '../../components/panel';
import { HistoryPanel } from './history-panel';
import { PipelineSteps } from './pipeline-steps';
import { ProgressPanel } from './progress-panel';
import { useSync } from './store';
import './sync.css';

const TARGETS: { target: SyncTargetInput; label: string; note: string }[] = [
  { target: 'odoo', label: 'Odoo', note: 'CRM, companies, billing' },
  { target: 'apn', label: 'ACE', note: 'ACE / APN opportunities' },
  { target: 'billing', label: 'Billing', note: 'Cost rows, bills, invoices' },
  { target: 'all', label: 'Sync all', note: 'Odoo and ACE' },
];

export function SyncScreen() {
  const init = useSync((s) => s.init);
  const run = useSync((s) => s.run);
  const runPipeline = useSync((s) => s.runPipeline);
  const cancel = useSync((s) => s.cancel);
  const running = useSync((s) => s.running);
  const cancelling = useSync((s) => s.cancelling);
  const error = useSync((s) => s.error);

  useEffect(() => {
    void init();
  }, [init]);

  const busy = running !== null;
  const label = running ? (running.mode === 'pipeline' ? 'Sync & match' : (TARGETS.find((t) => t.target === running.target)?.label ?? 'Sync')) : null;
  return (
    <div className="screen" data-testid="sync-screen">
      <header className="screen-head">
        <h1>Sync</h1>
        <div className="screen-actions">
          {busy ? (
            <span className="muted" data-testid="sync-running" role="status">
              {label} running…
            </span>
          ) : null}
          <button type="button" className="button" onClick={() => void cancel()} disabled={!busy || cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      </header>
      <Panel title="Copy the sources into the warehouse" testId="sync-actions">
        <div className="sync-buttons">
          {TARGETS.map((t) => (
            <button key={t.target} type="button" className={`button sync-button${t.target === 'all' ? ' primary-outline' : ''}`} onClick={() => void run(t.target)} disabled={busy}>
              <span className="sync-button-label">{t.label}</span>
              <span className="sync-button-note">{t.note}</span>
            </button>
          ))}
          <button type="button" className="button primary sync-button" onClick={() => void runPipeline()} disabled={busy}>
            <span className="sync-button-label">Sync &amp; match</span>
            <span className="sync-button-note">Sync, transform, quality, embed, match, decide</span>
          </button>
        </div>
        <p className="muted">Incremental: only what changed since the last sync is read. Sources are opened read-only; a cancelled job changes nothing.</p>
        {error ? <ErrorNote error={error} /> : null}
        <PipelineSteps />
      </Panel>
      <div className="sync-grid">
        <ProgressPanel />
        <HistoryPanel />
      </div>
    </div>
  );
}
