import { describe, expect, it } from 'vitest';
import { addMonths, bucket, monthsBetween, parseMonth, parseRange, periodOf, periodRange, periodsOf, presetRange } from './periods';

describe('months', () => {
  it('parses YYYY-MM and any valid day, and nothing else', () => {
    expect(parseMonth('2026-03')).toBe('2026-03');
    expect(parseMonth('2026-02-28')).toBe('2026-02');
    expect(parseMonth('2026-02-30')).toBeNull();
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('March')).toBeNull();
  });
  it('adds months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-11', 14)).toBe('2027-01');
    expect(monthsBetween({ from: '2025-11', to: '2026-02' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
  it('refuses a reversed or malformed range with what is wrong', () => {
    expect(() => parseRange('2026-05', '2026-01')).toThrow(/after/);
    expect(() => parseRange('2026-5', '2026-06')).toThrow(/from/);
  });
});

describe('periods', () => {
  it('buckets months into quarters and years', () => {
    expect(periodOf('2026-03', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-04', 'quarter')).toBe('2026-Q2');
    expect(periodOf('2026-12', 'year')).toBe('2026');
    expect(periodsOf({ from: '2025-11', to: '2026-04' }, 'quarter')).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodRange('2026-Q2')).toEqual({ from: '2026-04', to: '2026-06' });
    expect(periodRange('2025')).toEqual({ from: '2025-01', to: '2025-12' });
  });
  it('sums rows per period', () => {
    const rows = [{ month: '2026-01', v: 1 }, { month: '2026-02', v: 2 }, { month: '2026-04', v: 4 }];
    const q = bucket(rows, 'quarter', () => ({ v: 0 }), (a, r) => { a.v += r.v; });
    expect([...q.entries()]).toEqual([['2026-Q1', { v: 3 }], ['2026-Q2', { v: 4 }]]);
  });
});

describe('presets', () => {
  const today = '2026-05-17';
  it('cover whole months seen from today', () => {
    expect(presetRange('this-month', today)).toEqual({ from: '2026-05', to: '2026-05' });
    expect(presetRange('last-3-months', today)).toEqual({ from: '2026-03', to: '2026-05' });
    expect(presetRange('last-12-months', today)).toEqual({ from: '2025-06', to: '2026-05' });
    expect(presetRange('this-quarter', today)).toEqual({ from: '2026-04', to: '2026-06' });
    expect(presetRange('last-quarter', '2026-02-01')).toEqual({ from: '2025-10', to: '2025-12' });
    expect(presetRange('last-year', today)).toEqual({ from: '2025-01', to: '2025-12' });
  });
});
