import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WarehouseUnavailableError, describeConnectionError, describeUrl, redactUrl } from './errors';
import { openPostgres } from './postgres';
import { openWarehouse } from './warehouse';

async function connectError(url: string): Promise<unknown> {
  try {
    const db = await openPostgres(url);
    await db.close();
  } catch (err) {
    return err;
  }
  throw new Error(`expected ${redactUrl(url)} to fail`);
}

function oneLine(text: string): void {
  expect(text).not.toMatch(/[\r\n]/);
  expect(text.length).toBeGreaterThan(20);
}

describe('describeUrl', () => {
  it('leaves the password out entirely', () => {
    expect(describeUrl('postgres://alice:s3cr%40t@db.example.com:6543/wh')).toBe('postgres://alice@db.example.com:6543/wh');
    expect(describeUrl('postgres://db/wh?password=x')).toBe('postgres://db/wh?password=***');
  });
});

describe('redactUrl', () => {
  it('replaces the password, keeps user, host, port and database', () => {
    expect(redactUrl('postgres://alice:s3cr%40t@db.example.com:6543/wh')).toBe('postgres://alice:***@db.example.com:6543/wh');
    expect(redactUrl('postgres://alice@db:5432/wh')).toBe('postgres://alice@db:5432/wh');
    expect(redactUrl('postgres://db/wh?user=a&password=hunter2')).toBe('postgres://db/wh?user=a&password=***');
    expect(redactUrl('not a url //bob:pw@host')).toBe('not a url //bob:***@host');
  });
});

describe('describeConnectionError', () => {
  const url = 'postgres://u:secret@db.internal:5999/warehouse';
  const cases: [string, object, RegExp][] = [
    ['refused', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:5999' }, /connection refused.*setup-postgres\.sh/],
    ['dns', { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.internal' }, /DNS lookup failed/],
    ['timeout', { message: 'timeout expired' }, /Timed out/],
    ['password', { code: '28P01', message: 'password authentication failed for user "u"' }, /rejected the password for user "u"/],
    ['database', { code: '3D000', message: 'database "warehouse" does not exist' }, /Database "warehouse" does not exist.*createdb warehouse/],
    ['tls', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, /TLS problem.*sslmode/],
    ['no ssl', { message: 'The server does not support SSL connections' }, /TLS problem/],
    ['other', { message: 'something odd with secret inside' }, /Cannot connect.*something odd with \*\*\* inside/],
  ];
  it.each(cases)('%s: one line naming host:port, never the password', (_name, err, expected) => {
    const text = describeConnectionError(Object.assign(new Error((err as { message: string }).message), err), url);
    oneLine(text);
    expect(text).toMatch(expected);
    expect(text).toContain('db.internal:5999');
    expect(text).not.toContain('secret');
  });

  it('reads the code of an AggregateError (Node tries IPv6 and IPv4)', () => {
    const agg = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], 'x');
    expect(describeConnectionError(agg, 'postgres://localhost/x')).toMatch(/^Cannot reach PostgreSQL at localhost:5432 \(connection refused\)/);
  });

  it('describes a real refused connection', async () => {
    const url = 'postgres://u:secret@127.0.0.1:1/x';
    const text = describeConnectionError(await connectError(url), url);
    oneLine(text);
    expect(text).toContain('127.0.0.1:1');
    expect(text).toContain('connection refused');
    expect(text).not.toContain('secret');
  });
});

describe('openWarehouse on an unreachable server', () => {
  it('throws WarehouseUnavailableError with the one-line description and writes nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-errors-'));
    const err = await openWarehouse({ dataDir, databaseUrl: 'postgres://u:secret@127.0.0.1:1/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WarehouseUnavailableError);
    const message = (err as Error).message;
    oneLine(message);
    expect(message).toContain('127.0.0.1:1');
    expect(message).not.toContain('secret');
    expect(await readdir(dataDir)).toEqual([]);
  });
});

const server = process.env.TEST_DATABASE_URL;
describe.skipIf(!server)('connection errors from the real server', () => {
  it('names a wrong password (28P01) without echoing it', async () => {
    const u = new URL(server as string);
    u.password = 'definitely-wrong-pw';
    const text = describeConnectionError(await connectError(u.toString()), u.toString());
    oneLine(text);
    expect(text).toMatch(/rejected the password/);
    expect(text).not.toContain('definitely-wrong-pw');
  });

  it('names a missing database (3D000)', async () => {
    const u = new URL(server as string);
    u.pathname = '/revops_no_such_db';
    const text = describeConnectionError(await connectError(u.toString()), u.toString());
    expect(text).toMatch(/Database "revops_no_such_db" does not exist/);
    expect(text).toContain(`${u.hostname}:${u.port || 5432}`);
  });
});
