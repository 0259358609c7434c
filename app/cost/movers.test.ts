import { expect, it } from 'vitest';
import { topMovers } from './movers';

it('ranks keys by absolute change, including keys that appear or vanish', () => {
  const before = new Map([['a', 100], ['b', 50], ['c', 10]]);
  const after = new Map([['a', 40], ['b', 55], ['d', 80]]);
  const m = topMovers(before, after, 3);
  expect(m.map((x) => x.key)).toEqual(['d', 'a', 'c']);
  expect(m[0]).toEqual({ key: 'd', before: 0, after: 80, change: 80, changePct: null });
  expect(m[1]?.changePct).toBeCloseTo(-0.6, 12);
  expect(topMovers(new Map([['x', 1]]), new Map([['x', 1]]), 5)).toEqual([]);
});
