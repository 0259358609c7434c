import { describe, expect, it } from 'vitest';
import { AWS_PRODUCTS } from './aws-products';
import { catalogTemplates, productIdByCode, serviceCatalog } from './catalog';

describe('catalog', () => {
  it('gives the services the same ids on every call (the CRM half uses them before billing runs)', () => {
    const a = serviceCatalog();
    expect(serviceCatalog()).toEqual(a);
    expect(a.map((s) => s.kind)).toEqual(expect.arrayContaining(['managed', 'tm', 'map_fixed', 'admin_fee']));
    expect(a.find((s) => s.defaultCode === 'MS-GOLD')?.productId).toBe(4);
  });

  it('has ≈180 templates at small/prod and 60 at tiny, always including services and every AWS product', () => {
    expect(catalogTemplates('prod')).toHaveLength(180);
    const tiny = catalogTemplates('tiny');
    expect(tiny).toHaveLength(60);
    for (const s of serviceCatalog()) expect(tiny.some((t) => t.productId === s.productId)).toBe(true);
    for (const p of AWS_PRODUCTS) expect(tiny.some((t) => t.awsCode === p.code)).toBe(true);
  });

  it('lets product_product ids drift from template ids (archived variants)', () => {
    const drift = catalogTemplates('prod').filter((t) => t.productId !== t.templateId);
    expect(drift.length).toBeGreaterThan(100);
    const ids = catalogTemplates('prod').flatMap((t) => [t.productId, t.archivedVariantId].filter((x): x is number => x !== null));
    expect(new Set(ids).size).toBe(ids.length);
    expect(productIdByCode('AWS-AmazonEC2')).toBeGreaterThan(0);
  });
});
