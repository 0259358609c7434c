/**
 * The real desktop app (only with E2E_ELECTRON=1, where the Electron binary exists): launches the
 * electron-vite build with a fresh data folder and checks the dashboard over IPC.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { expect, ROOT, test } from '../fixtures';

test('the desktop app opens the dashboard with the embedded warehouse', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'revops-e2e-electron-'));
  const env = { ...process.env, REVOPS_DATA_DIR: dataDir } as Record<string, string>;
  delete env.DATABASE_URL;
  const app = await electron.launch({ args: [join(ROOT, 'out/main/index.js')], cwd: ROOT, env });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('warehouse-engine')).toHaveText('pglite', { timeout: 60_000 });
    await expect(page.getByTestId('schema-table').locator('tbody tr')).toHaveCount(4);
    await expect(page.getByTestId('app-panel')).toContainText('Desktop app');
    // The renderer has no Node and no raw IPC: only the contract bridge.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((globalThis as { revops?: object }).revops ?? {}).sort())).toEqual(['invoke', 'on']);
    await page.screenshot({ path: join('test-results', 'electron-dashboard.png') });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the desktop app keeps passwords in the OS keychain, offers a folder dialog and writes its log file', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'revops-e2e-electron-'));
  const env = { ...process.env, REVOPS_DATA_DIR: dataDir } as Record<string, string>;
  delete env.DATABASE_URL;
  const app = await electron.launch({ args: [join(ROOT, 'out/main/index.js')], cwd: ROOT, env });
  try {
    const page = await app.firstWindow();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('settings-screen')).toContainText('Passwords are kept in the OS keychain', { timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Browse…' })).toBeVisible();
    expect(existsSync(join(dataDir, 'logs', 'main.log'))).toBe(true);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
