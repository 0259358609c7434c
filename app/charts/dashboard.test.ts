import { describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../contract/dashboard';
import { autoShareChart, decisionsChart, qualityChart, STATE_LABEL } from './dashboard';

const decisions: DashboardSummary['decisions'] = {
  total: 60,
  byState: { auto_approve: 4, approved: 1, needs_review: 10, rejected: 2, auto_reject: 43 },
  autoDecided: 47,
  autoShare: 47 / 60,
  asOf: '2026-06-30',
  decidedAt: '2026-12-03T07:00:00.000Z',
};

type Series = { data: ({ value: number } | { name: string; value: number })[] };
const series = (o: Record<string, unknown>) => (o.series as Series[])[0]!.data;

describe('dashboard chart options', () => {
  it('decisions: one bar per state with its count, auto-approved on top', () => {
    const o = decisionsChart(decisions);
    const labels = (o.yAxis as { data: string[] }).data;
    expect(labels.at(-1)).toBe(STATE_LABEL.auto_approve);
    expect(series(o).map((d) => d.value)).toEqual([43, 2, 10, 1, 4]);
  });

  it('auto share: decided by rules vs the rest adds up to the total', () => {
    expect(series(autoShareChart(decisions)).map((d) => d.value)).toEqual([47, 13]);
  });

  it('quality: the worst tables, worst on top, schema prefix dropped, axis starting below the lowest score', () => {
    const tables = Array.from({ length: 10 }, (_, i) => ({ table: `core.t${i}`, score: 100 - i }));
    const o = qualityChart({ score: 97, at: 't', checksRun: 3, checksFailed: 1, tables });
    // echarts draws a category y axis bottom-up: the last entry (the worst table) is on top.
    expect((o.yAxis as { data: string[] }).data).toEqual(['t2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']);
    expect(series(o).map((d) => d.value)).toEqual([98, 97, 96, 95, 94, 93, 92, 91]);
    expect((o.xAxis as { min: number }).min).toBe(85);
  });
});
