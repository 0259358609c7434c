import { describe, expect, it } from 'vitest';
import { convert, margin, netCost, rateOn, roundCents, signedInvoiceAmount, totalOf, unblendedCost } from './money';

describe('margin', () => {
  it('is invoiced minus net cost, as a share of invoiced', () => {
    const m = margin(1050, 1000);
    expect(m.margin).toBe(50);
    expect(m.marginPct).toBeCloseTo(50 / 1050, 12);
  });
  it('is negative when cost exceeds the invoice, and has no % without an invoice', () => {
    expect(margin(900, 1000)).toEqual({ margin: -100, marginPct: -100 / 900 });
    expect(margin(0, 1000)).toEqual({ margin: -1000, marginPct: null });
    expect(margin(0.004, 10).marginPct).toBeNull();
  });
});

describe('net cost from the CUR buckets', () => {
  const b = { usage: 1000, credits: -200, refunds: -50, discountSpp: -50, discountPod: -30, discountOther: -10, tax: 190, other: 0 };
  it('takes credits, refunds and discounts off usage and leaves tax out', () => {
    expect(netCost(b)).toBe(660);
    expect(unblendedCost(b)).toBe(850);
  });
  it('a credit larger than usage makes the month negative (what becomes a credit note)', () => {
    expect(netCost({ ...b, credits: -1200 })).toBe(-340);
  });
});

describe('credit notes', () => {
  it('count negative whatever sign the source stored, invoices positive', () => {
    expect(signedInvoiceAmount('out_refund', 120)).toBe(-120);
    expect(signedInvoiceAmount('out_refund', -120)).toBe(-120);
    expect(signedInvoiceAmount('out_invoice', 120)).toBe(120);
    expect(totalOf([{ cost: 100, invoiced: signedInvoiceAmount('out_invoice', 110) }, { cost: 0, invoiced: signedInvoiceAmount('out_refund', 30) }])).toEqual({ cost: 100, invoiced: 80, margin: -20, marginPct: -0.25 });
  });
});

describe('FX (Odoo rates: units per 1 company-currency unit)', () => {
  const rates = { USD: 1.085, GBP: 0.858 };
  it('converts EUR (company currency, no rate) to USD', () => {
    expect(convert(100, 'EUR', 'USD', rates)).toBeCloseTo(108.5, 10);
  });
  it('converts across two foreign currencies through the company currency', () => {
    expect(convert(85.8, 'GBP', 'USD', rates)).toBeCloseTo(108.5, 10);
    expect(convert(42, 'USD', 'USD', rates)).toBe(42);
  });
  it('refuses a zero or negative rate', () => {
    expect(() => convert(1, 'GBP', 'USD', { GBP: 0, USD: 1.1 })).toThrow(RangeError);
  });
  it('uses the newest rate on or before the day, else the first one after', () => {
    const s = [{ day: '2026-03-02', rate: 1.1 }, { day: '2026-03-05', rate: 1.2 }, { day: '2026-03-01', rate: 1.0 }];
    expect(rateOn(s, '2026-03-04')).toBe(1.1);
    expect(rateOn(s, '2026-03-05')).toBe(1.2);
    expect(rateOn(s, '2026-02-20')).toBe(1.0);
    expect(rateOn([], '2026-02-20')).toBe(1);
  });
});

describe('roundCents', () => {
  it('rounds half away from zero at the cent', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(-1.005)).toBe(-1.01);
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
  });
});
