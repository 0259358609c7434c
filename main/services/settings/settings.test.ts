/**
 * The settings channels through the handler registry: save & reload, passwords to the credential store
 * only, test-connection results that say what to do (against a closed port, and the real PostgreSQL
 * server when TEST_DATABASE_URL is set), the model folder check, and the env the sync gets.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvokeOutput } from '../../../app/contract';
import { createMemoryStore } from '../../config/credentials';
import { loadSettings } from '../../config/settings';
import type { ContractServices } from '../../host/handlers';
import { createHandlers } from '../../host/handlers';
import { nodeWorkerSpawner } from '../embed/worker-transport';
import { cudaReadiness } from './cuda-readiness';
import { sourceEnv, warehouseUrlFor } from './secrets-env';
import { createSettingsService } from './service';

const serverUrl = process.env.TEST_DATABASE_URL?.trim();

async function setup(env: Record<string, string | undefined> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'revops-settings-'));
  const credentials = createMemoryStore();
  const services = createSettingsService({ dataDir, databaseUrl: undefined, credentials, spawnWorker: nodeWorkerSpawner(), env });
  return { dataDir, credentials, h: createHandlers(services as unknown as ContractServices) };
}

describe('settings channels', () => {
  it('saves and reloads; a typed password goes to the credential store, never to settings.json', async () => {
    const { dataDir, credentials, h } = await setup();
    const before = await h.call('settings:get');
    expect(before).toMatchObject({ sources: { odoo: null, apn: null }, warehouse: { kind: 'embedded' }, tenant: 'default', credentialStore: 'memory', restartRequired: false });
    expect(before.tenants).toEqual(expect.arrayContaining(['default', 'demo']));
    const saved = await h.call('settings:set', {
      sources: { odoo: { kind: 'url', url: 'postgres://reader:typed-in-url@crm.example.com:5432/odoo', tls: 'require' }, apn: { kind: 'demo-embedded' } },
      warehouse: { kind: 'url', url: 'postgres://wh@127.0.0.1:5432/revops', password: 'wh-pass' },
      modelDir: '/opt/models/bge-m3',
      tenant: 'demo',
    });
    expect(saved.sources.odoo).toEqual({ kind: 'url', url: 'postgres://reader@crm.example.com:5432/odoo', tls: 'require', hasPassword: true });
    expect(saved.warehouse).toEqual({ kind: 'url', url: 'postgres://wh@127.0.0.1:5432/revops', hasPassword: true });
    expect(saved.restartRequired).toBe(true);
    const file = await readFile(join(dataDir, 'settings.json'), 'utf8');
    expect(file).not.toContain('typed-in-url');
    expect(file).not.toContain('wh-pass');
    expect(JSON.stringify(saved)).not.toContain('typed-in-url');
    expect(await credentials.get('source:odoo')).toBe('typed-in-url');
    // A fresh read of the file gives the same view.
    expect(await h.call('settings:get')).toEqual(saved);
    expect((await loadSettings(dataDir)).modelDir).toBe('/opt/models/bge-m3');
    // Switching a source away from a URL forgets its password.
    await h.call('settings:set', { sources: { odoo: { kind: 'demo-embedded' } }, modelDir: null });
    expect(await credentials.has('source:odoo')).toBe(false);
    expect((await h.call('settings:get')).modelDir).toBeNull();
  });

  it('refuses what is not valid, naming the field', async () => {
    const { h } = await setup();
    expect(await h.invoke('settings:set', { tenant: 'nope' })).toMatchObject({ ok: false, error: { code: 'bad_input', message: "There is no rule set 'nope'." } });
    expect(await h.invoke('settings:set', { sources: { odoo: { kind: 'url', url: 'mysql://x' } } })).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('postgres://') } });
    expect(await h.invoke('settings:set', { modelDir: 'relative/dir' })).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('absolute') } });
  });

  it('test-connection says what failed and what to do, without the password', async () => {
    const { h } = await setup();
    const r = await h.call('settings:test-connection', { target: 'odoo', source: { kind: 'url', url: 'postgres://reader@127.0.0.1:1/odoo', password: 'hunter2-x' } });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('127.0.0.1:1');
    expect(r.message).toContain('connection refused');
    expect(r.hint).toMatch(/start the database, or fix host and port/);
    expect(JSON.stringify(r)).not.toContain('hunter2-x');
    const tls = await h.call('settings:test-connection', { target: 'apn', source: { kind: 'url', url: 'postgres://r@apn.example.com/apn?sslmode=disable' } });
    expect(tls).toMatchObject({ ok: false, message: expect.stringContaining('remote and its URL turns TLS off') });
    const none = await h.call('settings:test-connection', { target: 'apn' });
    expect(none).toMatchObject({ ok: false, message: 'No APN source is configured.' });
    const demo = await h.call('settings:test-connection', { target: 'odoo', source: { kind: 'demo-embedded' } });
    expect(demo).toMatchObject({ ok: false, hint: expect.stringContaining('revops demo sources') });
    expect((await h.call('settings:test-connection', { target: 'warehouse' })).ok).toBe(true);
  });

  it.runIf(serverUrl)('test-connection against the real server: warehouse ok with pgvector; a database without crm_lead is not an Odoo source', async () => {
    const { h } = await setup();
    const wh = await h.call('settings:test-connection', { target: 'warehouse', warehouse: { kind: 'url', url: serverUrl! } });
    expect(wh.ok).toBe(true);
    expect(wh.details.find((d) => d.label === 'pgvector')?.value).not.toBe('not available');
    const src = await h.call('settings:test-connection', { target: 'odoo', source: { kind: 'url', url: serverUrl! } });
    expect(src).toMatchObject({ ok: false, message: expect.stringContaining('has no crm_lead table') });
    expect(src.details.find((d) => d.label === 'Session')?.value).toBe('read only');
    const u = new URL(serverUrl!);
    u.password = 'wrong-password';
    const bad = await h.call('settings:test-connection', { target: 'warehouse', warehouse: { kind: 'url', url: u.toString() } });
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('rejected the password') });
    expect(bad.hint).toMatch(/Type the password again/);
    expect(JSON.stringify(bad)).not.toContain('wrong-password');
  });

  it('the sync and the warehouse get stored passwords through their URLs; environment variables keep winning', async () => {
    const { dataDir, credentials, h } = await setup();
    await h.call('settings:set', { sources: { odoo: { kind: 'url', url: 'postgres://reader@crm.example.com/odoo', password: 's3' } }, warehouse: { kind: 'url', url: 'postgres://wh@db/revops', password: 'w4' } });
    const settings = await loadSettings(dataDir);
    expect((await sourceEnv(settings, credentials, {})).ODOO_DATABASE_URL).toBe('postgres://reader:s3@crm.example.com/odoo');
    expect((await sourceEnv(settings, credentials, { ODOO_DATABASE_URL: 'postgres://env/odoo' })).ODOO_DATABASE_URL).toBe('postgres://env/odoo');
    expect(await warehouseUrlFor(dataDir, credentials, {})).toBe('postgres://wh:w4@db/revops');
    expect(await warehouseUrlFor(dataDir, credentials, { DATABASE_URL: 'postgres://env/wh' })).toBe('postgres://env/wh');
  });

  it('model:detect names the missing file and says the semantic signal is off', async () => {
    const { dataDir, h } = await setup();
    const r: InvokeOutput<'model:detect'> = await h.call('model:detect', { modelDir: dataDir });
    expect(r).toMatchObject({ modelDir: dataDir, from: 'input', status: 'missing', provider: null, requestedProvider: 'cuda' });
    expect(r.message).toContain('has no model.onnx');
    expect(r.message).toContain('semantic signal is off');
    // Without a model the provider this machine can offer is still said, with the reason.
    expect(r.expected.reason.length).toBeGreaterThan(10);
    expect(r.expected.reason).toMatch(/CUDA|NVIDIA|CPU|onnxruntime/);
    expect(cudaReadiness('darwin', 'arm64')).toEqual({ provider: 'cpu', reason: 'onnxruntime-node has no CUDA build for darwin: the model runs on CPU.' });
    expect(await h.invoke('settings:pick-folder', {})).toMatchObject({ ok: false, error: { code: 'not_found', hint: 'Type the folder path in the field.' } });
  });
});
