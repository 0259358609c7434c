import { describe, expect, it } from 'vitest';
import { ident, join, quoteIdent, sql } from './sql';

describe('sql', () => {
  it('turns every value into a numbered parameter, never into text', () => {
    const evil = "x'; DROP TABLE core.account; --";
    const q = sql`SELECT * FROM t WHERE a = ${evil} AND b = ${2}`;
    expect(q.text).toBe('SELECT * FROM t WHERE a = $1 AND b = $2');
    expect(q.values).toEqual([evil, 2]);
  });

  it('composes nested fragments and renumbers their parameters', () => {
    const cond = sql`x = ${1} AND y = ${'b'}`;
    const inner = sql`(${cond}) OR z = ${true}`;
    const q = sql`SELECT ${'first'} WHERE ${inner} LIMIT ${10}`;
    expect(q.text).toBe('SELECT $1 WHERE (x = $2 AND y = $3) OR z = $4 LIMIT $5');
    expect(q.values).toEqual(['first', 1, 'b', true, 10]);
  });

  it('joins values and fragments', () => {
    const q = sql`INSERT INTO t VALUES (${join([1, 'a', null])})`;
    expect(q.text).toBe('INSERT INTO t VALUES ($1, $2, $3)');
    expect(q.values).toEqual([1, 'a', null]);
    const w = join([sql`a = ${1}`, sql`b = ${2}`], sql` AND `);
    expect(sql`WHERE ${w}`.text).toBe('WHERE a = $1 AND b = $2');
    expect(join([]).text).toBe('');
  });

  it('quotes safe identifiers and refuses anything else', () => {
    expect(quoteIdent('raw.odoo_crm_lead')).toBe('"raw"."odoo_crm_lead"');
    expect(sql`SELECT * FROM ${ident('core.account')} WHERE id = ${5}`.text).toBe('SELECT * FROM "core"."account" WHERE id = $1');
    for (const bad of ['Account', 'a-b', 'a b', 'x"; drop', '1abc', '', 'a..b', 'a.b.c.d', 'é']) {
      expect(() => ident(bad), bad).toThrow(/Unsafe SQL identifier/);
    }
  });
});
