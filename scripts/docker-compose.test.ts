/**
 * docker-compose.yml, checked without Docker (no daemon on build machines): the warehouse is the pgvector
 * image with a named volume, a pg_isready healthcheck and a loopback-only port; the demo sources live under
 * the `demo` profile (a second server and a one-shot `revops demo sources` against it); no password is
 * written in the file.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Service = {
  image: string;
  profiles?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
  restart?: string;
};
type Compose = { services: Record<string, Service>; volumes: Record<string, unknown> };

const root = resolve(import.meta.dirname, '..');
const load = async () => {
  const text = await readFile(resolve(root, 'docker-compose.yml'), 'utf8');
  return { text, compose: parse(text) as Compose };
};

describe('docker-compose.yml', () => {
  it('warehouse: official pgvector image, named volume, pg_isready healthcheck, port on 127.0.0.1 only', async () => {
    const { compose } = await load();
    const w = compose.services.warehouse as Service;
    expect(w.image).toMatch(/^pgvector\/pgvector:(\d+\.\d+\.\d+-)?pg1[6-7]$/);
    expect(w.profiles).toBeUndefined();
    expect(w.ports).toEqual(['127.0.0.1:5433:5432']);
    const [volume, mount] = (w.volumes?.[0] ?? '').split(':');
    expect(mount).toBe('/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(w.healthcheck?.test.join(' ')).toMatch(/pg_isready -U revops -d revops/);
    expect(w.environment?.POSTGRES_PASSWORD).toBe('${REVOPS_PG_PASSWORD:?set REVOPS_PG_PASSWORD}');
  });

  it('profile demo: a second server and a one-shot `revops demo sources` against it once it is healthy', async () => {
    const { compose } = await load();
    const src = compose.services['demo-sources'] as Service;
    expect(src.profiles).toEqual(['demo']);
    expect(src.ports).toEqual(['127.0.0.1:5434:5432']);
    expect(src.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
    expect(Object.keys(compose.volumes)).toContain((src.volumes?.[0] ?? '').split(':')[0]);
    const seed = compose.services['demo-seed'] as Service;
    expect(seed.profiles).toEqual(['demo']);
    expect(seed.restart).toBe('no');
    expect(seed.depends_on).toEqual({ 'demo-sources': { condition: 'service_healthy' } });
    expect(seed.command?.slice(0, 4)).toEqual(['node', 'bin/revops.js', 'demo', 'sources']);
    expect(seed.environment?.DATABASE_URL).toMatch(/^postgres:\/\/revops:\$\{REVOPS_PG_PASSWORD[^}]*\}@demo-sources:5432\/revops$/);
    expect(seed.ports).toBeUndefined();
  });

  it('every published port is bound to loopback and no password is written down', async () => {
    const { compose, text } = await load();
    for (const [name, s] of Object.entries(compose.services)) for (const p of s.ports ?? []) expect(p, name).toMatch(/^127\.0\.0\.1:/);
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [k, v] of Object.entries(s.environment ?? {})) {
        if (/PASSWORD/.test(k)) expect(v, `${name} ${k}`).toMatch(/^\$\{REVOPS_PG_PASSWORD/);
        if (v.includes('://')) expect(v, `${name} ${k}`).toMatch(/^postgres:\/\/revops:\$\{REVOPS_PG_PASSWORD[^}]*\}@/);
      }
    }
    // the comments' examples use the variable too
    expect(text).not.toMatch(/postgres:\/\/revops:(?!\$)/);
  });
});
