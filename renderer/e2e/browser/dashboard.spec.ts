/**
 * The dashboard on a host the demo pipeline filled (seededHost): the charts render (echarts canvases) and
 * every number on the page matches what the host's warehouse answers (dashboard:summary, decision:list).
 */
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import type { DashboardSummary, DecisionList } from '../../../app/contract';
import { expect, ROOT, test } from '../fixtures';

async function invoke<T>(request: APIRequestContext, host: { origin: string; token: string }, channel: string, data: unknown): Promise<T> {
  const res = await request.post(`${host.origin}/api/invoke/${channel}`, { headers: { Authorization: `Bearer ${host.token}` }, data });
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { value: T }).value;
}

const usd = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n);

test('charts render with the numbers the warehouse holds', async ({ page, seededHost, request }) => {
  const s = await invoke<DashboardSummary>(request, seededHost, 'dashboard:summary', {});
  const list = await invoke<DecisionList>(request, seededHost, 'decision:list', { limit: 5000 });
  // The summary itself agrees with the decision list and the seed run.
  expect(s.decisions.total).toBe(list.total);
  expect(s.decisions.total).toBeGreaterThan(0);
  expect(s.decisions.byState.auto_approve + s.decisions.byState.approved).toBe((list.counts.auto_approve ?? 0) + (list.counts.approved ?? 0));

  await page.goto(seededHost.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('kpi-total')).toHaveText(new Intl.NumberFormat('en-US').format(s.decisions.total));
  await expect(page.getByTestId('auto-share')).toHaveText(`${Math.round((s.decisions.autoShare ?? 0) * 1000) / 10}%`);
  await expect(page.getByTestId('value-eligible')).toHaveText(usd(s.valueAtStake.eligible));
  await expect(page.getByTestId('kpi-value')).toContainText(`${s.valueAtStake.eligibleCount} eligible`);
  await expect(page.getByTestId('quality-score')).toHaveText((s.quality?.score ?? 0).toFixed(1));

  // Each chart is an echarts canvas with its data in the accessible label.
  for (const id of ['chart-decisions', 'chart-auto-share', 'chart-quality']) {
    const chart = page.getByTestId(id);
    await expect(chart.locator('canvas')).toHaveCount(1);
    const box = await chart.locator('canvas').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(40);
  }
  for (const [state, n] of Object.entries(s.decisions.byState)) await expect(page.getByTestId('chart-decisions')).toHaveAttribute('aria-label', new RegExp(`${state} ${n}\\b`));

  await expect(page.getByTestId('freshness-panel').locator('tr[data-source]')).toHaveCount(2);
  for (const f of s.freshness) await expect(page.getByTestId('freshness-panel').locator(`tr[data-source="${f.source}"]`)).toContainText(f.lastStatus ?? 'never');
  await expect(page.getByTestId('recent-jobs-panel').locator('tbody tr')).toHaveCount(s.recentJobs.length);
  await page.screenshot({ path: join(ROOT, 'artifacts/screens', 'dashboard.png') });
});
