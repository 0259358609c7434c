import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { warehouseStatusSchema } from '../../app/contract';
import { createServerDatabase, testEngines } from '../../db/testing';
import type { Host } from './server';
import { startHost } from './server';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Raw HTTP so the test controls every header (fetch would not let us forge Host). */
function send(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const invoke = (host: Host, channel: string, body = '{}', token: string | null = host.token) =>
  send(`${host.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body,
  });

for (const engine of testEngines()) {
  describe(`headless host [${engine}]`, () => {
    let host: Host;
    let dataDir: string;
    let staticDir: string;
    let dropServerDb: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'revops-host-'));
      staticDir = await mkdtemp(join(tmpdir(), 'revops-static-'));
      await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title><div id="root"></div>');
      let databaseUrl: string | undefined;
      if (engine === 'postgres') {
        const created = await createServerDatabase(process.env.TEST_DATABASE_URL as string);
        databaseUrl = created.url;
        dropServerDb = created.drop;
      }
      host = await startHost({ dataDir, databaseUrl, port: 0, staticDir });
    });

    afterAll(async () => {
      await host?.close();
      await dropServerDb?.();
      await rm(dataDir, { recursive: true, force: true });
      await rm(staticDir, { recursive: true, force: true });
    });

    it('listens on loopback with the token in the URL fragment', () => {
      expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(host.port).toBeGreaterThan(0);
      expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
      expect(host.token.length).toBeGreaterThanOrEqual(40);
    });

    it('answers warehouse:status with a migrated warehouse', async () => {
      const reply = await invoke(host, 'warehouse:status');
      expect(reply.status).toBe(200);
      const body = JSON.parse(reply.body) as { ok: true; value: unknown };
      expect(body.ok).toBe(true);
      const status = warehouseStatusSchema.parse(body.value);
      expect(status.engine).toBe(engine);
      expect(status.schemaVersion).toBe(status.appSchemaVersion);
      expect(status.schemaVersion).toBeGreaterThanOrEqual(1);
      expect(status.schemas.map((s) => s.schema)).toEqual(['raw', 'core', 'search', 'ops']);
      expect(status.extensions.map((e) => e.name)).toContain('vector');
      const password = engine === 'postgres' ? new URL(process.env.TEST_DATABASE_URL as string).password : '';
      if (password) expect(status.description).not.toContain(password);
    });

    it('answers app:info and sources:status for a fresh data folder', async () => {
      const info = JSON.parse((await invoke(host, 'app:info', '')).body) as { value: { dataDir: string; engine: string; shell: string } };
      expect(info.value).toMatchObject({ dataDir, engine, shell: 'headless' });
      const sources = JSON.parse((await invoke(host, 'sources:status')).body) as { value: { sources: { id: string; kind: unknown }[]; demo: unknown } };
      expect(sources.value.sources).toEqual([
        expect.objectContaining({ id: 'odoo', kind: null }),
        expect.objectContaining({ id: 'apn', kind: null }),
      ]);
      expect(sources.value.demo).toBeNull();
    });

    it('rejects calls without the token, with a wrong token, or from a foreign Host', async () => {
      const none = await invoke(host, 'warehouse:status', '{}', null);
      expect(none.status).toBe(401);
      expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect((await invoke(host, 'warehouse:status', '{}', 'x'.repeat(host.token.length))).status).toBe(401);
      const rebound = await send(`${host.origin}/api/invoke/app:info`, {
        method: 'POST',
        headers: { Host: `evil.example:${host.port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
        body: '{}',
      });
      expect(rebound.status).toBe(421);
    });

    it('answers bad input with 4xx and a typed error', async () => {
      const extra = await invoke(host, 'warehouse:status', '{"verbose":true}');
      expect(extra.status).toBe(400);
      expect(JSON.parse(extra.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      expect((await invoke(host, 'warehouse:status', '{not json')).status).toBe(400);
      expect(JSON.parse((await invoke(host, 'nope:never')).body)).toMatchObject({ error: { code: 'unknown_channel' } });
      const plain = await send(`${host.origin}/api/invoke/app:info`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' }, body: '{}' });
      expect(plain.status).toBe(415);
      expect((await send(`${host.origin}/api/invoke/app:info`, { headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(405);
    });

    it('serves index.html with a CSP and no token in it', async () => {
      const page = await send(`${host.origin}/`);
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain(`ws://127.0.0.1:${host.port}`);
      expect(page.body).not.toContain(host.token);
      expect((await send(`${host.origin}/../../etc/passwd`)).status).toBe(404);
    });

    it('pushes contract events over the WebSocket to token holders only', async () => {
      const wsUrl = `${host.origin.replace('http', 'ws')}/api/events`;
      const refused = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${wsUrl}?token=wrong`);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
      });
      expect(refused).toBe(401);

      const foreign = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${wsUrl}?token=${host.token}`, { origin: 'http://evil.example' });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
      });
      expect(foreign).toBe(403);

      const ws = new WebSocket(`${wsUrl}?token=${host.token}`);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      const received = new Promise<unknown>((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
      const payload = { jobId: 'j1', source: 'odoo', table: 'res_partner', phase: 'copying' as const, rowsDone: 10, rowsTotal: 100 };
      host.emit('sync:progress', payload);
      expect(await received).toEqual({ event: 'sync:progress', payload });
      ws.close();
    });
  });
}

describe('headless host start-up', () => {
  it('explains a busy port in one line', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-host-'));
    const first = await startHost({ dataDir, port: 0 });
    try {
      await expect(startHost({ dataDir, port: first.port })).rejects.toThrow(`Port ${first.port} on 127.0.0.1 is already in use`);
    } finally {
      await first.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('headless host with an unreachable server', () => {
  it('reports warehouse_unavailable naming host and port, never the password', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-host-'));
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const host = await startHost({ dataDir, databaseUrl: 'postgres://alice:s3cret-pw@127.0.0.1:1/warehouse', port: 0 });
    try {
      const reply = await invoke(host, 'warehouse:status');
      expect(reply.status).toBe(503);
      expect(reply.body).not.toContain('s3cret-pw');
      const body = JSON.parse(reply.body) as { error: { code: string; message: string; hint?: string } };
      expect(body.error.code).toBe('warehouse_unavailable');
      expect(body.error.message).toContain('127.0.0.1:1');
      expect(body.error.hint).toMatch(/DATABASE_URL/);
      // The rest of the app still answers.
      expect((await invoke(host, 'app:info')).status).toBe(200);
    } finally {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
