import { describe, expect, it } from 'vitest';
import type { BillLineCalc } from './bills';
import { expand, expansionInputs, lineCount, spendFactor } from './expansion';
import { lineTaxCents, taxRuleFor } from './tax-rules';
import { TAX } from './ids';

const model = { idx: 0, awsId: '012345678901', regions: ['EUC1-', 'EU-'] } as unknown as NonNullable<BillLineCalc['model']>;
const line = { model, productCode: 'AmazonEC2', lineType: 'usage', spendUsd: 5000 } as BillLineCalc;

describe('invoice expansion', () => {
  it('scales with spend: f(S) = clamp(0.4 + 0.25·log10(S+1), 0.4, 2)', () => {
    expect(spendFactor(0)).toBe(0.4);
    expect(spendFactor(999)).toBeCloseTo(1.15, 10);
    expect(spendFactor(1e12)).toBe(2);
  });

  it('splits a bill line over distinct region-prefixed usage types, summing exactly', () => {
    const { e, cap } = expansionInputs(line, 123_456);
    expect(e).toBeCloseTo(24 * spendFactor(5000), 10);
    const n = lineCount(e, cap, 1);
    const parts = expand('seed', line, 42, 123_456, n);
    expect(parts).toHaveLength(n);
    expect(parts.reduce((s, p) => s + p.cents, 0)).toBe(123_456);
    expect(new Set(parts.map((p) => p.usageType)).size).toBe(n);
    for (const p of parts) expect(p.usageType).toMatch(/^(EUC1-|EU-)/);
    expect(expand('seed', line, 42, 123_456, n)).toEqual(parts);
  });

  it('keeps tiny amounts and non-usage lines on one line', () => {
    expect(expansionInputs(line, 80).cap).toBe(1);
    expect(expansionInputs({ ...line, lineType: 'credit' }, -5000).e).toBe(0);
    expect(lineCount(0, 1, 10)).toBe(1);
  });
});

describe('VAT rules', () => {
  it('charge 19% domestic, reverse-charge EU B2B, zero-rate exports', () => {
    expect(taxRuleFor({ countryCode: 'DE', vatId: 'DE1' }).ratePct).toBe(19);
    expect(taxRuleFor({ countryCode: 'FR', vatId: 'FR1' }).taxId).toBe(TAX.saleEu0);
    expect(taxRuleFor({ countryCode: 'FR', vatId: null }).ratePct).toBe(19);
    expect(taxRuleFor({ countryCode: 'CH', vatId: 'CHE1' }).taxId).toBe(TAX.saleExport0);
    expect(lineTaxCents(1050, 19)).toBe(200);
    expect(lineTaxCents(-1050, 19)).toBe(-200);
  });
});
