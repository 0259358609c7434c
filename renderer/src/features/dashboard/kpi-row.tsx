import { useMemo } from 'react';
import type { DashboardSummary } from '../../../../app/contract';
import { autoShareChart } from '../../../../app/charts/dashboard';
import { EChart } from '../../components/echart';
import { formatAge, formatCount, formatMoney, formatPercent } from './format';

/** The four numbers an analyst looks at first: workload, automation, money, data health. */
export function KpiRow({ s }: { s: DashboardSummary }) {
  const ring = useMemo(() => autoShareChart(s.decisions), [s.decisions]);
  const d = s.decisions;
  const v = s.valueAtStake;
  return (
    <div className="kpi-row">
      <div className="kpi" data-testid="kpi-opportunities">
        <span className="kpi-label">Opportunities decided</span>
        <span className="kpi-value" data-testid="kpi-total">{formatCount(d.total)}</span>
        <span className="kpi-note">
          {d.byState.needs_review > 0 ? <strong className="tone-text-warn">{formatCount(d.byState.needs_review)} need review</strong> : 'none waiting for review'}
          {d.asOf ? ` · as of ${d.asOf}` : ''}
        </span>
      </div>
      <div className="kpi kpi-with-chart" data-testid="kpi-auto-share">
        <div>
          <span className="kpi-label">Decided automatically</span>
          <span className="kpi-value" data-testid="auto-share">{d.autoShare === null ? '–' : formatPercent(d.autoShare)}</span>
          <span className="kpi-note">
            {formatCount(d.autoDecided)} of {formatCount(d.total)} by the rules alone
          </span>
        </div>
        <EChart option={ring} height={64} label={`${d.autoDecided} of ${d.total} decided automatically`} testId="chart-auto-share" />
      </div>
      <div className="kpi" data-testid="kpi-value">
        <span className="kpi-label">Value at stake (expected / month)</span>
        <span className="kpi-value" data-testid="value-eligible">{formatMoney(v.eligible, v.currency)}</span>
        <span className="kpi-note">
          {formatCount(v.eligibleCount)} eligible · {formatMoney(v.inReview, v.currency)} more in review
          {v.withoutValue > 0 ? ` · ${formatCount(v.withoutValue)} without a value` : ''}
        </span>
      </div>
      <div className="kpi" data-testid="kpi-quality">
        <span className="kpi-label">Data quality</span>
        <span className="kpi-value" data-testid="quality-score">{s.quality?.score === null || s.quality === null ? '–' : `${s.quality.score.toFixed(1)}`}</span>
        <span className="kpi-note">
          {s.quality ? `${s.quality.checksFailed} of ${s.quality.checksRun} checks failing · ${formatAge(s.quality.at)}` : 'no quality run yet'}
        </span>
      </div>
    </div>
  );
}
