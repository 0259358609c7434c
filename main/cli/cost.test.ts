/** `revops cost` argument parsing (usage errors before anything runs) and the text table. */
import { describe, expect, it } from 'vitest';
import type { CostFigures } from '../../app/contract/cost';
import { formatCost, parseCostArgs } from './cost';
import { UsageError } from './run';

describe('revops cost arguments', () => {
  it('takes linked and payer ids, all, months or days, a granularity and products', () => {
    expect(parseCostArgs({ accounts: '012345678901, 123456789012', from: '2026-01-15', to: '2026-03', by: 'quarter', product: 'AmazonEC2,AmazonRDS' })).toEqual({
      accounts: ['012345678901', '123456789012'], from: '2026-01', to: '2026-03', by: 'quarter', products: ['AmazonEC2', 'AmazonRDS'],
    });
    expect(parseCostArgs({ accounts: 'all', from: '2026-01', to: '2026-01' })).toMatchObject({ accounts: [], by: 'month', products: [] });
  });
  it.each([
    [{ from: '2026-01', to: '2026-02' }, /--accounts is required/],
    [{ accounts: '12345678901', from: '2026-01', to: '2026-02' }, /12-digit.*12345678901.*leading zeros/],
    [{ accounts: 'all', from: '2026-01' }, /--from and --to are required/],
    [{ accounts: 'all', from: '2026-13', to: '2026-02' }, /from: expected YYYY-MM/],
    [{ accounts: 'all', from: '2026-05', to: '2026-02' }, /after/],
    [{ accounts: 'all', from: '2026-01', to: '2026-02', by: 'week' }, /--by must be month, quarter or year/],
  ])('refuses %o with a usage error', (o, msg) => {
    expect(() => parseCostArgs(o)).toThrow(UsageError);
    expect(() => parseCostArgs(o)).toThrow(msg);
  });
});

it('prints one line per period, the total with margin %, and the flags', () => {
  const f = (cost: number, invoiced: number): CostFigures => ({
    cost, invoiced, gross: cost, credits: 0, refunds: 0, discountSpp: 0, discountPod: 0, discountOther: 0, tax: 0, billed: invoiced, creditNotes: 0,
    margin: invoiced - cost, marginPct: invoiced ? (invoiced - cost) / invoiced : null,
  });
  const text = formatCost({
    currency: 'USD', from: '2026-01', to: '2026-06', by: 'quarter', totals: f(200, 210), series: [{ period: '2026-Q1', ...f(100, 105) }, { period: '2026-Q2', ...f(100, 105) }],
    byProduct: [{ productCode: 'AmazonEC2', productName: null, ...f(200, 210) }], byAccount: [],
    anomalies: [{ month: '2026-06', accountId: '012345678901', accountName: null, kind: 'cost_no_invoice', cost: 5, invoiced: 0, margin: -5 }], anomalyCount: 1,
  });
  expect(text).toMatch(/2026-Q1\s+100\.00\s+105\.00\s+5\.00\s+4\.8%/);
  expect(text).toMatch(/TOTAL\s+200\.00\s+210\.00\s+10\.00\s+4\.8%/);
  expect(text).toContain('flagged account-months: 1\n');
  expect(text).toContain('2026-06 012345678901 cost no invoice');
});
