/** Top movers (the selected range against the months just before it) and POD realized vs. expected. */
import { Panel } from '../../components/panel';
import { addMonths, monthsBetween } from '../../../../app/cost';
import { money, percent, tone } from './format';
import { useCost } from './store';

export function MoversPanel() {
  const { movers, moversBy, setMoversBy, from, to, drillTo } = useCost();
  const n = from && to ? monthsBetween({ from, to }).length : 0;
  const aside = (
    <div className="segmented" role="group" aria-label="Movers by">
      {(['account', 'product'] as const).map((d) => (
        <button key={d} type="button" className={`seg ${moversBy === d ? 'on' : ''}`} aria-pressed={moversBy === d} onClick={() => setMoversBy(d)}>
          {d === 'account' ? 'Accounts' : 'Products'}
        </button>
      ))}
    </div>
  );
  const rows = movers.data?.movers ?? [];
  return (
    <Panel title="Top movers" aside={aside} testId="movers-panel" className="cost-movers">
      <p className="muted small">Net AWS cost {from} – {to} against {n > 0 ? `${addMonths(from, -n)} – ${addMonths(from, -1)}` : 'the period before'}</p>
      {movers.error ? <p className="error-message">{movers.error.message}</p> : null}
      {rows.length === 0 && movers.state === 'ready' ? <p className="muted">No change.</p> : null}
      {rows.length > 0 ? (
        <table className="data-table cost-table">
          <thead><tr><th>{moversBy === 'account' ? 'AWS account' : 'Product'}</th><th>Name</th><th className="num">Before</th><th className="num">After</th><th className="num">Change</th><th className="num">%</th></tr></thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.key} className={moversBy === 'account' ? 'clickable' : ''} onClick={() => moversBy === 'account' && m.key && void drillTo({ account: m.key })}>
                <td className="mono">{m.key || '(none)'}</td><td className="name">{m.label ?? ''}</td>
                <td className="num">{money(m.before)}</td><td className="num">{money(m.after)}</td>
                <td className={`num ${tone(m.change)}`}>{money(m.change)}</td><td className={`num ${tone(m.changePct)}`}>{percent(m.changePct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Panel>
  );
}

export function PodPanel() {
  const { pod } = useCost();
  const d = pod.data;
  return (
    <Panel title="POD realized" aside={d ? <span className="muted">tenant {d.tenant} · expected {percent(d.expectedPct)} of gross</span> : null} testId="pod-panel" className="cost-pod">
      {pod.error ? <p className="error-message">{pod.error.message}</p> : null}
      {d && d.rows.length === 0 ? <p className="muted">No approved POD decision yet.</p> : null}
      {d && d.rows.length > 0 ? (
        <div className="scroll-y">
          <table className="data-table cost-table">
            <thead><tr><th>ACE</th><th>AWS account</th><th>Since</th><th className="num">Realized</th><th className="num">Expected</th><th className="num">Gap</th></tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={`${r.aceId}|${r.accountId}`} title={`${r.customerName ?? ''} · ${r.state} · gross ${money(r.gross)} over ${r.months} month(s)`}>
                  <td className="mono">{r.aceId}</td><td className="mono">{r.accountId || '—'}</td><td>{r.startMonth ?? '—'}</td>
                  <td className="num">{money(r.realized)}</td><td className="num">{money(r.expected)}</td><td className={`num ${tone(r.gap)}`}>{money(r.gap)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}
