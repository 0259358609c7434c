import { Panel } from '../../components/panel';
import { ResourceView } from '../../components/resource-view';
import { formatMs, formatRows } from './format';
import { useSync } from './store';

const STATUS_TONE = { succeeded: 'tone-ok', running: 'tone-warn', failed: 'tone-bad', cancelled: 'tone-warn' } as const;
const SOURCE_LABEL = { odoo: 'Odoo', apn: 'ACE' } as const;

/** ops.sync_jobs, newest first; a failed job shows its one-line error under it. */
export function HistoryPanel() {
  const jobs = useSync((s) => s.jobs);
  return (
    <Panel title="Job history" testId="history-panel">
      <ResourceView resource={jobs} what="sync jobs">
        {(data) =>
          data.jobs.length === 0 ? (
            <p className="muted">No sync has run on this warehouse yet.</p>
          ) : (
            <table className="data-table" data-testid="job-history">
              <thead>
                <tr>
                  <th>Started</th>
                  <th>Source</th>
                  <th>Type</th>
                  <th>Status</th>
                  <th className="num">Tables</th>
                  <th className="num">Read</th>
                  <th className="num">Inserted</th>
                  <th className="num">Updated</th>
                  <th className="num">Deleted</th>
                  <th className="num">Failed</th>
                  <th className="num">Took</th>
                </tr>
              </thead>
              {data.jobs.map((j) => (
                <tbody key={j.jobId} data-testid="job-row" data-status={j.status} data-source={j.source}>
                  <tr>
                    <td title={j.startedAt}>{new Date(j.startedAt).toLocaleString()}</td>
                    <th>
                      {SOURCE_LABEL[j.source]}
                      {j.scope === 'billing' ? <span className="muted"> billing</span> : null}
                    </th>
                    <td>{j.jobType}</td>
                    <td>
                      <span className={`pill ${STATUS_TONE[j.status]}`}>{j.status}</span>
                      {j.attempts > 1 ? <span className="muted"> {j.attempts} attempts</span> : null}
                    </td>
                    <td className="num">{j.tablesSynced}</td>
                    <td className="num">{formatRows(j.rowsRead)}</td>
                    <td className="num">{formatRows(j.inserted)}</td>
                    <td className="num">{formatRows(j.updated)}</td>
                    <td className="num">{formatRows(j.deleted)}</td>
                    <td className="num">{j.failed > 0 ? <strong className="error-message">{formatRows(j.failed)}</strong> : 0}</td>
                    <td className="num">{formatMs(j.durationMs)}</td>
                  </tr>
                  {j.error || j.warnings.length > 0 ? (
                    <tr className="job-detail">
                      <td colSpan={11}>
                        {j.error ? <p className="error-message wrap" data-testid="job-error">{j.error}</p> : null}
                        {j.warnings.map((w) => (
                          <p key={w} className="muted wrap">
                            {w}
                          </p>
                        ))}
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              ))}
            </table>
          )
        }
      </ResourceView>
    </Panel>
  );
}
