import { useMemo } from 'react';
import type { DashboardSummary } from '../../../../app/contract';
import { decisionsChart, qualityChart, QUALITY_TABLES_SHOWN, worstTables } from '../../../../app/charts/dashboard';
import { Panel } from '../../components/panel';
import { EChart } from '../../components/echart';
import { formatAge, formatCount, formatDuration } from './format';

const SOURCE_LABEL = { odoo: 'Odoo CRM', apn: 'AWS ACE / APN' } as const;
const STEP_LABEL = { transform: 'Transform', quality: 'Quality checks', match: 'Matching', decide: 'POD decisions' } as const;
const STATUS_TONE = { succeeded: 'tone-ok', running: 'tone-warn', failed: 'tone-bad', cancelled: 'tone-warn' } as const;

export function DecisionsPanel({ s }: { s: DashboardSummary }) {
  const option = useMemo(() => decisionsChart(s.decisions), [s.decisions]);
  return (
    <Panel title="Opportunities by decision" aside={<span className="muted">tenant {s.tenant}</span>} testId="decisions-panel">
      {s.decisions.total === 0 ? (
        <p className="muted">No POD decisions yet: run Sync &amp; match on the Sync screen.</p>
      ) : (
        <EChart option={option} height={170} label={`Opportunities by decision: ${Object.entries(s.decisions.byState).map(([k, n]) => `${k} ${n}`).join(', ')}`} testId="chart-decisions" />
      )}
    </Panel>
  );
}

export function FreshnessPanel({ s }: { s: DashboardSummary }) {
  return (
    <Panel title="Freshness" testId="freshness-panel">
      <table className="data-table">
        <tbody>
          {s.freshness.map((f) => (
            <tr key={f.source} data-source={f.source}>
              <th>{SOURCE_LABEL[f.source]}</th>
              <td>{f.lastSuccessAt ? <span title={f.lastSuccessAt}>synced {formatAge(f.lastSuccessAt)}</span> : <span className="muted">never synced</span>}</td>
              <td className="num">{f.lastStatus ? <span className={`pill ${STATUS_TONE[f.lastStatus]}`}>{f.lastStatus}</span> : null}</td>
            </tr>
          ))}
          {s.steps.map((x) => (
            <tr key={x.step}>
              <th>{STEP_LABEL[x.step]}</th>
              <td colSpan={2}>{x.at ? <span title={x.at}>ran {formatAge(x.at)}</span> : <span className="muted">never ran</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.freshness.filter((f) => f.lastStatus === 'failed' && f.lastError).map((f) => (
        <p key={f.source} className="error-message wrap">
          {SOURCE_LABEL[f.source]}: {f.lastError}
        </p>
      ))}
    </Panel>
  );
}

export function QualityPanel({ s }: { s: DashboardSummary }) {
  const q = s.quality;
  const option = useMemo(() => (q ? qualityChart(q) : null), [q]);
  return (
    <Panel
      title="Data quality: weakest tables"
      aside={q ? <span className="muted">{q.tables.length > QUALITY_TABLES_SHOWN ? `${QUALITY_TABLES_SHOWN} of ${q.tables.length} tables, score 0–100` : 'score 0–100'}</span> : null}
      testId="quality-panel"
    >
      {q && option ? <EChart option={option} height={190} label={`Quality by table: ${worstTables(q).map((t) => `${t.table} ${t.score}`).join(', ')}`} testId="chart-quality" /> : <p className="muted">No quality run yet.</p>}
    </Panel>
  );
}

export function RecentJobsPanel({ s }: { s: DashboardSummary }) {
  return (
    <Panel title="Recent sync jobs" testId="recent-jobs-panel">
      {s.recentJobs.length === 0 ? (
        <p className="muted">No sync yet.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>Source</th>
              <th>Started</th>
              <th>Status</th>
              <th className="num nowrap">Rows</th>
              <th className="num">Took</th>
            </tr>
          </thead>
          <tbody>
            {s.recentJobs.map((j) => (
              <tr key={j.jobId} title={j.error ?? undefined}>
                <th>
                  {SOURCE_LABEL[j.source]}
                  {j.scope === 'billing' ? <span className="muted"> billing</span> : null}
                </th>
                <td className="nowrap">{formatAge(j.startedAt)}</td>
                <td>
                  <span className={`pill ${STATUS_TONE[j.status]}`}>{j.status}</span>
                </td>
                <td className="num">{formatCount(j.rowsWritten)}</td>
                <td className="num nowrap">{formatDuration(j.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
