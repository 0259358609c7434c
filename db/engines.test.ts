import { expect, it } from 'vitest';
import { describeEngines } from './testing';

describeEngines('engine parity', (getDb) => {
  it('parses result values the same way on both engines', async () => {
    const db = getDb();
    const r = await db.query(`SELECT 1::int2 AS i2, 2::int4 AS i4, 3::int8 AS i8, 9007199254740993::int8 AS big, 1.50::numeric(5,2) AS num,
      2.5::float8 AS f8, true AS b, 'x'::text AS t, '{"a":[1,null]}'::jsonb AS j, ARRAY[1,2]::int8[] AS a8,
      '2024-01-02 03:04:05.678'::timestamp AS ts, '2024-01-02 03:04:05.678+02'::timestamptz AS tstz, '2024-01-02'::date AS d,
      ARRAY['2024-01-02 03:04:05'::timestamp] AS tsa, NULL::text AS n, count(*) AS c FROM (VALUES (1), (2)) v(x)`);
    const row = r.rows[0] as Record<string, unknown>;
    expect(row).toEqual({
      i2: 1, i4: 2, i8: 3, big: 9007199254740993n, num: '1.50', f8: 2.5, b: true, t: 'x', j: { a: [1, null] }, a8: [1, 2],
      ts: new Date('2024-01-02T03:04:05.678Z'), tstz: new Date('2024-01-02T01:04:05.678Z'), d: new Date('2024-01-02T00:00:00Z'),
      tsa: [new Date('2024-01-02T03:04:05Z')], n: null, c: 2,
    });
  });

  it('binds parameters the same way: Dates as UTC, bigints as text', async () => {
    const db = getDb();
    const when = new Date('2024-05-06T07:08:09.010Z');
    const r = await db.query<{ ts: string; tstz: string; d: string; big: string }>(
      'SELECT $1::timestamp::text AS ts, $1::timestamptz::text AS tstz, $1::date::text AS d, ($2::int8 + 1)::text AS big',
      [when, 2n ** 62n],
    );
    expect(r.rows[0]).toEqual({ ts: '2024-05-06 07:08:09.01', tstz: '2024-05-06 07:08:09.01+00', d: '2024-05-06', big: (2n ** 62n + 1n).toString() });
    expect(r.rowCount).toBe(1);
  });

  it('reports rowCount of writes and runs multi-statement exec', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE ops.parity (id int PRIMARY KEY, v text); INSERT INTO ops.parity VALUES (1, $$a$$), (2, $$b$$)');
    expect((await db.query('UPDATE ops.parity SET v = $1', ['z'])).rowCount).toBe(2);
    expect((await db.query('DELETE FROM ops.parity WHERE id = $1', [1])).rowCount).toBe(1);
  });

  it('commits a transaction, rolls back on error, and serializes concurrent transactions', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE ops.tx_probe (id int PRIMARY KEY, n int NOT NULL)');
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO ops.tx_probe VALUES (1, 0)');
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO ops.tx_probe VALUES (2, 0)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query<{ id: number }>('SELECT id FROM ops.tx_probe ORDER BY id')).rows).toEqual([{ id: 1 }]);

    // Read-modify-write in 20 concurrent transactions: with row locks on the server, exclusivity on PGlite.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const r = await tx.query<{ n: number }>('SELECT n FROM ops.tx_probe WHERE id = 1 FOR UPDATE');
          await tx.query('UPDATE ops.tx_probe SET n = $1 WHERE id = 1', [(r.rows[0]?.n ?? 0) + 1]);
        }),
      ),
    );
    expect((await db.query<{ n: number }>('SELECT n FROM ops.tx_probe WHERE id = 1')).rows[0]?.n).toBe(20);
  });

  it('session runs in UTC with ISO dates', async () => {
    const db = getDb();
    const r = await db.query<{ tz: string; ds: string }>("SELECT current_setting('TimeZone') AS tz, current_setting('DateStyle') AS ds");
    expect(r.rows[0]).toEqual({ tz: 'UTC', ds: 'ISO, MDY' });
  });
});
