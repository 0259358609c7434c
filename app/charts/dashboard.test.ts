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

  it('quality: one bar per table, schema prefix dropped', () => {
    const o = qualityChart({ score: 97, at: 't', checksRun: 3, checksFailed: 1, tables: [{ table: 'core.companies', score: 88.5 }, { table: 'core.ace_opportunities', score: 100 }] });
    expect((o.xAxis as { data: string[] }).data).toEqual(['companies', 'ace_opportunities']);
    expect(series(o).map((d) => d.value)).toEqual([88.5, 100]);
  });
});
