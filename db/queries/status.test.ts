import { expect, it } from 'vitest';
import { copyLine } from '../copy';
import { APP_SCHEMA_VERSION } from '../migrate';
import { describeEngines } from '../testing';
import { warehouseStatus } from './status';

describeEngines('warehouseStatus', (getDb, engine) => {
  it('reports engine, versions, extensions and exact table/row counts per schema', async () => {
    const db = getDb();
    const before = await warehouseStatus(db);
    expect(before).toMatchObject({ engine, description: db.description, schemaVersion: APP_SCHEMA_VERSION, appSchemaVersion: APP_SCHEMA_VERSION });
    expect(before.extensions.map((e) => e.name)).toContain('vector');
    expect(before.extensions.every((e) => /^\d+\.\d+/.test(e.version))).toBe(true);
    expect(before.schemas.map((s) => s.schema)).toEqual(['raw', 'core', 'search', 'ops']);
    const ops = before.schemas.find((s) => s.schema === 'ops');
    expect(ops?.rows).toBeGreaterThanOrEqual(APP_SCHEMA_VERSION); // ops.schema_migrations rows at least

    await db.exec('CREATE TABLE raw.status_a (id int); CREATE TABLE raw.status_b (id int); CREATE TABLE core.status_c (id int)');
    await db.copyFrom('raw.status_a', ['id'], Array.from({ length: 1234 }, (_, i) => copyLine([i])));
    await db.copyFrom('raw.status_b', ['id'], Array.from({ length: 66 }, (_, i) => copyLine([i])));
    await db.exec('INSERT INTO core.status_c SELECT generate_series(1, 7)');

    const after = await warehouseStatus(db);
    const by = (name: string) => after.schemas.find((s) => s.schema === name);
    const beforeBy = (name: string) => before.schemas.find((s) => s.schema === name);
    expect(by('raw')).toEqual({ schema: 'raw', tables: (beforeBy('raw')?.tables ?? 0) + 2, rows: (beforeBy('raw')?.rows ?? 0) + 1300 });
    expect(by('core')).toEqual({ schema: 'core', tables: (beforeBy('core')?.tables ?? 0) + 1, rows: (beforeBy('core')?.rows ?? 0) + 7 });
    expect(by('search')).toEqual(beforeBy('search'));
    // Never a password, not even a redacted one: "postgres://user@host:port/db" or "pglite:…".
    expect(after.description).toMatch(engine === 'pglite' ? /^pglite:/ : /^postgres(ql)?:\/\/[^:@/]+@[^/]+\/revops_t_[0-9a-f]+/);
  });
});
