import { expect, it } from 'vitest';
import type { CostFigures } from '../contract/cost';
import { costVsInvoiceChart, productChart } from './cost';

const f = (cost: number, invoiced: number): CostFigures => ({
  cost, invoiced, gross: cost, credits: 0, refunds: 0, discountSpp: 0, discountPod: 0, discountOther: 0, tax: 0, billed: invoiced, creditNotes: 0,
  margin: invoiced - cost, marginPct: invoiced === 0 ? null : (invoiced - cost) / invoiced,
});

it('draws cost and invoice bars per period and the margin % on the second axis', () => {
  const o = costVsInvoiceChart([{ period: '2026-Q1', ...f(100, 110) }, { period: '2026-Q2', ...f(50, 0) }]) as { series: { name: string; data: unknown[]; yAxisIndex?: number }[]; xAxis: { data: string[] }; aria: { label: { description: string } } };
  expect(o.xAxis.data).toEqual(['2026-Q1', '2026-Q2']);
  expect(o.series.map((s) => s.name)).toEqual(['AWS cost', 'Invoiced', 'Margin %']);
  expect(o.series[0]?.data).toEqual([100, 50]);
  expect(o.series[1]?.data).toEqual([110, 0]);
  expect(o.series[2]?.yAxisIndex).toBe(1);
  expect(o.series[2]?.data[1]).toBeNull();
  const clamped = costVsInvoiceChart([{ period: '2026-06', ...f(500, 20) }]) as { series: { data: unknown[] }[] };
  expect(clamped.series[2]?.data).toEqual([-1]);
  expect(o.aria.label.description).toContain('2026-Q1 cost 100.00 invoiced 110.00 margin 9.1%');
});

it('shows the top products biggest first (top of the chart) and sums the rest as Other', () => {
  const products = Array.from({ length: 12 }, (_, i) => ({ productCode: `P${i}`, productName: null, ...f(120 - i * 10, 100) }));
  const { option, codes } = productChart(products, 10);
  const o = option as { yAxis: { data: string[] }; series: { data: number[] }[] };
  expect(o.yAxis.data.at(-1)).toBe('P0');
  expect(o.yAxis.data[0]).toBe('Other (2)');
  expect(codes[0]).toBe('');
  expect(o.series[0]?.data[0]).toBe(20 + 10);
});
