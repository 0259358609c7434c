/**
 * The Cost Explorer on a host the demo pipeline filled (seededHost, tiny): the headline figures and the
 * totals row equal what cost:query answers; the account selector picks a payer's linked accounts; the
 * drill-down goes account → products → months (screenshots at each level); Export writes an XLSX into the
 * data folder's exports/ and says where.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import type { CostDrillOutput, CostQueryOutput, InvokeOutput } from '../../../app/contract';
import { addMonths, presetRange } from '../../../app/cost';
import { expect, ROOT, test } from '../fixtures';

async function invoke<T>(request: APIRequestContext, host: { origin: string; token: string }, channel: string, data: unknown): Promise<T> {
  const res = await request.post(`${host.origin}/api/invoke/${channel}`, { headers: { Authorization: `Bearer ${host.token}` }, data });
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { value: T }).value;
}

const usd0 = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n);
const usd2 = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
const shot = (page: Page, name: string) => page.screenshot({ path: join(ROOT, 'artifacts/screens', `${name}.png`), fullPage: true });

test.describe.configure({ mode: 'serial' });

test('cost vs invoice, payer selection, drill-down account → product → month, export', async ({ page, seededHost, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const accounts = await invoke<InvokeOutput<'cost:accounts'>>(request, seededHost, 'cost:accounts', {});
  expect(accounts.lastMonth).not.toBeNull();
  const range = presetRange('last-12-months', `${accounts.lastMonth}-01`);
  const all = await invoke<CostQueryOutput>(request, seededHost, 'cost:query', { accounts: [], ...range, by: 'month' });
  expect(all.series).toHaveLength(12);

  await page.goto(seededHost.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cost Explorer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cost Explorer' })).toBeVisible();
  await expect(page.getByTestId('kpi-cost')).toHaveText(usd0(all.totals.cost));
  await expect(page.getByTestId('kpi-invoiced')).toHaveText(usd0(all.totals.invoiced));
  await expect(page.getByTestId('totals-row')).toContainText(usd2(all.totals.cost));
  await expect(page.getByTestId('totals-row')).toContainText(usd2(all.totals.invoiced));
  await expect(page.getByTestId('totals-panel').locator('tbody tr')).toHaveCount(12);
  await expect(page.getByTestId('chart-cost-invoice').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('chart-cost-invoice')).toHaveAttribute('aria-label', new RegExp(`${all.series[0]?.period} cost ${all.series[0]?.cost.toFixed(2)}`));
  await expect(page.getByTestId('drill-panel').locator('[data-level="account"] tbody tr')).toHaveCount(Math.min(200, all.byAccount.length));
  // Top movers: the range against the 12 months before it; POD realized of the approved decisions.
  const movers = await invoke<InvokeOutput<'cost:movers'>>(request, seededHost, 'cost:movers', {
    accounts: [], products: [], before: { from: addMonths(range.from, -12), to: addMonths(range.from, -1) }, after: range, dimension: 'account', limit: 10,
  });
  await expect(page.getByTestId('movers-panel').locator('tbody tr')).toHaveCount(movers.movers.length);
  const pod = await invoke<InvokeOutput<'cost:pod-realized'>>(request, seededHost, 'cost:pod-realized', {});
  if (pod.rows.length > 0) await expect(page.getByTestId('pod-panel').locator('tbody tr')).toHaveCount(pod.rows.length);
  else await expect(page.getByTestId('pod-panel')).toContainText('No approved POD decision');
  await shot(page, 'cost-account');
  await page.getByTestId('pod-panel').scrollIntoViewIfNeeded();
  await shot(page, 'cost-movers');
  await page.getByRole('heading', { level: 1, name: 'Cost Explorer' }).scrollIntoViewIfNeeded();

  // A payer brings its linked accounts; the figures follow the selection.
  const payer = accounts.payers.find((p) => p.accounts.length > 1) ?? accounts.payers[0];
  if (!payer) throw new Error('no payer');
  await page.getByTestId('account-picker').click();
  await page.getByRole('searchbox', { name: 'Search accounts' }).fill(payer.payerId);
  await page.getByRole('checkbox', { name: `Payer ${payer.payerId}` }).check();
  await page.getByRole('button', { name: 'Done' }).click();
  const ids = payer.accounts.map((a) => a.accountId);
  await expect(page.getByTestId('account-picker')).toContainText(`${new Set(ids).size} of`);
  const byPayer = await invoke<CostQueryOutput>(request, seededHost, 'cost:query', { accounts: [...new Set(ids)].sort(), ...range, by: 'month' });
  await expect(page.getByTestId('kpi-cost')).toHaveText(usd0(byPayer.totals.cost));

  // Drill: the account with the biggest cost → its products → the top product's months.
  // the biggest account that was invoiced (a payer's own account is often not billed)
  const top = byPayer.byAccount.find((a) => a.invoiced > 0) ?? byPayer.byAccount[0];
  if (!top) throw new Error('no account in the payer');
  await page.getByTestId('drill-panel').locator(`tr[data-account="${top.accountId}"]`).click();
  const products = await invoke<CostDrillOutput>(request, seededHost, 'cost:drill', { accounts: [...new Set(ids)].sort(), ...range, account: top.accountId });
  const level = page.getByTestId('drill-panel').locator('[data-level="product"]');
  await expect(level.locator('tbody tr')).toHaveCount(products.rows.length);
  await expect(page.getByTestId('drill-crumbs')).toContainText(top.accountId);
  await shot(page, 'cost-product');

  const product = products.rows[0];
  if (!product) throw new Error('no product');
  await level.locator(`tr[data-key="${product.key}"]`).click();
  const months = page.getByTestId('drill-panel').locator('[data-level="month"]');
  const monthly = await invoke<CostDrillOutput>(request, seededHost, 'cost:drill', { accounts: [...new Set(ids)].sort(), ...range, account: top.accountId, product: product.key });
  await expect(months.locator('tbody tr')).toHaveCount(monthly.rows.length);
  for (const m of monthly.rows) await expect(months.locator(`tr[data-key="${m.key}"]`)).toContainText(usd2(m.cost));
  await expect(page.getByTestId('drill-crumbs')).toContainText(product.key);
  await shot(page, 'cost-month');

  await page.getByRole('button', { name: 'Export XLSX' }).click();
  await expect(page.getByTestId('export-note')).toContainText(join(seededHost.dataDir, 'exports'));
  const path = (await page.getByTestId('export-note').textContent())?.replace(/^.* to /, '') ?? '';
  expect(existsSync(path)).toBe(true);
});
