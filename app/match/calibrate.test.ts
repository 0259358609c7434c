import { describe, expect, it } from 'vitest';
import { calibrate, fitCalibration, MIN_PER_CLASS } from './calibrate';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('calibration from analyst decisions', () => {
  it('stays the identity until both classes have enough labels', () => {
    const few: { x: number; y: 0 | 1 }[] = [...Array.from({ length: MIN_PER_CLASS - 1 }, () => ({ x: 3, y: 1 as const })), ...Array.from({ length: 50 }, () => ({ x: -3, y: 0 as const }))];
    const c = fitCalibration(few);
    expect(c.fitted).toBe(false);
    expect(calibrate(c, 0.73)).toBe(0.73);
  });

  it('corrects an overconfident model (log-odds twice too large)', () => {
    const r = rng(5);
    const points = Array.from({ length: 4000 }, () => {
      const trueLogit = (r() - 0.5) * 8;
      const y = r() < 1 / (1 + Math.exp(-trueLogit)) ? 1 : 0;
      return { x: 2 * trueLogit, y: y as 0 | 1 };
    });
    const c = fitCalibration(points);
    expect(c.fitted).toBe(true);
    expect(c.a).toBeGreaterThan(0.4);
    expect(c.a).toBeLessThan(0.6);
    expect(Math.abs(c.b)).toBeLessThan(0.15);
    // a model probability of 0.982 (logit 4) means ≈ 0.88 (logit 2)
    expect(calibrate(c, 1 / (1 + Math.exp(-4)))).toBeCloseTo(1 / (1 + Math.exp(-2)), 1);
  });
});
