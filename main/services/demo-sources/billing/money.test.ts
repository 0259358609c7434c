import { describe, expect, it } from 'vitest';
import { fmtCents, fmtMicros, fmtScaled, roundHalfAway, splitInt, usdToMicros } from './money';

describe('money', () => {
  it('rounds half away from zero on both signs', () => {
    expect(roundHalfAway(2.5)).toBe(3);
    expect(roundHalfAway(-2.5)).toBe(-3);
    expect(roundHalfAway(-2.4)).toBe(-2);
  });

  it('formats scaled integers exactly, including negatives below one unit', () => {
    expect(fmtCents(-5)).toBe('-0.05');
    expect(fmtCents(499999)).toBe('4999.99');
    expect(fmtMicros(usdToMicros(0.1 + 0.2))).toBe('0.300000');
    expect(fmtScaled(7, 0)).toBe('7');
    expect(() => fmtCents(0.5)).toThrow(/safe integer/);
  });

  it('splits a total so the parts always sum to it, residual on the largest weight', () => {
    const parts = splitInt(1000, [1, 1, 1]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(parts).toEqual([334, 333, 333]);
    const neg = splitInt(-1001, [0.2, 0.5, 0.3]);
    expect(neg.reduce((a, b) => a + b, 0)).toBe(-1001);
    expect(neg[1]).toBe(-501);
    expect(splitInt(5, [0, 0])).toEqual([5, 0]);
  });
});
