import { expect, it } from 'vitest';
import { copyLine, parseArrayLiteral, parseCopyLine } from './copy';
import { describeEngines } from './testing';

const ROWS = 200_000;
const COLUMNS = ['id', 's', 'n', 'f', 'b', 'ts', 'd', 'arr', 'j', 'bytes'] as const;

const NASTY = ['tab\there', 'line\nbreak', 'cr\rhere', 'back\\slash', '\\N', '\\.', 'naïve café ✓ 日本語 🎉', 'quote " and \'', '', ' ', 'NULL', '{a,b}'];

type Row = { id: number; s: string | null; n: string; f: number; b: boolean | null; ts: Date; d: Date; arr: (string | null)[]; j: object; bytes: Uint8Array };

function row(i: number): Row {
  const pick = NASTY[i % NASTY.length] as string;
  return {
    id: i,
    s: i % 13 === 0 ? null : `${pick}#${i}`,
    n: `${i}.${String(i % 100).padStart(2, '0')}`,
    f: i / 7,
    b: i % 3 === 0 ? null : i % 2 === 0,
    ts: new Date(Date.UTC(2020, 0, 1) + i * 60_001),
    d: new Date(Date.UTC(2021, 0, 1 + (i % 1000))),
    arr: [pick, null, `"${i}"`, 'x,y'],
    j: { i, k: pick, nested: [pick, null] }, // keys in jsonb's own order (length, then bytes)
    bytes: new Uint8Array([i & 0xff, 0, 0x5c, 0x0a]),
  };
}

function* lines(count: number, transform: (i: number, line: string) => string = (_i, l) => l): Generator<string> {
  for (let i = 0; i < count; i++) {
    const r = row(i);
    yield transform(i, copyLine(COLUMNS.map((c) => r[c])));
  }
}

const hex = (b: Uint8Array) => `\\x${Buffer.from(b).toString('hex')}`;

describeEngines('COPY round trip', (getDb, engine) => {
  it(`copies ${ROWS} rows of nasty values in and out unchanged`, async () => {
    const db = getDb();
    await db.exec(`CREATE TABLE raw.nasty (id int8 PRIMARY KEY, s text, n numeric(12,2), f float8, b boolean,
      ts timestamptz, d date, arr text[], j jsonb, bytes bytea)`);
    expect(await db.copyFrom('raw.nasty', COLUMNS, lines(ROWS))).toBe(ROWS);

    // Streamed comparison: neither side is ever an array of all rows. Plain comparisons per row
    // (2M expect() calls would dominate the run); mismatches are collected and asserted once.
    let seen = 0;
    const mismatches: string[] = [];
    for await (const line of db.copyTo(`SELECT ${COLUMNS.join(', ')} FROM raw.nasty ORDER BY id`)) {
      const [id, s, n, f, b, ts, d, arr, j, bytes] = parseCopyLine(line);
      const r = row(seen);
      const checks: [string, unknown, unknown][] = [
        ['id', Number(id), r.id],
        ['s', s, r.s],
        ['n', n, r.n],
        ['f', Number(f), r.f],
        ['b', b, r.b === null ? null : r.b ? 't' : 'f'],
        ['ts', new Date(`${(ts as string).replace(' ', 'T')}:00`).getTime(), r.ts.getTime()],
        ['d', d, r.d.toISOString().slice(0, 10)],
        ['arr', JSON.stringify(parseArrayLiteral(arr as string)), JSON.stringify(r.arr)],
        ['j', JSON.stringify(JSON.parse(j as string)), JSON.stringify(r.j)],
        ['bytes', bytes, hex(r.bytes)],
      ];
      for (const [name, got, want] of checks) {
        if (got !== want && mismatches.length < 5) mismatches.push(`row ${seen} ${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
      seen++;
    }
    expect(mismatches).toEqual([]);
    expect(seen).toBe(ROWS);

    // The same values through query(): both engines parse them alike.
    const sample = await db.query<Row>(`SELECT ${COLUMNS.join(', ')} FROM raw.nasty WHERE id = ANY($1::int8[]) ORDER BY id`, [[1, 14, 26]]);
    expect(sample.rows).toHaveLength(3);
    for (const got of sample.rows) {
      const want = row(got.id);
      expect(got).toMatchObject({ s: want.s, n: want.n, f: want.f, b: want.b, ts: want.ts, d: want.d, arr: want.arr, j: want.j });
      expect(hex(new Uint8Array(got.bytes))).toBe(hex(want.bytes));
    }
  });

  it('copyTo is incremental and stopping early releases its resources', async () => {
    const db = getDb();
    const it = db.copyTo('SELECT id FROM raw.nasty ORDER BY id')[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe('0');
    if (engine === 'pglite') {
      // Rows are fetched from a held cursor in batches, not materialized in JS.
      const open = await db.query<{ n: number }>("SELECT count(*) AS n FROM pg_cursors WHERE name LIKE 'revops_copy_out_%'");
      expect(open.rows[0]?.n).toBe(1);
    }
    await it.return?.();
    const cursors = await db.query<{ n: number }>("SELECT count(*) AS n FROM pg_cursors WHERE name LIKE 'revops_copy_out_%'");
    expect(cursors.rows[0]?.n).toBe(0);
    // The Db is still usable afterwards (the server drops the mid-COPY connection instead of reusing it).
    expect((await db.query<{ n: number }>('SELECT count(*) AS n FROM raw.nasty')).rows[0]?.n).toBe(ROWS);
  });

  it('copyFrom is all-or-nothing: a bad row far into the stream leaves the table unchanged', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE raw.atomic (id int8, s text)');
    function* withBadRow(): Generator<string> {
      for (let i = 0; i < 150_000; i++) yield i === 149_000 ? copyLine(['not a number', 'x']) : copyLine([i, 'x'.repeat(100)]);
    }
    await expect(db.copyFrom('raw.atomic', ['id', 's'], withBadRow())).rejects.toThrow(/invalid input syntax for type bigint/);
    expect((await db.query<{ n: number }>('SELECT count(*) AS n FROM raw.atomic')).rows[0]?.n).toBe(0);
  });

  it('copyFrom accepts an async source and an empty one', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE raw.small (id int8, s text)');
    async function* source(): AsyncGenerator<string> {
      for (let i = 0; i < 10; i++) yield copyLine([i, `v${i}`]);
    }
    expect(await db.copyFrom('raw.small', ['id', 's'], source())).toBe(10);
    expect(await db.copyFrom('raw.small', ['id', 's'], [])).toBe(0);
    await expect(db.copyFrom('raw.small; drop table raw.small', ['id'], [])).rejects.toThrow(/Unsafe SQL identifier/);
  });

  if (engine === 'postgres') {
    it('streams into the server while the source is still producing (backpressure, not buffering)', async () => {
      const db = getDb();
      await db.exec('CREATE TABLE raw.progress (id int8, s text)');
      let progressSeen = -1;
      async function* source(): AsyncGenerator<string> {
        for (let i = 0; i < 120_000; i++) {
          if (i === 100_000) {
            const r = await db.query<{ n: number }>(
              "SELECT tuples_processed AS n FROM pg_stat_progress_copy WHERE relid = 'raw.progress'::regclass",
            );
            progressSeen = r.rows[0]?.n ?? 0;
          }
          yield copyLine([i, 'y'.repeat(50)]);
        }
      }
      expect(await db.copyFrom('raw.progress', ['id', 's'], source())).toBe(120_000);
      expect(progressSeen).toBeGreaterThan(0);
    });
  }

  if (engine === 'pglite') {
    it('refuses (instead of hanging) a copyFrom whose source reads the same PGlite database', async () => {
      const db = getDb();
      await db.exec('CREATE TABLE raw.self_copy (id int8)');
      await expect(db.copyFrom('raw.self_copy', ['id'], db.copyTo('SELECT id FROM raw.nasty LIMIT 5'))).rejects.toThrow(/would wait forever/);
    });
  }
});
