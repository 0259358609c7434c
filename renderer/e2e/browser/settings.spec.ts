/**
 * The Settings screen through the headless host: a connection test that fails says what failed and what
 * to do (never echoing the password); saving writes settings.json without the password and a reload
 * shows what was saved; invalid input is refused at the field; the model folder check names what is missing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, spawnHost, test } from '../fixtures';

const shot = (page: Page, name: string) => page.screenshot({ path: join(ROOT, 'artifacts/screens', `${name}.png`) });

async function openSettings(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('source-odoo')).toBeVisible();
}

test('test connection: a refused port is one line naming host and port, and what to do', async ({ page, host }) => {
  await openSettings(page, host.url);
  const odoo = page.getByTestId('source-odoo');
  await odoo.getByLabel('Odoo CRM source').selectOption('url');
  // A URL that is not postgres:// is refused at the field, before any call.
  await odoo.getByLabel('Odoo CRM URL').fill('mysql://crm/odoo');
  await odoo.getByRole('button', { name: 'Test Odoo CRM connection' }).click();
  await expect(odoo.getByRole('alert')).toContainText('must start with postgres://');
  await odoo.getByLabel('Odoo CRM URL').fill('postgres://reader@127.0.0.1:1/odoo');
  await expect(odoo.getByRole('alert')).toHaveCount(0);
  await odoo.getByLabel('Odoo CRM password').fill('hunter2-secret');
  await odoo.getByRole('button', { name: 'Test Odoo CRM connection' }).click();
  const result = page.getByTestId('test-result-odoo');
  await expect(result).toContainText('Failed');
  await expect(result).toContainText('127.0.0.1:1');
  await expect(result).toContainText('connection refused');
  await expect(result).toContainText('start the database, or fix host and port');
  await expect(page.locator('body')).not.toContainText('hunter2-secret');
  // The model folder: nothing there, said plainly, and the provider is none.
  await expect(page.getByTestId('model-status')).toContainText('semantic signal is off');
  await shot(page, 'settings');
});

test('save and reload: the password stays out of settings.json and the page shows what was saved', async ({ page }) => {
  // Its own host: saving changes the data folder's settings, which the other specs' shared host must not see.
  const host = await spawnHost();
  try {
    await saveAndReload(page, host);
  } finally {
    await host.stop();
  }
});

async function saveAndReload(page: Page, host: { url: string; dataDir: string }) {
  await openSettings(page, host.url);
  const odoo = page.getByTestId('source-odoo');
  await odoo.getByLabel('Odoo CRM source').selectOption('url');
  await odoo.getByLabel('Odoo CRM URL').fill('postgres://reader:typed-secret@crm.example.com:5432/odoo');
  await page.getByTestId('source-apn').getByLabel('AWS ACE / APN source').selectOption('demo-embedded');
  await page.getByLabel('Tenant rule set').selectOption('demo');
  await page.getByLabel('Model folder').fill('relative/models');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('model-fields').getByRole('alert')).toContainText('absolute path');
  await page.getByLabel('Model folder').fill(join(host.dataDir, 'models', 'bge-m3'));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('saved')).toContainText('settings.json');

  const file = readFileSync(join(host.dataDir, 'settings.json'), 'utf8');
  expect(file).not.toContain('typed-secret');
  expect(JSON.parse(file)).toMatchObject({ sources: { odoo: { kind: 'url', url: 'postgres://reader@crm.example.com:5432/odoo' }, apn: { kind: 'demo-embedded' } }, tenant: 'demo' });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(odoo.getByLabel('Odoo CRM source')).toHaveValue('url');
  await expect(odoo.getByLabel('Odoo CRM URL')).toHaveValue('postgres://reader@crm.example.com:5432/odoo');
  await expect(odoo.getByLabel('Odoo CRM password')).toHaveValue('');
  await expect(odoo.getByLabel('Odoo CRM password')).toHaveAttribute('placeholder', /stored in the session memory/);
  await expect(page.getByTestId('source-apn').getByLabel('AWS ACE / APN source')).toHaveValue('demo-embedded');
  await expect(page.getByLabel('Tenant rule set')).toHaveValue('demo');
  await expect(page.getByLabel('Model folder')).toHaveValue(join(host.dataDir, 'models', 'bge-m3'));
  await expect(page.getByTestId('model-detect')).toContainText('from settings');
  await expect(page.locator('body')).not.toContainText('typed-secret');
}
