import type { TableProgress } from './store';
import { useSync } from './store';
import { Panel } from '../../components/panel';
import { formatEta, formatRate, formatRows, fractionOf } from './format';

const PHASE_TONE: Record<TableProgress['phase'], string> = { queued: '', copying: 'tone-warn', merging: 'tone-warn', done: 'tone-ok', failed: 'tone-bad', cancelled: 'tone-bad' };
const SOURCE_LABEL: Record<string, string> = { odoo: 'Odoo', apn: 'ACE' };

/** One row per table of the run on screen: bar, rows, rows/s, ETA, phase. */
export function ProgressPanel() {
  const tables = useSync((s) => s.tables);
  const running = useSync((s) => s.running);
  const rows = Object.values(tables).sort((a, b) => a.jobId.localeCompare(b.jobId) || (a.tableIndex ?? 0) - (b.tableIndex ?? 0) || a.table.localeCompare(b.table));
  const done = rows.filter((r) => r.phase === 'done').length;
  const count = rows.reduce((n, r) => Math.max(n, r.tableCount ?? 0), 0);
  const aside = rows.length > 0 ? <span className="muted" data-testid="tables-done">{`${done} of ${Math.max(count, rows.length)} tables done`}</span> : null;
  return (
    <Panel title="Progress" aside={aside} testId="progress-panel">
      {rows.length === 0 ? (
        <p className="muted">{running ? 'Connecting to the sources…' : 'Start a sync to see each table copied, with rows per second and time left.'}</p>
      ) : (
        <div className="progress-scroll">
          <table className="data-table progress-table">
            <thead>
              <tr>
                <th>Table</th>
                <th className="bar-col">Progress</th>
                <th className="num">Rows</th>
                <th className="num">Rate</th>
                <th className="num">ETA</th>
                <th>Phase</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="table-progress" data-table={r.table} data-phase={r.phase}>
                  <th>
                    <span className="muted">{SOURCE_LABEL[r.source] ?? r.source}</span> {r.table}
                  </th>
                  <td className="bar-col">
                    <div className="bar" role="progressbar" aria-label={`${r.table} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fractionOf(r) * 100)}>
                      <div className={`bar-fill phase-${r.phase}`} style={{ width: `${fractionOf(r) * 100}%` }} />
                    </div>
                  </td>
                  <td className="num">
                    {formatRows(r.rowsDone)}
                    {r.rowsTotal !== null ? <span className="muted"> / {formatRows(r.rowsTotal)}</span> : null}
                  </td>
                  <td className="num">{formatRate(r.rowsPerSecond)}</td>
                  <td className="num">{r.phase === 'copying' ? formatEta(r.etaSeconds) : '–'}</td>
                  <td>
                    <span className={`pill ${PHASE_TONE[r.phase]}`}>{r.phase}</span>
                    {r.attempt && r.attempt > 1 ? <span className="muted"> attempt {r.attempt}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
