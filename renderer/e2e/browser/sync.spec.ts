/**
 * The Sync screen through the headless host on the seeded tiny demo sources: one click syncs with
 * per-table progress and lands in the job history; Sync & match runs every step; Cancel stops a sync mid-
 * copy (a 300,000-row table added to the Odoo demo source keeps it copying long enough to click); a host
 * without sources shows the failed job's error.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { addBulkTable } from '../../../main/services/sync/testing';
import { expect, ROOT, spawnHost, test } from '../fixtures';

const shot = (page: Page, name: string) => page.screenshot({ path: join(ROOT, 'artifacts/screens', `${name}.png`) });

async function openSync(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await expect(page.getByTestId('history-panel')).not.toContainText('Loading');
}

test.describe.configure({ mode: 'serial' });

test('Sync all: per-table progress, then two new jobs in the history', async ({ page, seededHost }) => {
  await openSync(page, seededHost.url);
  const before = await page.getByTestId('job-row').count();
  await page.getByRole('button', { name: /^Sync all/ }).click();
  // Progress rows arrive per table, with a bar each; at the end every table is done.
  await expect(page.getByTestId('table-progress').first()).toBeVisible();
  await expect(page.locator('[data-testid="table-progress"][data-table="crm_lead"]')).toHaveAttribute('data-phase', 'done');
  await expect(page.locator('[data-testid="table-progress"][data-table="apn_opportunity"]')).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('sync-running')).toHaveCount(0);
  await expect(page.getByTestId('job-row')).toHaveCount(before + 2);
  const newest = page.getByTestId('job-row').first();
  await expect(newest).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByRole('button', { name: /^Sync all/ })).toBeEnabled();
  const bars = page.getByRole('progressbar');
  expect(await bars.count()).toBeGreaterThan(10);
  await expect(bars.first()).toHaveAttribute('aria-valuenow', '100');
  await shot(page, 'sync');
});

test('Sync & match runs every step of the pipeline', async ({ page, seededHost }) => {
  test.setTimeout(180_000);
  await openSync(page, seededHost.url);
  await page.getByRole('button', { name: /^Sync & match/ }).click();
  const steps = page.getByTestId('pipeline-steps');
  await expect(steps).toBeVisible();
  await expect(steps).toHaveAttribute('data-outcome', 'succeeded', { timeout: 150_000 });
  for (const step of ['sync', 'transform', 'quality', 'match', 'decide']) await expect(steps.locator(`[data-step="${step}"]`)).toHaveAttribute('data-state', 'done');
  // No model folder on this machine: the semantic signal is off, said as a skipped step.
  await expect(steps.locator('[data-step="embed"]')).toHaveAttribute('data-state', 'skipped');
  await expect(steps.locator('[data-step="decide"]')).toContainText(/approved, \d+ to review/);
  await shot(page, 'sync-and-match');
});

test('Cancel stops a running sync; the job is recorded cancelled', async ({ page, seededHost }) => {
  await addBulkTable(seededHost.dataDir);
  await openSync(page, seededHost.url);
  await page.getByRole('button', { name: /^Odoo/ }).click();
  const bulk = page.locator('[data-testid="table-progress"][data-table="bulk_rows"]');
  await expect(bulk).toHaveAttribute('data-phase', 'copying', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('sync-running')).toHaveCount(0);
  const newest = page.getByTestId('job-row').first();
  await expect(newest).toHaveAttribute('data-status', 'cancelled');
  await expect(newest).toHaveAttribute('data-source', 'odoo');
  await expect(page.getByRole('button', { name: /^Odoo/ })).toBeEnabled();
});

test('a source that is not configured fails its job with an error that says what to do', async ({ page }) => {
  // Its own host: the failed job must not show up in other specs' shared host.
  const host = await spawnHost();
  try {
    await openSync(page, host.url);
    await page.getByRole('button', { name: /^ACE/ }).click();
    const newest = page.getByTestId('job-row').first();
    await expect(newest).toHaveAttribute('data-status', 'failed');
    await expect(newest.getByTestId('job-error')).toContainText('No apn source is configured');
    await expect(newest.getByTestId('job-error')).toContainText('revops demo sources');
  } finally {
    await host.stop();
  }
});
