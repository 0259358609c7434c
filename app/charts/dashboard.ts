/**
 * Pure echarts option builders for the dashboard (renderer/src/features/dashboard): plain data in, a plain
 * option object out, so they are tested under Node and the renderer only hands them to echarts.
 * Colours follow the app's calm palette (renderer/src/styles/base.css tokens).
 */
import type { DashboardState, DashboardSummary } from '../contract/dashboard';

export const STATE_LABEL: Record<DashboardState, string> = {
  auto_approve: 'Auto-approved',
  approved: 'Approved by analyst',
  needs_review: 'Needs review',
  rejected: 'Rejected by analyst',
  auto_reject: 'Auto-rejected',
};

export const STATE_COLOR: Record<DashboardState, string> = {
  auto_approve: '#2e8b57',
  approved: '#17663f',
  needs_review: '#d08a1c',
  rejected: '#a8231a',
  auto_reject: '#c9cfd8',
};

export const STATE_ORDER: readonly DashboardState[] = ['auto_approve', 'approved', 'needs_review', 'rejected', 'auto_reject'];

const AXIS = { color: '#5f6b7c', fontSize: 11 };
const GRID_LINE = { lineStyle: { color: '#eef1f5' } };

/** Plain JSON the renderer passes to echarts' setOption. */
export type ChartOption = Record<string, unknown>;

/** Horizontal bars: opportunities per decision state, in workflow order, each bar labelled with its count. */
export function decisionsChart(d: DashboardSummary['decisions']): ChartOption {
  const states = [...STATE_ORDER].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', axisLabel: AXIS, splitLine: GRID_LINE, minInterval: 1 },
    yAxis: { type: 'category', data: states.map((s) => STATE_LABEL[s]), axisLabel: { ...AXIS, color: '#1b2230' }, axisTick: { show: false }, axisLine: { show: false } },
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        data: states.map((s) => ({ value: d.byState[s], itemStyle: { color: STATE_COLOR[s], borderRadius: [0, 3, 3, 0] } })),
        label: { show: true, position: 'right', color: '#1b2230', fontSize: 11 },
      },
    ],
  };
}

/** A ring: decided by the rules alone vs. the rest (analyst or still waiting). */
export function autoShareChart(d: DashboardSummary['decisions']): ChartOption {
  const manual = d.total - d.autoDecided;
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'pie',
        radius: ['62%', '86%'],
        label: { show: false },
        silent: d.total === 0,
        data: [
          { name: 'Decided by the rules', value: d.autoDecided, itemStyle: { color: '#2c5aa8' } },
          { name: 'Analyst or waiting', value: manual, itemStyle: { color: '#dfe3e9' } },
        ],
      },
    ],
  };
}

/** How many tables the quality chart shows: the worst ones, which are what an analyst acts on. */
export const QUALITY_TABLES_SHOWN = 8;

/** The tables the quality chart shows: lowest score first, at most QUALITY_TABLES_SHOWN. */
export function worstTables(q: NonNullable<DashboardSummary['quality']>): { table: string; score: number }[] {
  return [...q.tables].sort((a, b) => a.score - b.score || a.table.localeCompare(b.table)).slice(0, QUALITY_TABLES_SHOWN);
}

/**
 * Horizontal bars: the worst tables' latest quality scores (0–100), worst on top, red below 90, amber below
 * 98. The axis starts a little below the lowest score so differences of a few points stay visible.
 */
export function qualityChart(q: NonNullable<DashboardSummary['quality']>): ChartOption {
  const tone = (s: number) => (s < 90 ? '#a8231a' : s < 98 ? '#d08a1c' : '#2e8b57');
  const shown = worstTables(q).reverse();
  const low = Math.min(100, ...shown.map((t) => t.score));
  const min = Math.max(0, Math.floor((low - 5) / 5) * 5);
  return {
    animation: false,
    grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', min, max: 100, axisLabel: AXIS, splitLine: GRID_LINE },
    yAxis: { type: 'category', data: shown.map((t) => t.table.replace(/^core\./, '')), axisLabel: { ...AXIS, color: '#1b2230' }, axisTick: { show: false }, axisLine: { show: false } },
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'bar',
        barWidth: 12,
        data: shown.map((t) => ({ value: t.score, itemStyle: { color: tone(t.score), borderRadius: [0, 3, 3, 0] } })),
        label: { show: true, position: 'right', color: '#1b2230', fontSize: 11 },
      },
    ],
  };
}
