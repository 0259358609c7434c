import { describe, expect, it } from 'vitest';
import { customerTerms, listFactor, termsAt } from './pricing';
import type { BillingCustomer } from '../universe-types';

const customer = (partnerId: number): BillingCustomer => ({ partnerId, entityId: `E${partnerId}`, countryCode: 'DE', vatId: 'DE123', isIndividual: false, industry: 'Retail', currency: 'EUR', userId: 6, teamId: 1, aiUseCase: false });

describe('pricing rules', () => {
  const all = Array.from({ length: 4000 }, (_, i) => customerTerms('pricing', customer(i + 7), 2, 36));

  it('follow the spec mix: pass-through 55%, discount 20%, markup 12%, cost-plus 8%, fixed fee 5%', () => {
    const share = (rule: string): number => all.filter((t) => t.first.rule === rule).length / all.length;
    expect(share('pass_through')).toBeCloseTo(0.55, 1);
    expect(share('discount_pct')).toBeCloseTo(0.2, 1);
    expect(share('markup_pct')).toBeCloseTo(0.12, 1);
    expect(share('cost_plus')).toBeCloseTo(0.08, 1);
    expect(share('fixed_fee')).toBeCloseTo(0.05, 1);
    expect(all.filter((t) => t.change).length / all.length).toBeCloseTo(0.1, 1);
    expect(all.filter((t) => t.managedFee).length / all.length).toBeCloseTo(0.3, 1);
  });

  it('are sticky per customer and switch once at the change month', () => {
    const t = all.find((x) => x.change) as (typeof all)[number];
    expect(customerTerms('pricing', customer(all.indexOf(t) + 7), 2, 36)).toEqual(t);
    const at = t.change?.at ?? 0;
    expect(termsAt(t, at - 1)).toEqual(t.first);
    expect(termsAt(t, at)).toEqual(t.change?.terms);
  });

  it('turns percentages into list factors', () => {
    expect(listFactor({ rule: 'discount_pct', pct: 4 })).toBeCloseTo(0.96, 10);
    expect(listFactor({ rule: 'markup_pct', pct: 10 })).toBeCloseTo(1.1, 10);
    expect(listFactor({ rule: 'pass_through', pct: 0 })).toBe(1);
  });
});
