/**
 * The whole generator on real engines: PGlite always, the PostgreSQL server when TEST_DATABASE_URL is set.
 * Seeds 'b' and 'e' are arbitrary (billing/seed-sweep.test.ts checks that the billing self-checks hold for many seeds).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../db/pglite';
import { openPostgres } from '../../../db/postgres';
import { withDatabase } from '../../../db/server-database';
import { generateDemoSources, type GenerateResult } from './generate';
import { readDemoManifest, SOURCE_NAMES } from './location';
import { serveDemoSources } from './serve';
import { checker, checkOdoo, SelfCheckError, finish } from './self-checks';
import { scaleConfig } from './scale';

const quiet = (): void => {};
const tmp = (label: string) => mkdtemp(join(tmpdir(), `revops-demo-${label}-`));

describe('demo sources on embedded PGlite', () => {
  let dir: string;
  let first: GenerateResult;

  beforeAll(async () => {
    dir = await tmp('pglite');
    first = await generateDemoSources({ dataDir: dir, scale: 'tiny', seed: 'b', log: quiet });
  });

  it('writes three databases and a manifest with checksums and counts', async () => {
    expect((await readdir(join(dir, 'demo-sources'))).sort()).toEqual(['apn', 'manifest.json', 'odoo', 'truth']);
    const m = await readDemoManifest(dir);
    expect(m).toMatchObject({ scale: 'tiny', seed: 'b', asOf: '2026-06-30', engine: 'pglite', checksums: first.checksums });
    expect(m?.counts['odoo.crm_lead']).toBe(55);
    expect(m?.counts['apn.apn_opportunity']).toBe(60);
    expect(m?.counts['truth.gt_opportunity_pair']).toBeGreaterThan(30);
    expect(first.checksums.odoo).toMatch(/^[0-9a-f]{64}$/);
  });

  it('regenerates byte-identical data for the same seed, and different data for another seed', async () => {
    const again = await generateDemoSources({ dataDir: await tmp('again'), scale: 'tiny', seed: 'b', log: quiet });
    expect(again.checksums).toEqual(first.checksums);
    const other = await generateDemoSources({ dataDir: await tmp('other'), scale: 'tiny', seed: 'e', log: quiet });
    expect(other.checksums.odoo).not.toBe(first.checksums.odoo);
    expect(other.checksums.apn).not.toBe(first.checksums.apn);
  });

  it('replaces existing sources atomically and keeps them when a run fails', async () => {
    const before = await readFile(join(dir, 'demo-sources', 'manifest.json'), 'utf8');
    const failing = generateDemoSources({
      dataDir: dir, scale: 'tiny', seed: 'e', log: quiet,
      onProgress: (p) => {
        if (p.step === 'checksum apn') throw new Error('disk full (simulated)');
      },
    });
    await expect(failing).rejects.toThrow('disk full (simulated)');
    expect(await readFile(join(dir, 'demo-sources', 'manifest.json'), 'utf8')).toBe(before);
    expect((await readdir(dir)).sort()).toEqual(['demo-sources']);
  });

  it('serves the sources over the PostgreSQL wire protocol to a pg client', async () => {
    const served = await serveDemoSources(dir);
    try {
      const client = new pg.Client({ connectionString: served.urls.odoo });
      await client.connect();
      try {
        const r = await client.query<{ n: number; won: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE s.is_won)::int AS won FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id`);
        expect(r.rows[0]?.n).toBe(55);
        const name = await client.query<{ name: Record<string, string> }>(`SELECT name FROM crm_stage WHERE is_won`);
        expect(name.rows[0]?.name.en_US).toBe('Won');
      } finally {
        await client.end();
      }
      const apn = new pg.Client({ connectionString: served.urls.apn });
      await apn.connect();
      try {
        const r = await apn.query<{ n: number }>('SELECT count(*)::int AS n FROM apn_opportunity');
        expect(r.rows[0]?.n).toBe(60);
      } finally {
        await apn.end();
      }
    } finally {
      await served.close();
    }
  });

  it('fails the self-checks loudly when an invariant is broken', async () => {
    const db = await openPglite(join(dir, 'demo-sources', 'odoo'));
    try {
      const c0 = checker();
      await checkOdoo(c0, db, scaleConfig('tiny'));
      expect(c0.failures).toEqual([]);
      await db.exec(`UPDATE crm_lead SET write_date = create_date - interval '1 day' WHERE id = (SELECT min(id) FROM crm_lead)`);
      await db.exec(`UPDATE c_aws_accounts SET aws_account_id = '12345' WHERE id = (SELECT max(id) FROM c_aws_accounts)`);
      const c = checker();
      await checkOdoo(c, db, scaleConfig('tiny'));
      expect(c.failures.some((f) => f.startsWith('crm_lead: write_date >= create_date'))).toBe(true);
      expect(c.failures.some((f) => f.startsWith('AWS ids that are not 12-digit text'))).toBe(true);
      expect(() => finish(c)).toThrow(SelfCheckError);
    } finally {
      await db.close();
    }
  });
});

describe('demo sources at small scale on PGlite', () => {
  it('generates, passes every self-check and reports exact headline counts', async () => {
    const lines: string[] = [];
    const r = await generateDemoSources({ dataDir: await tmp('small'), scale: 'small', seed: 's2', log: (l) => lines.push(l) });
    expect(r.counts['odoo.crm_lead']).toBe(180);
    expect(r.counts['apn.apn_opportunity']).toBe(241);
    expect(r.counts['odoo.c_aws_accounts']).toBe(36);
    expect(lines.some((l) => /^Self-checks passed/.test(l))).toBe(true);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(!!serverUrl)('demo sources on the PostgreSQL server', () => {
  const prefix = `revops_t_demo_${randomBytes(4).toString('hex')}`;
  let embedded: GenerateResult;
  let server: GenerateResult;
  let dir: string;

  beforeAll(async () => {
    dir = await tmp('server');
    server = await generateDemoSources({ dataDir: dir, databaseUrl: serverUrl, databasePrefix: prefix, scale: 'tiny', seed: 'b', log: quiet });
    embedded = await generateDemoSources({ dataDir: await tmp('server-twin'), scale: 'tiny', seed: 'b', log: quiet });
  });

  afterAll(async () => {
    const admin = await openPostgres(serverUrl as string, { max: 1 });
    try {
      for (const n of SOURCE_NAMES) await admin.exec(`DROP DATABASE IF EXISTS ${prefix}_${n} WITH (FORCE)`);
    } finally {
      await admin.close();
    }
  });

  it('creates the databases on the server, records them in the manifest and reads back the same counts', async () => {
    expect(server.location).toMatchObject({ engine: 'postgres', odoo: `${prefix}_odoo`, apn: `${prefix}_apn`, truth: `${prefix}_truth` });
    expect((await readDemoManifest(dir))?.engine).toBe('postgres');
    const db = await openPostgres(withDatabase(serverUrl as string, `${prefix}_odoo`), { max: 1 });
    try {
      const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM crm_lead');
      expect(r.rows[0]?.n).toBe(55);
    } finally {
      await db.close();
    }
    const served = await serveDemoSources(dir, serverUrl);
    expect(served.urls.apn).toContain(`${prefix}_apn`);
    await served.close();
  });

  it('gives byte-identical content to the embedded engine, and the same checksum on a rerun', async () => {
    expect(server.counts).toEqual(embedded.counts);
    expect(server.checksums).toEqual(embedded.checksums);
    const again = await generateDemoSources({ dataDir: dir, databaseUrl: serverUrl, databasePrefix: prefix, scale: 'tiny', seed: 'b', log: quiet });
    expect(again.checksums).toEqual(server.checksums);
  });
});
