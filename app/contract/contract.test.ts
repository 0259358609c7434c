import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CHANNEL_NAME_PATTERN,
  ERROR_CODES,
  EVENT_NAMES,
  eventContract,
  HostError,
  httpStatusOf,
  INVOKE_CHANNELS,
  invokeContract,
  toContractError,
  warehouseStatusSchema,
} from './index';

describe('channel names', () => {
  it('are feature:verb and each has exactly one schema entry', () => {
    for (const name of [...INVOKE_CHANNELS, ...EVENT_NAMES]) expect(name).toMatch(CHANNEL_NAME_PATTERN);
    expect(Object.keys(invokeContract).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(eventContract).sort()).toEqual([...EVENT_NAMES].sort());
  });
});

describe('invoke inputs', () => {
  it('accept no input or {} for input-less channels and reject unknown keys and non-objects', () => {
    const input = invokeContract['warehouse:status'].input;
    expect(input.parse(undefined)).toEqual({});
    expect(input.parse({})).toEqual({});
    expect(input.safeParse({ verbose: true }).success).toBe(false);
    expect(input.safeParse(42).success).toBe(false);
    expect(input.safeParse(null).success).toBe(false);
  });
});

describe('outputs', () => {
  it('warehouse:status rejects negative counts and unknown engines', () => {
    const good = { engine: 'pglite', description: 'pglite:/x', schemaVersion: 1, appSchemaVersion: 1, extensions: [], schemas: [{ schema: 'raw', tables: 0, rows: 0 }] };
    expect(warehouseStatusSchema.parse(good)).toEqual(good);
    expect(warehouseStatusSchema.safeParse({ ...good, engine: 'mysql' }).success).toBe(false);
    expect(warehouseStatusSchema.safeParse({ ...good, schemas: [{ schema: 'raw', tables: -1, rows: 0 }] }).success).toBe(false);
  });

  it('events validate their payloads', () => {
    expect(eventContract['app:log'].safeParse({ level: 'info', message: 'x', time: '2026-01-01T00:00:00Z' }).success).toBe(true);
    expect(eventContract['app:log'].safeParse({ level: 'loud', message: 'x', time: 't' }).success).toBe(false);
    expect(eventContract['sync:progress'].safeParse({ jobId: 'j', source: 'odoo', table: 't', phase: 'copying', rowsDone: 5, rowsTotal: null }).success).toBe(true);
  });
});

describe('errors', () => {
  it('every code has an HTTP status in the 4xx/5xx range', () => {
    for (const code of ERROR_CODES) expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
    expect(httpStatusOf('bad_input')).toBe(400);
    expect(httpStatusOf('unauthorized')).toBe(401);
  });

  it('maps zod errors to bad_input naming the field', () => {
    const parsed = z.object({ scale: z.enum(['tiny', 'small']) }).safeParse({ scale: 'huge' });
    const error = toContractError(parsed.error);
    expect(error.code).toBe('bad_input');
    expect(error.message).toMatch(/scale/);
  });

  it('keeps HostError codes and hints, and honours contractCode on plain errors', () => {
    expect(toContractError(new HostError({ code: 'not_found', message: 'gone', hint: 'look elsewhere' }))).toEqual({ code: 'not_found', message: 'gone', hint: 'look elsewhere' });
    const tagged = Object.assign(new Error('Cannot reach PostgreSQL at db.example:5432'), { contractCode: 'warehouse_unavailable', hint: 'Start the server.' });
    expect(toContractError(tagged)).toEqual({ code: 'warehouse_unavailable', message: 'Cannot reach PostgreSQL at db.example:5432', hint: 'Start the server.' });
    expect(toContractError(Object.assign(new Error('x'), { contractCode: 'made_up' })).code).toBe('internal');
  });

  it('never lets a password through', () => {
    const error = toContractError(new Error('connect failed for postgres://alice:s3cret@db:5432/wh (password=s3cret)'));
    expect(JSON.stringify(error)).not.toContain('s3cret');
    expect(error.message).toContain('postgres://alice:***@db:5432/wh');
    expect(toContractError('plain string with password=hunter2').message).not.toContain('hunter2');
  });
});
