import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostError, sourcesStatusSchema } from '../../app/contract';
import { saveSettings, DEFAULT_SETTINGS } from '../config/settings';
import type { StatusDeps } from './status';
import { appInfo, getSourcesStatus } from './status';

describe('status services', () => {
  let dataDir: string;
  const deps = (over: Partial<StatusDeps> = {}): StatusDeps => ({
    dataDir,
    databaseUrl: undefined,
    appName: 'RevOps Workbench',
    appVersion: '9.9.9',
    shell: 'headless',
    warehouse: () => Promise.reject(new Error('not used here')),
    ...over,
  });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'revops-status-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('app:info names the engine from DATABASE_URL without opening the warehouse', async () => {
    expect(await appInfo(deps())).toEqual({ name: 'RevOps Workbench', version: '9.9.9', engine: 'pglite', dataDir, shell: 'headless' });
    expect((await appInfo(deps({ databaseUrl: 'postgres://u@h/db' }))).engine).toBe('postgres');
  });

  it('sources:status reports unconfigured sources for a fresh data folder', async () => {
    const status = sourcesStatusSchema.parse(await getSourcesStatus(deps()));
    expect(status.tenant).toBe('default');
    expect(status.sources.map((s) => [s.id, s.kind, s.target])).toEqual([
      ['odoo', null, null],
      ['apn', null, null],
    ]);
    expect(status.demo).toBeNull();
  });

  it('sources:status follows settings.json', async () => {
    await saveSettings(dataDir, {
      ...DEFAULT_SETTINGS,
      tenant: 'acme',
      sources: { odoo: { kind: 'demo-server', database: 'revops_demo_odoo' }, apn: { kind: 'url', url: 'postgres://reader@apn.internal:5432/apn' } },
    });
    const status = await getSourcesStatus(deps());
    expect(status.tenant).toBe('acme');
    expect(status.sources).toEqual([
      { id: 'odoo', label: 'Odoo CRM', kind: 'demo-server', target: 'database revops_demo_odoo on the warehouse server' },
      { id: 'apn', label: 'AWS ACE / APN', kind: 'url', target: 'postgres://reader@apn.internal:5432/apn' },
    ]);
  });

  it('sources:status describes generated demo sources from their manifest', async () => {
    // The manifest as the generator writes it (main/services/demo-sources/location.ts DemoManifest).
    const manifest = {
      version: 1,
      scale: 'tiny',
      seed: 'demo',
      asOf: '2026-06-30',
      engine: 'pglite',
      location: { odoo: 'odoo', apn: 'apn' },
      truth: 'truth',
      checksums: { odoo: 'a', apn: 'b' },
      counts: {},
      generatedAt: '2026-06-30T00:00:00.000Z',
      durationMs: 1,
    };
    await mkdir(join(dataDir, 'demo-sources'));
    await writeFile(join(dataDir, 'demo-sources/manifest.json'), JSON.stringify(manifest));
    await saveSettings(dataDir, { ...DEFAULT_SETTINGS, sources: { odoo: { kind: 'demo-embedded' }, apn: { kind: 'demo-embedded' } } });
    const status = sourcesStatusSchema.parse(await getSourcesStatus(deps()));
    expect(status.demo).toEqual({ scale: 'tiny', seed: 'demo', asOf: '2026-06-30', engine: 'pglite', location: `${join(dataDir, 'demo-sources')} (odoo: odoo, apn: apn)` });
    expect(status.sources.map((s) => s.kind)).toEqual(['demo-embedded', 'demo-embedded']);
    expect(status.sources[0]?.target).toContain(join(dataDir, 'demo-sources'));
  });

  it('an invalid settings.json is a settings_invalid error that says what to do', async () => {
    await writeFile(join(dataDir, 'settings.json'), '{"version": 1, "sources": {"odoo": {"kind": "ftp"}}}');
    const err = await getSourcesStatus(deps()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe('settings_invalid');
    expect((err as HostError).hint).toContain(join(dataDir, 'settings.json'));
  });
});
