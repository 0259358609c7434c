import { describe, expect, it } from 'vitest';
import { buildFx } from './fx';

describe('fx', () => {
  const fx = buildFx('seed-a', '2023-05-01', '2026-06-30');

  it('keeps EURUSD inside 1.04–1.16 every day and stores 6 decimals', () => {
    let n = 0;
    for (const r of fx.rows()) {
      if (r.currency !== 'USD') continue;
      n++;
      expect(r.rate).toBeGreaterThanOrEqual(1.04);
      expect(r.rate).toBeLessThanOrEqual(1.16);
      expect(Math.round(r.rate * 1e6) / 1e6).toBe(r.rate);
    }
    expect(n).toBeGreaterThan(1100);
  });

  it('walks (not constant) and converts USD through the EUR rates', () => {
    const a = fx.rate('USD', '2024-01-01');
    const b = fx.rate('USD', '2025-01-01');
    expect(a).not.toBe(b);
    expect(fx.rate('EUR', '2024-01-01')).toBe(1);
    expect(fx.usdTo('EUR', '2024-01-01')).toBeCloseTo(1 / a, 5);
    expect(fx.usdTo('USD', '2024-01-01')).toBe(1);
  });

  it('is deterministic per seed and differs across seeds', () => {
    expect(buildFx('seed-a', '2023-05-01', '2026-06-30').rate('GBP', '2025-06-01')).toBe(fx.rate('GBP', '2025-06-01'));
    expect(buildFx('seed-b', '2023-05-01', '2026-06-30').rate('GBP', '2025-06-01')).not.toBe(fx.rate('GBP', '2025-06-01'));
  });
});
