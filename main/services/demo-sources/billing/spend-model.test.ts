import { describe, expect, it } from 'vitest';
import { businessSupportUsd, developerSupportUsd, enterpriseSupportUsd } from './aws-products';
import { rampFactor, seasonFactor } from './spend-model';
import { buildSetup } from './setup';
import { makeTestUniverse } from './test-universe';

describe('spend model', () => {
  it('prices AWS Business support by tiers with a $100 minimum', () => {
    expect(businessSupportUsd(500)).toBe(100);
    expect(businessSupportUsd(10_000)).toBeCloseTo(1000, 6);
    expect(businessSupportUsd(20_000)).toBeCloseTo(1000 + 700, 6);
    expect(businessSupportUsd(300_000)).toBeCloseTo(1000 + 4900 + 8500 + 1500, 6);
    expect(enterpriseSupportUsd(10_000)).toBe(15_000);
    expect(developerSupportUsd(100)).toBe(29);
  });

  it('ramps new accounts and applies seasons', () => {
    expect([0, 1, 2, 3].map(rampFactor)).toEqual([0.15, 0.45, 0.8, 1]);
    expect(seasonFactor('Retail', '2025-12-01')).toBeCloseTo(1.45 * 0.97, 10);
    expect(seasonFactor('Education', '2025-07-01')).toBe(0.75);
    expect(seasonFactor('Software and Internet', '2025-02-01')).toBe(0.93);
  });

  it('steps up spend after a won migration', () => {
    const u = makeTestUniverse({ seed: 'steps', customers: 12 });
    const entity = u.customers[6]?.entityId as string;
    const close = '2024-06-15';
    const withEvent = { ...u, spendEvents: [{ entityId: entity, kind: 'migration' as const, closeDate: close }] };
    const base = buildSetup({ ...u, spendEvents: [] });
    const stepped = buildSetup(withEvent);
    const a = base.byEntity.get(entity)?.[0];
    const b = stepped.byEntity.get(entity)?.[0];
    expect(a && b).toBeTruthy();
    const idx = base.ctx.months.indexOf('2024-11-01');
    // 5 months after close the step (× 2.5–6, from 1–3 months after close, over 2 months) is fully in.
    const ratio = (b?.S[idx] ?? 0) / (a?.S[idx] ?? 1);
    expect(ratio).toBeGreaterThanOrEqual(2.5);
    expect(ratio).toBeLessThanOrEqual(6);
    expect(b?.S[base.ctx.months.indexOf('2024-05-01')]).toBe(a?.S[base.ctx.months.indexOf('2024-05-01')]);
  });

  it('draws every account from its own stream: adding accounts does not change the others', () => {
    const u = makeTestUniverse({ seed: 'independent', customers: 10 });
    const one = buildSetup(u);
    const extra = { ...u.accounts[5], awsAccountId: '999999999999', odooId: 9999 } as (typeof u.accounts)[number];
    const two = buildSetup({ ...u, accounts: [...u.accounts, extra] });
    for (const m of one.models) {
      if (m.phantom) continue;
      expect(Array.from(two.byAwsId.get(m.awsId)?.S ?? [])).toEqual(Array.from(m.S));
    }
  });
});
