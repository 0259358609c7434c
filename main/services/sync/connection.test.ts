/**
 * Source connection policy: TLS for remote sources unless turned off in settings, environment URLs win,
 * passwords never in descriptions or errors; a configured source that is unreachable fails its job with
 * one redacted line and does not stop the other source.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../../db/pglite';
import { migrate } from '../../../db/migrate';
import type { Settings } from '../../config/settings';
import { settingsSchema } from '../../config/settings';
import { endpointFor, isLoopbackHost, resolveSources, SourceConfigError } from './connection';
import { runSync } from './index';
import { isTransient, openSource } from './source';
import { startTestSource } from './test-source';

const settings = (odoo: Settings['sources']['odoo'], apn: Settings['sources']['apn'] = null): Settings => ({ version: 1, tenant: 'default', sources: { odoo, apn } });

describe('source TLS policy', () => {
  it('knows loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.8.0.1', '::1', '[::1]', '/var/run/postgresql', 'db.localhost']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['10.0.0.5', 'odoo.example.com', '192.168.1.2', '::ffff:10.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('verifies certificates of remote sources by default, plain on loopback', () => {
    expect(endpointFor('odoo', 'postgres://u:pw@odoo.example.com/odoo', { allowInsecure: false }).ssl).toEqual({ rejectUnauthorized: true, servername: 'odoo.example.com' });
    expect(endpointFor('odoo', 'postgres://u:pw@odoo.example.com/odoo?sslmode=require', { allowInsecure: false }).ssl).toMatchObject({ rejectUnauthorized: true });
    expect(endpointFor('odoo', 'postgres://u:pw@odoo.example.com/odoo?sslmode=no-verify', { allowInsecure: false }).ssl).toEqual({ rejectUnauthorized: false });
    expect(endpointFor('apn', 'postgres://u:pw@127.0.0.1:5432/apn', { allowInsecure: false }).ssl).toBe(false);
  });

  it('refuses sslmode=disable for a remote source unless settings turn TLS off', () => {
    const url = 'postgres://u:s3cret@10.1.2.3:5432/odoo?sslmode=disable';
    expect(() => endpointFor('odoo', url, { allowInsecure: false })).toThrow(SourceConfigError);
    expect(() => endpointFor('odoo', url, { allowInsecure: false })).toThrow(/remote and its URL turns TLS off .*"tls": "off"/);
    try {
      endpointFor('odoo', url, { allowInsecure: false });
    } catch (err) {
      expect((err as Error).message).not.toContain('s3cret');
    }
    expect(endpointFor('odoo', url, { allowInsecure: true }).ssl).toBe(false);
    expect(settingsSchema.parse(settings({ kind: 'url', url: 'postgres://u@10.1.2.3/odoo', tls: 'off' })).sources.odoo).toMatchObject({ tls: 'off' });
  });

  it('describes sources without their password and strips ssl parameters from the connection URL', () => {
    const e = endpointFor('apn', 'postgresql://reader:p%40ss@apn.example.com:6543/apn?sslmode=verify-full&application_name=x', { allowInsecure: false });
    expect(e.description).toBe('postgresql://reader@apn.example.com:6543/apn?sslmode=verify-full&application_name=x');
    expect(e.url).not.toContain('sslmode');
    expect(e.url).toContain('p%40ss');
  });

  it('takes environment URLs over settings, and explains a missing source', async () => {
    const r = await resolveSources(['odoo', 'apn'], {
      dataDir: '/nonexistent',
      settings: settings({ kind: 'url', url: 'postgres://u@127.0.0.1/odoo_from_settings' }),
      env: { ODOO_DATABASE_URL: 'postgres://u:pw@127.0.0.1/odoo_from_env' },
    });
    expect(r.endpoint('odoo').url).toContain('odoo_from_env');
    expect(() => r.endpoint('apn')).toThrow(/No apn source is configured\. Run `revops demo sources/);
    await r.close();
  });

  it('classifies network failures as transient, SQL errors as not', () => {
    expect(isTransient(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }))).toBe(false);
    expect(isTransient(Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toBe(false);
  });
});

describe('source sessions', () => {
  it('are read only and see one snapshot for the whole job', async () => {
    const source = await startTestSource(`CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1), (2);`);
    try {
      const reader = await openSource(endpointFor('odoo', source.url, { allowInsecure: false }));
      try {
        await expect(reader.query('INSERT INTO t VALUES (3)')).rejects.toThrow(/read-only transaction/);
      } finally {
        await reader.close();
      }
      const again = await openSource(endpointFor('odoo', source.url, { allowInsecure: false }));
      try {
        const iso = await again.query<{ iso: string; ro: string }>(`SELECT current_setting('transaction_isolation') AS iso, current_setting('transaction_read_only') AS ro`);
        expect(iso[0]).toEqual({ iso: 'repeatable read', ro: 'on' });
      } finally {
        await again.close();
      }
      // The served session is left writable for its owner.
      await source.write('INSERT INTO t VALUES (4)');
      expect(await source.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 3 }]);
    } finally {
      await source.close();
    }
  });
});

describe('an unreachable or misconfigured source', () => {
  it('fails its own job with one redacted line after the retries; the other job still runs', async () => {
    const db = await openPglite();
    try {
      await migrate(db);
      const dataDir = await mkdtemp(join(tmpdir(), 'revops-sync-conn-'));
      const r = await runSync({
        db,
        dataDir,
        settings: settings({ kind: 'url', url: 'postgres://bob@127.0.0.1:1/odoo' }, { kind: 'url', url: 'postgres://bob@10.9.9.9/apn?sslmode=disable' }),
        env: { ODOO_DATABASE_URL: 'postgres://bob:hunter2@127.0.0.1:1/odoo' },
        retryDelayMs: 1,
      });
      const [odoo, apn] = r.jobs;
      expect(odoo).toMatchObject({ status: 'failed', attempts: 3 });
      expect(odoo?.error).toMatch(/^Source unavailable after 3 attempts: odoo source postgres:\/\/bob@127\.0\.0\.1:1\/odoo: connection refused/);
      expect(apn).toMatchObject({ status: 'failed', attempts: 1 });
      expect(apn?.error).toMatch(/remote and its URL turns TLS off/);
      const stored = await db.query<{ e: string }>(`SELECT string_agg(error_message || coalesce(source_description, ''), ' ') AS e FROM ops.sync_jobs`);
      expect(stored.rows[0]?.e).not.toContain('hunter2');
      expect(JSON.stringify(r)).not.toContain('hunter2');
    } finally {
      await db.close();
    }
  });
});
