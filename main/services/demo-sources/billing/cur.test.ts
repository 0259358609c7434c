import { describe, expect, it } from 'vitest';
import { AWS_PRODUCT_BY_CODE } from './aws-products';
import { accountMonthRows, type CurGen } from './cur';
import { grossMicros } from './cur-plan';
import { buildSetup } from './setup';
import { makeTestUniverse } from './test-universe';

const u = makeTestUniverse({ seed: 'cur-unit', customers: 25 });
const setup = buildSetup(u);
const gen: CurGen = { ctx: setup.ctx, plan: { c: 1.3, sppPct: 0.05, trim: new Set(), pad: new Map(), adjust: new Map(), payerFee: new Map() } };
const all = setup.models.flatMap((model) => setup.ctx.months.map((_, m) => ({ model, m, rows: accountMonthRows(gen, model, m) })));

describe('CUR rows of an account-month', () => {
  it('are deterministic', () => {
    const { model, m, rows } = all.find((x) => x.rows.length > 3) as (typeof all)[number];
    expect(accountMonthRows(gen, model, m)).toEqual(rows);
  });

  it('keep usage in line with the series: Σ usage-like rows at list price = S(a, m)', () => {
    for (const { model, m, rows } of all) {
      if (model.split?.m === m || rows.length === 0) continue;
      const list = rows.filter((r) => r.kind === 'usage' || r.type === 'SavingsPlanCoveredUsage' || r.type === 'DiscountedUsage').reduce((s, r) => s + r.publicCost, 0);
      expect(Math.abs(list - Math.round((model.S[m] ?? 0) * 1e6))).toBeLessThanOrEqual(10_000 * 14);
    }
  });

  it('signs line item types the CUR way and cancels SP-covered usage with the negation', () => {
    for (const { rows } of all) {
      for (const r of rows) {
        if (['Credit', 'Refund', 'SppDiscount', 'SavingsPlanNegation'].includes(r.type)) expect(r.cost).toBeLessThanOrEqual(0);
        if (['Usage', 'SavingsPlanCoveredUsage', 'SavingsPlanRecurringFee', 'RIFee', 'Tax'].includes(r.type)) expect(r.cost).toBeGreaterThanOrEqual(0);
        if (r.type === 'DiscountedUsage') expect(r.cost).toBe(0);
      }
      const covered = rows.filter((r) => r.type === 'SavingsPlanCoveredUsage').reduce((s, r) => s + r.cost, 0);
      const negation = rows.filter((r) => r.type === 'SavingsPlanNegation').reduce((s, r) => s + r.cost, 0);
      expect(covered + negation).toBe(0);
    }
  });

  it('gives SPP discounts only under a partner payer, on eligible Usage ≥ $10, at 5%', () => {
    let seen = 0;
    for (const { model, m, rows } of all) {
      const split = model.split?.m === m;
      for (const d of rows.filter((r) => r.type === 'SppDiscount')) {
        seen++;
        expect(setup.ctx.sppPayers.has(d.payer)).toBe(true);
        const usage = rows.find((r) => r.type === 'Usage' && r.productCode === d.productCode && r.kind === 'usage' && r.payer === d.payer);
        expect(AWS_PRODUCT_BY_CODE.get(d.productCode)?.sppEligible).toBe(true);
        if (!split) expect(usage && usage.cost >= 10_000_000).toBe(true);
        expect(Math.abs(d.cost + Math.round((usage?.cost ?? 0) * 0.05))).toBeLessThanOrEqual(split ? 2 : 1);
      }
      for (const r of rows) if (!setup.ctx.sppPayers.has(r.payer)) expect(r.type).not.toBe('SppDiscount');
    }
    expect(seen).toBeGreaterThan(50);
  });

  it('excludes credits, refunds, SPP discounts, tax and negations from gross', () => {
    const row = all.flatMap((x) => x.rows).find((r) => r.type === 'SppDiscount');
    expect(row && grossMicros(row)).toBe(0);
    const d = all.flatMap((x) => x.rows).find((r) => r.type === 'DiscountedUsage');
    if (d) expect(grossMicros(d)).toBe(d.publicCost);
  });
});
