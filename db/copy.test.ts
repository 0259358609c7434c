import { describe, expect, it } from 'vitest';
import { arrayLiteral, copyLine, formatTimestampUtc, parseArrayLiteral, parseCopyLine } from './copy';

describe('copyLine', () => {
  it('escapes backslash, tab, newline and carriage return so one line is one row', () => {
    const line = copyLine(['a\tb', 'c\nd', 'e\rf', 'g\\h', '\\N', '\\.']);
    expect(line).toBe('a\\tb\tc\\nd\te\\rf\tg\\\\h\t\\\\N\t\\\\.');
    expect(line.split('\t')).toHaveLength(6);
    expect(line).not.toMatch(/[\n\r]/);
  });

  it('keeps NULL and the empty string distinct', () => {
    expect(copyLine([null, undefined, ''])).toBe('\\N\t\\N\t');
    expect(parseCopyLine(copyLine([null, '', 'x']))).toEqual([null, '', 'x']);
  });

  it('writes booleans, numbers, bigints', () => {
    expect(copyLine([true, false, 0, -1.5, 1e21, Number.NaN, Infinity, -Infinity, 2n ** 70n])).toBe(
      't\tf\t0\t-1.5\t1e+21\tNaN\tInfinity\t-Infinity\t1180591620717411303424',
    );
  });

  it('writes dates as UTC wall time without zone, milliseconds only when present', () => {
    expect(formatTimestampUtc(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe('2024-01-02 03:04:05');
    expect(copyLine([new Date('2024-02-29T23:59:59.123+02:00')])).toBe('2024-02-29 21:59:59.123');
    expect(() => copyLine([new Date(Number.NaN)])).toThrow(/Invalid Date/);
  });

  it('writes arrays as PostgreSQL literals with every text element quoted', () => {
    expect(arrayLiteral([1, 2, null])).toBe('{1,2,NULL}');
    expect(arrayLiteral(['a"b', 'c\\d', 'NULL', '', 'x,y', '{z}', null])).toBe('{"a\\"b","c\\\\d","NULL","","x,y","{z}",NULL}');
    expect(arrayLiteral([[1, 2], [3, 4]])).toBe('{{1,2},{3,4}}');
    expect(arrayLiteral([])).toBe('{}');
    // The array literal is then COPY-escaped as a whole: its backslashes double.
    expect(copyLine([['a\tb', 'q"']])).toBe('{"a\\tb","q\\\\""}');
  });

  it('writes plain objects as JSON and bytes as bytea hex', () => {
    expect(copyLine([{ a: 'x\ty', b: [1, null] }])).toBe('{"a":"x\\\\ty","b":[1,null]}');
    expect(copyLine([new Uint8Array([0, 255, 16])])).toBe('\\\\x00ff10');
  });

  it('refuses values PostgreSQL cannot store or that have no COPY form', () => {
    expect(() => copyLine(['a\u0000b'])).toThrow(/NUL/);
    expect(() => copyLine([new Map()])).toThrow(/Map/);
    expect(() => copyLine([Symbol('s')])).toThrow(/symbol/);
  });
});

describe('parseCopyLine', () => {
  const nasty = ['tab\there', 'new\nline', 'cr\rhere', 'back\\slash', '\\N', 'unicodé ✓ 日本 🎉', '"quoted"', '', ' lead', 'trail '];

  it('round-trips nasty strings', () => {
    expect(parseCopyLine(copyLine(nasty))).toEqual(nasty);
  });

  it('decodes the escapes PostgreSQL may emit, including octal and hex bytes as UTF-8', () => {
    expect(parseCopyLine('\\b\\f\\v\\t\\n\\r\\\\')).toEqual(['\b\f\v\t\n\r\\']);
    expect(parseCopyLine('\\303\\251t\\xc3\\xa9')).toEqual(['été']);
    expect(parseCopyLine('a\\qb')).toEqual(['aqb']);
  });
});

describe('parseArrayLiteral', () => {
  it('inverts arrayLiteral for nasty text', () => {
    const values = ['a"b', 'c\\d', 'NULL', '', 'x,y', '{z}', ' sp ', 'tab\t', null];
    expect(parseArrayLiteral(arrayLiteral(values))).toEqual(values);
  });

  it('reads unquoted elements, NULLs, nesting and explicit bounds', () => {
    expect(parseArrayLiteral('{1,NULL,null,abc}')).toEqual(['1', null, null, 'abc']);
    expect(parseArrayLiteral('{{1,2},{3,4}}')).toEqual([['1', '2'], ['3', '4']]);
    expect(parseArrayLiteral('[0:1]={a,b}')).toEqual(['a', 'b']);
    expect(parseArrayLiteral('{}')).toEqual([]);
    expect(() => parseArrayLiteral('{a,b')).toThrow(SyntaxError);
  });
});
