/**
 * Pure echarts option for the review screen's waterfall: the signals behind a candidate's score, in bits
 * of evidence (log2 likelihood ratios) as the matcher stored them. Each bar starts where the previous one
 * ended; the last bar is the total (the match weight), so the chart reads "prior, then each comparison
 * pushing up or down, landing here".
 *
 * Invariants: bars keep the matcher's order (prior, company stage, deal stage); comparisons that were not
 * made (no level) or carry < 0.01 bits are left out and counted in `omitted`; the total is the sum of
 * every contribution, left-out ones included (they are ~0), so it equals the stored weight.
 */
import type { MatchContribution } from '../contract/match';
import type { ChartOption } from './dashboard';

export type WaterfallStep = { id: string; label: string; level: string | null; stage: MatchContribution['stage'] | 'total'; bits: number; start: number; end: number };

const TINY = 0.01;
const COLORS = { up: '#2e8b57', down: '#a8231a', prior: '#8a94a6', total: '#2c5aa8' } as const;
const AXIS = { color: '#5f6b7c', fontSize: 11 };

export function waterfallSteps(contributions: readonly MatchContribution[]): { steps: WaterfallStep[]; omitted: number; total: number } {
  const shown = contributions.filter((c) => c.stage === 'prior' || (c.level !== null && Math.abs(c.bits) >= TINY));
  const total = contributions.reduce((s, c) => s + c.bits, 0);
  let at = 0;
  const steps: WaterfallStep[] = shown.map((c) => {
    const start = at;
    at += c.bits;
    return { id: c.id, label: c.label, level: c.level, stage: c.stage, bits: c.bits, start, end: at };
  });
  steps.push({ id: 'total', label: 'Match weight', level: null, stage: 'total', bits: total, start: 0, end: total });
  return { steps, omitted: contributions.length - shown.length, total };
}

const fmt = (bits: number) => `${bits >= 0 ? '+' : '−'}${Math.abs(bits).toFixed(1)}`;
const levelText = (level: string | null) => (level ? level.replace(/_/g, ' ') : '');

/** Horizontal waterfall (signals top to bottom, total last), sized for the detail pane. */
export function waterfallChart(contributions: readonly MatchContribution[]): ChartOption {
  const { steps } = waterfallSteps(contributions);
  const ordered = [...steps].reverse(); // echarts draws category 0 at the bottom
  const color = (s: WaterfallStep) => (s.stage === 'total' ? COLORS.total : s.stage === 'prior' ? COLORS.prior : s.bits >= 0 ? COLORS.up : COLORS.down);
  return {
    animation: false,
    aria: { enabled: true },
    grid: { left: 8, right: 48, top: 6, bottom: 6, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // the visible series only; the text comes from the step, not from echarts' formatter templating
      formatter: (params: { dataIndex: number }[]) => {
        const s = ordered[params[0]?.dataIndex ?? -1];
        return s ? `${s.label}${s.level ? ` — ${levelText(s.level)}` : ''}<br/>${fmt(s.bits)} bits` : '';
      },
    },
    xAxis: { type: 'value', axisLabel: AXIS, splitLine: { lineStyle: { color: '#eef1f5' } }, name: 'bits', nameTextStyle: AXIS },
    yAxis: {
      type: 'category',
      data: ordered.map((s) => (s.level ? `${s.label} · ${levelText(s.level)}` : s.label)),
      axisLabel: { ...AXIS, color: '#1b2230', width: 210, overflow: 'truncate' },
      axisTick: { show: false },
      axisLine: { show: false },
    },
    series: [
      // the invisible base: where each bar starts (the smaller end of the step)
      { type: 'bar', stack: 'w', stackStrategy: 'all', silent: true, itemStyle: { color: 'transparent' }, data: ordered.map((s) => Math.min(s.start, s.end)) },
      {
        type: 'bar',
        stack: 'w',
        // bases below zero: sum across signs, or echarts would start a positive bar at 0
        stackStrategy: 'all',
        barWidth: '62%',
        data: ordered.map((s) => ({ value: Math.abs(s.end - s.start), itemStyle: { color: color(s), borderRadius: 2 } })),
        label: { show: true, position: 'right', fontSize: 10, color: '#5f6b7c', formatter: (p: { dataIndex: number }) => fmt(ordered[p.dataIndex]?.bits ?? 0) },
      },
    ],
  };
}
