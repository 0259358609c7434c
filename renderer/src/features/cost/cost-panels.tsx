/** The explorer's panels: headline figures, charts, the totals table, accounts with drill-down, anomalies. */
import { useMemo } from 'react';
import { costVsInvoiceChart, productChart } from '../../../../app/charts/cost';
import type { CostFigures, CostQueryOutput } from '../../../../app/contract';
import { periodRange, type Granularity } from '../../../../app/cost';
import { Panel } from '../../components/panel';
import { EChart } from '../../components/echart';
import { FLAG_LABEL, money, moneyShort, percent, tone } from './format';
import { useCost } from './store';

const FINER: Record<Granularity, Granularity> = { year: 'quarter', quarter: 'month', month: 'month' };

export function Kpis({ v }: { v: CostQueryOutput }) {
  const t = v.totals;
  const items: [string, string, string, string?][] = [
    ['AWS cost (net)', moneyShort(t.cost), 'kpi-cost', `gross ${moneyShort(t.gross)} · credits ${moneyShort(t.credits)}`],
    ['Invoiced', moneyShort(t.invoiced), 'kpi-invoiced', `credit notes ${moneyShort(t.creditNotes)}`],
    ['Margin', moneyShort(t.margin), 'kpi-margin', `billed (staging) ${moneyShort(t.billed)}`],
    ['Margin %', percent(t.marginPct), 'kpi-margin-pct', `SPP ${moneyShort(t.discountSpp)} · POD ${moneyShort(t.discountPod)}`],
    ['Flagged account-months', String(v.anomalyCount), 'kpi-flags', 'cost without invoice, invoice without cost, negative margin'],
  ];
  return (
    <div className="cost-kpis">
      {items.map(([label, value, id, sub]) => (
        <div key={id} className="cost-kpi">
          <div className="muted">{label}</div>
          <div className={`cost-kpi-value ${id === 'kpi-margin' || id === 'kpi-margin-pct' ? tone(t.margin) : ''}`} data-testid={id}>{value}</div>
          <div className="muted small">{sub}</div>
        </div>
      ))}
    </div>
  );
}

export function SeriesPanel({ v }: { v: CostQueryOutput }) {
  const { setRange, setBy } = useCost();
  const option = useMemo(() => costVsInvoiceChart(v.series), [v.series]);
  const pick = (i: number) => {
    const p = v.series[i];
    if (!p) return;
    const r = periodRange(p.period);
    setBy(FINER[v.by]);
    setRange(r.from, r.to);
  };
  return (
    <Panel title="Cost vs invoice" aside={<span className="muted">{v.currency} · click a bar to zoom into its period</span>} className="cost-series">
      <EChart option={option} height={260} label="AWS cost and invoiced per period with margin %" testId="chart-cost-invoice" onPick={pick} />
    </Panel>
  );
}

export function ProductPanel({ v }: { v: CostQueryOutput }) {
  const { products, setProducts } = useCost();
  const chart = useMemo(() => productChart(v.byProduct, 10), [v.byProduct]);
  const pick = (i: number) => {
    const code = chart.codes[i];
    if (code) setProducts([code]);
  };
  const aside = products.length > 0
    ? <button type="button" className="button small" onClick={() => setProducts([])} data-testid="product-filter">{products.join(', ')} ✕</button>
    : <span className="muted">click a product to filter</span>;
  return (
    <Panel title="By product" aside={aside} className="cost-products">
      <EChart option={chart.option} height={260} label="AWS cost and invoiced per product" testId="chart-products" onPick={pick} />
    </Panel>
  );
}

function FigureCells({ f }: { f: CostFigures }) {
  return (
    <>
      <td className="num">{money(f.cost)}</td>
      <td className="num">{money(f.invoiced)}</td>
      <td className={`num ${tone(f.margin)}`}>{money(f.margin)}</td>
      <td className={`num ${tone(f.marginPct)}`}>{percent(f.marginPct)}</td>
    </>
  );
}

const FIGURE_HEADS = ['AWS cost', 'Invoiced', 'Margin', 'Margin %'];

function ExtraCells({ f }: { f: CostFigures }) {
  return (
    <>
      <td className="num">{money(f.billed)}</td>
      <td className="num">{money(f.creditNotes)}</td>
      <td className="num">{money(f.credits)}</td>
      <td className="num">{money(f.discountSpp)}</td>
    </>
  );
}

export function TotalsPanel({ v }: { v: CostQueryOutput }) {
  return (
    <Panel title="Totals" aside={<span className="muted">same figures as the chart</span>} testId="totals-panel" className="cost-totals">
      <div className="scroll-y">
      <table className="data-table cost-table">
        <thead>
          <tr><th>Period</th>{FIGURE_HEADS.map((h) => <th key={h} className="num">{h}</th>)}<th className="num">Billed (staging)</th><th className="num">Credit notes</th><th className="num">Credits</th><th className="num">SPP discount</th></tr>
        </thead>
        <tbody>
          {v.series.map((s) => (
            <tr key={s.period} data-period={s.period}><th>{s.period}</th><FigureCells f={s} /><ExtraCells f={s} /></tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="totals-row"><th>Total</th><FigureCells f={v.totals} /><ExtraCells f={v.totals} /></tr>
        </tfoot>
      </table>
      </div>
    </Panel>
  );
}

export function AccountsPanel({ v }: { v: CostQueryOutput }) {
  const { path, drill, drillTo } = useCost();
  const d = drill.data;
  const crumbs = (
    <nav className="crumbs" aria-label="Drill-down" data-testid="drill-crumbs">
      <button type="button" className="link" onClick={() => void drillTo(null)}>Accounts</button>
      {path ? <> › <button type="button" className="link" onClick={() => void drillTo({ account: path.account })}>{path.account}{d?.accountName ? ` ${d.accountName}` : ''}</button></> : null}
      {path?.product !== undefined ? <> › <span>{path.product || '(no product)'}</span></> : null}
    </nav>
  );
  if (!path) {
    return (
      <Panel title="Accounts" aside={crumbs} testId="drill-panel" className="cost-drill">
        <div className="scroll-y" data-level="account">
          <table className="data-table cost-table">
            <thead><tr><th>AWS account</th><th>Name</th>{FIGURE_HEADS.map((h) => <th key={h} className="num">{h}</th>)}</tr></thead>
            <tbody>
              {v.byAccount.slice(0, 200).map((a) => (
                <tr key={a.accountId} className="clickable" onClick={() => a.accountId && void drillTo({ account: a.accountId })} data-account={a.accountId}>
                  <td className="mono">{a.accountId || '(no account)'}</td><td className="name">{a.accountName ?? ''}</td><FigureCells f={a} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    );
  }
  const level = path.product === undefined ? 'product' : 'month';
  return (
    <Panel title={level === 'product' ? 'Products of the account' : 'Months of the product'} aside={crumbs} testId="drill-panel" className="cost-drill">
      <div className="scroll-y" data-level={level}>
        {drill.state === 'loading' && !d ? <p className="muted">Loading…</p> : null}
        {drill.error ? <p className="error-message">{drill.error.message}</p> : null}
        {d ? (
          <table className="data-table cost-table">
            <thead><tr><th>{level === 'product' ? 'Product' : 'Month'}</th>{level === 'product' ? <th>Name</th> : null}{FIGURE_HEADS.map((h) => <th key={h} className="num">{h}</th>)}<th className="num">Credits</th><th className="num">SPP</th></tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.key} className={level === 'product' ? 'clickable' : ''} onClick={() => level === 'product' && void drillTo({ account: path.account, product: r.key })} data-key={r.key}>
                  <td className="mono">{r.key || '(none)'}</td>{level === 'product' ? <td className="name">{r.label ?? ''}</td> : null}<FigureCells f={r} /><td className="num">{money(r.credits)}</td><td className="num">{money(r.discountSpp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </Panel>
  );
}

export function AnomaliesPanel({ v }: { v: CostQueryOutput }) {
  const { drillTo } = useCost();
  return (
    <Panel title="Flagged" aside={<span className="muted">{v.anomalyCount > v.anomalies.length ? `newest ${v.anomalies.length} of ${v.anomalyCount}` : v.anomalyCount} account-months</span>} testId="anomalies-panel" className="cost-anomalies">
      {v.anomalies.length === 0 ? <p className="muted">Nothing flagged in this selection.</p> : (
        <div className="scroll-y">
          <table className="data-table cost-table">
            <thead><tr><th>Month</th><th>AWS account</th><th>Name</th><th>Flag</th><th className="num">AWS cost</th><th className="num">Invoiced</th><th className="num">Margin</th></tr></thead>
            <tbody>
              {v.anomalies.map((a) => (
                <tr key={`${a.month}|${a.accountId}|${a.kind}`} className="clickable" onClick={() => a.accountId && void drillTo({ account: a.accountId })}>
                  <td>{a.month}</td><td className="mono">{a.accountId || '(no account)'}</td><td className="name">{a.accountName ?? ''}</td>
                  <td><span className={`pill ${a.kind === 'negative_margin' ? 'tone-bad' : 'tone-warn'}`}>{FLAG_LABEL[a.kind]}</span></td>
                  <td className="num">{money(a.cost)}</td><td className="num">{money(a.invoiced)}</td><td className={`num ${tone(a.margin)}`}>{money(a.margin)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
