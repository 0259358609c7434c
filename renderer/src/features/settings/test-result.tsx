import type { ConnectionTarget } from '../../../../app/contract';
import { ErrorNote } from '../../components/error-note';
import { useSettings } from './store';

/** The outcome of "Test connection" for one target: what works (with facts) or what failed and what to do. */
export function TestResult({ target }: { target: ConnectionTarget }) {
  const t = useSettings((s) => s.tests[target]);
  if (!t) return null;
  if (t.state === 'running') return <p className="muted" role="status">Testing…</p>;
  if (t.state === 'error') return <ErrorNote error={t.error} />;
  const r = t.result;
  return (
    <div className={`test-result ${r.ok ? 'test-ok' : 'test-bad'}`} role={r.ok ? 'status' : 'alert'} data-testid={`test-result-${target}`}>
      <p className="test-message">
        <span className={`pill ${r.ok ? 'tone-ok' : 'tone-bad'}`}>{r.ok ? 'OK' : 'Failed'}</span> {r.message}
      </p>
      {r.hint ? <p className="test-hint">{r.hint}</p> : null}
      {r.details.length > 0 ? (
        <p className="muted">
          {r.details.map((d) => `${d.label}: ${d.value}`).join(' · ')} · {r.ms} ms
        </p>
      ) : null}
    </div>
  );
}
