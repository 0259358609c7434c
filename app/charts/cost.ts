/**
 * Pure echarts option builders for the cost explorer (renderer/src/features/cost): cost vs. invoice bars
 * per period with the margin % as a line on its own axis, and the product breakdown (cost vs. invoice per
 * product, biggest first). Plain data in, a plain option out; the aria description carries the numbers so
 * screen readers and tests read what the canvas shows.
 */
import type { CostFigures } from '../contract/cost';
import type { ChartOption } from './dashboard';

export const COST_COLOR = '#8a98ad';
export const INVOICE_COLOR = '#2c5aa8';
export const MARGIN_COLOR = '#d08a1c';

const AXIS = { color: '#5f6b7c', fontSize: 11 };
const GRID_LINE = { lineStyle: { color: '#eef1f5' } };
const compact = (v: number) => {
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(0)}k`;
  return v.toFixed(0);
};
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

export type Period = CostFigures & { period: string };

/** Margin % as drawn: within ±100% (the axis range); null stays a gap. */
export const clampPct = (x: number | null): number | null => (x === null ? null : Math.max(-1, Math.min(1, x)));

/** Side-by-side AWS cost and invoiced bars per period; margin % line on the right axis. */
export function costVsInvoiceChart(series: readonly Period[]): ChartOption {
  const desc = series.map((s) => `${s.period} cost ${s.cost.toFixed(2)} invoiced ${s.invoiced.toFixed(2)} margin ${pct(s.marginPct)}`).join('; ');
  return {
    animation: false,
    aria: { enabled: true, label: { description: desc } },
    color: [COST_COLOR, INVOICE_COLOR, MARGIN_COLOR],
    legend: { top: 0, right: 8, itemWidth: 12, itemHeight: 8, textStyle: { ...AXIS, color: '#1b2230' }, data: ['AWS cost', 'Invoiced', 'Margin %'] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // the line is clamped to ±100% (one month without invoice would flatten the rest); the tooltip says the real value
      formatter: (items: { dataIndex: number }[]) => {
        const s = series[items[0]?.dataIndex ?? -1];
        return s ? `${s.period}<br/>AWS cost ${s.cost.toFixed(2)}<br/>Invoiced ${s.invoiced.toFixed(2)}<br/>Margin ${s.margin.toFixed(2)} (${pct(s.marginPct)})` : '';
      },
    },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: series.map((s) => s.period), axisLabel: AXIS, axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: 'value', axisLabel: { ...AXIS, formatter: compact }, splitLine: GRID_LINE },
      { type: 'value', min: -1, max: 1, interval: 0.5, axisLabel: { ...AXIS, formatter: (v: number) => `${(v * 100).toFixed(0)}%` }, splitLine: { show: false } },
    ],
    series: [
      { name: 'AWS cost', type: 'bar', barGap: '8%', barMaxWidth: 28, data: series.map((s) => s.cost) },
      { name: 'Invoiced', type: 'bar', barMaxWidth: 28, data: series.map((s) => s.invoiced) },
      { name: 'Margin %', type: 'line', yAxisIndex: 1, symbolSize: 5, connectNulls: false, data: series.map((s) => clampPct(s.marginPct)) },
    ],
  };
}

export type ProductFigures = CostFigures & { productCode: string; productName: string | null };

/** Horizontal bars of the `top` products by cost (cost vs. invoiced); the rest summed as "Other". */
export function productChart(products: readonly ProductFigures[], top = 10): { option: ChartOption; codes: string[] } {
  const head = products.slice(0, top);
  const rest = products.slice(top);
  const rows = [...head.map((p) => ({ code: p.productCode, label: p.productCode || '(no product)', cost: p.cost, invoiced: p.invoiced }))];
  if (rest.length > 0) rows.push({ code: '', label: `Other (${rest.length})`, cost: rest.reduce((a, p) => a + p.cost, 0), invoiced: rest.reduce((a, p) => a + p.invoiced, 0) });
  const ordered = [...rows].reverse();
  const desc = rows.map((r) => `${r.label} cost ${r.cost.toFixed(2)} invoiced ${r.invoiced.toFixed(2)}`).join('; ');
  return {
    codes: ordered.map((r) => r.code),
    option: {
      animation: false,
      aria: { enabled: true, label: { description: desc } },
      color: [COST_COLOR, INVOICE_COLOR],
      legend: { top: 0, right: 8, itemWidth: 12, itemHeight: 8, textStyle: { ...AXIS, color: '#1b2230' }, data: ['AWS cost', 'Invoiced'] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 26, bottom: 4, containLabel: true },
      xAxis: { type: 'value', axisLabel: { ...AXIS, formatter: compact }, splitLine: GRID_LINE },
      yAxis: { type: 'category', data: ordered.map((r) => r.label), axisLabel: { ...AXIS, color: '#1b2230', width: 150, overflow: 'truncate' }, axisTick: { show: false } },
      series: [
        { name: 'AWS cost', type: 'bar', barGap: '10%', barMaxWidth: 10, data: ordered.map((r) => r.cost) },
        { name: 'Invoiced', type: 'bar', barMaxWidth: 10, data: ordered.map((r) => r.invoiced) },
      ],
    },
  };
}
