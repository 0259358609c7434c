import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, updateSettings } from './settings';

describe('settings', () => {
  it('returns defaults when no file exists, and round-trips a saved file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-settings-'));
    expect(await loadSettings(dir)).toEqual(DEFAULT_SETTINGS);
    await updateSettings(dir, (s) => ({ ...s, sources: { odoo: { kind: 'demo-embedded' }, apn: { kind: 'demo-server', database: 'revops_demo_apn' } } }));
    const again = await loadSettings(dir);
    expect(again.sources.odoo).toEqual({ kind: 'demo-embedded' });
    expect(again.sources.apn).toEqual({ kind: 'demo-server', database: 'revops_demo_apn' });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).version).toBe(1);
  });

  it('names the file and the bad field when the file is invalid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-settings-'));
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, sources: { odoo: { kind: 'ftp' }, apn: null }, tenant: 'x' }));
    await expect(loadSettings(dir)).rejects.toThrow(/settings\.json is invalid: sources\.odoo/);
  });

  it('refuses to save invalid settings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-settings-'));
    await expect(saveSettings(dir, { ...DEFAULT_SETTINGS, tenant: '' })).rejects.toThrow();
  });
});

describe('data dir', () => {
  it('honours REVOPS_DATA_DIR and otherwise follows the platform convention', () => {
    expect(resolveDataDir({ REVOPS_DATA_DIR: '/tmp/x' }, 'linux')).toBe('/tmp/x');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/RevOps Workbench');
    expect(resolveDataDir({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32')).toMatch(/RevOps Workbench$/);
  });
});
