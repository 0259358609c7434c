/**
 * The rules screen on a seeded host: the rule set the host says is active (tenant, files, every program
 * version with its dates and every rule's text, severity and parameters), and no load error.
 */
import { join } from 'node:path';
import type { RulesActive } from '../../../app/contract';
import { expect, ROOT, test } from '../fixtures';

test('the rules screen shows the active rule set, its files and every rule with its text', async ({ page, seededHost, request }) => {
  const res = await request.post(`${seededHost.origin}/api/invoke/rules:active`, { headers: { Authorization: `Bearer ${seededHost.token}` }, data: {} });
  expect(res.ok()).toBe(true);
  const active = ((await res.json()) as { value: RulesActive }).value;
  expect(active.versions.length).toBeGreaterThan(0);

  await page.goto(seededHost.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rules' })).toBeVisible();
  await expect(page.getByTestId('rules-tenant')).toHaveText(active.tenant);
  for (const f of active.files) await expect(page.getByTestId('rules-files')).toContainText(f);
  await expect(page.getByTestId('rules-status')).toHaveText(active.loadErrors.length === 0 ? 'loaded' : /errors/);
  if (active.loadErrors.length === 0) await expect(page.getByTestId('rules-load-errors')).toHaveCount(0);

  for (const v of active.versions) {
    const panel = page.getByTestId(`version-${v.id}`);
    await expect(panel).toContainText(`effective ${v.from}`);
    await expect(panel.locator('.rule-card')).toHaveCount(v.rules.length);
    for (const r of v.rules) {
      const card = panel.locator(`.rule-card[data-rule="${r.id}"]`);
      await expect(card).toContainText(r.title);
      await expect(card.locator('.rule-condition')).toHaveText(r.condition);
      await expect(card.locator('.pill').first()).toHaveText(r.severity === 'reject' ? 'rejects' : 'needs review');
      for (const k of Object.keys(r.parameters)) await expect(card.locator('.rule-params')).toContainText(k);
    }
  }
  await page.screenshot({ path: join(ROOT, 'artifacts/screens', 'rules.png') });
});
