/**
 * Property-style: names and texts of any script and any length never crash the scorer, and every result is
 * a valid level / probability. Deterministic pseudo-random inputs (no flaky seeds).
 */
import { describe, expect, it } from 'vitest';
import { COMPARISONS, compareAll, type CompareContext } from './compare';
import { runEngine } from './engine';
import { prepareAce, prepareOdoo } from './prepare';
import { editDistance, isAcronymOf, jaroWinkler, trigramSimilarity } from './strings';
import type { AceOpportunityInput, OdooOpportunityInput } from './types';

const PIECES = [
  'Nordlicht', 'GmbH & Co. KG', '株式会社', 'さくらテック', '华云科技有限公司', '한빛소프트 주식회사', 'Ακρόπολις Α.Ε.', 'الخليج للتقنية ذ.م.م', 'Công ty TNHH Sao Việt',
  'Ødegaard', 'Łódź Sp. z o.o.', 'Şahin A.Ş.', '👩‍💻🚀', '\u0301\u0308', '\t\n\r', '', ' ', '(', ')', '[', ' - ', ',', '&', '+', '%', '\\', '"', "'", 'x'.repeat(5000),
  'The', 'and', 'Inc.', 'Ltd', 'N/A', '-', '1234-5678-9012', 'foo@bar', 'www.', 'https://', '\u200b', '\ufeff', '\ud83d', 'ǅ', 'ﬁ', 'Ⅻ',
];

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

function text(r: () => number): string | null {
  if (r() < 0.1) return null;
  const n = Math.floor(r() * 6);
  let s = '';
  for (let i = 0; i < n; i++) {
    if (r() < 0.3) s += String.fromCodePoint(Math.floor(r() * 0x2ffff));
    else s += PIECES[Math.floor(r() * PIECES.length)];
    s += r() < 0.5 ? ' ' : '';
  }
  return s;
}

function odoo(r: () => number, i: number): OdooOpportunityInput {
  return {
    sourceId: i, name: text(r) ?? '', status: r() < 0.5 ? 'open' : 'won', companyName: text(r), partnerName: text(r), commercialPartnerName: text(r),
    leadPartnerName: text(r), commercialPartnerId: r() < 0.5 ? Math.floor(r() * 5) : null, countryCode: text(r), website: text(r), partnerWebsite: text(r),
    emailFrom: text(r), partnerEmail: text(r), normalizedDomain: r() < 0.5 ? 'acme.com' : null, contactName: text(r), userName: text(r), userEmail: text(r),
    awsAccountIds: r() < 0.5 ? ['012345678901'] : [], aceRef: text(r), description: text(r), referred: text(r), expectedRevenue: r() < 0.3 ? Number.NaN : r() * 1e6,
    recurringMonthly: null, created: r() < 0.2 ? null : r() * 2e12, deadline: r() < 0.2 ? Number.POSITIVE_INFINITY : r() * 2e12,
  };
}

function ace(r: () => number, i: number): AceOpportunityInput {
  return {
    sourceId: `O${1_000_000 + i}`, name: text(r) ?? '', accountName: text(r), endUserCompanyName: text(r), countryCode: text(r), website: text(r), customerEmail: text(r),
    customerName: text(r), normalizedDomain: r() < 0.5 ? 'acme.com' : null, ownerName: text(r), ownerEmail: text(r), awsAccountIds: r() < 0.5 ? ['012345678910'] : [],
    partnerCrmLeadId: r() < 0.3 ? Math.floor(r() * 40) : null, status: text(r), stage: text(r), mrr: r() < 0.5 ? r() * 1e4 : null, created: r() * 2e12, targetClose: null,
  };
}

describe('the scorer on arbitrary text', () => {
  it('string similarities stay in [0, 1] for any input', () => {
    const r = rng(1);
    for (let i = 0; i < 500; i++) {
      const a = text(r) ?? '';
      const b = text(r) ?? '';
      for (const v of [jaroWinkler(a, b), trigramSimilarity(a, b)]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(editDistance(a, b, 2)).toBeLessThanOrEqual(3);
      expect(typeof isAcronymOf(a, b.split(' '))).toBe('boolean');
    }
    expect(jaroWinkler('vantix labs', 'vantx labs')).toBeGreaterThan(0.95);
    expect(editDistance('vantix', 'vantiq')).toBe(1);
    expect(isAcronymOf('ibm', ['international', 'business', 'machines'])).toBe(true);
  });

  it('prepares and compares any records into valid levels', () => {
    const r = rng(2);
    const ctx: CompareContext = { nameIdf: () => 5, dealIdf: () => 3, companyLeads: () => new Set([1, 2]) };
    for (let i = 0; i < 300; i++) {
      const levels = compareAll(prepareAce(ace(r, i)), prepareOdoo(odoo(r, i)), ctx);
      levels.forEach((l, k) => {
        expect(l).toBeGreaterThanOrEqual(-1);
        expect(l).toBeLessThan(COMPARISONS[k]?.levels.length as number);
      });
    }
  });

  it('runs the whole engine on garbage and returns a decision with a finite probability for every ACE record', () => {
    const r = rng(3);
    const o = Array.from({ length: 60 }, (_, i) => odoo(r, i));
    const a = Array.from({ length: 80 }, (_, i) => ace(r, i));
    const res = runEngine(o, a, { randomPairs: 2000 });
    expect(res.results).toHaveLength(80);
    for (const x of res.results) {
      expect(Number.isFinite(x.assignment.probability)).toBe(true);
      expect(x.none).toBeGreaterThanOrEqual(0);
      for (const c of x.candidates) {
        expect(c.p).toBeGreaterThanOrEqual(0);
        expect(c.p).toBeLessThanOrEqual(1);
        for (const b of c.contributions) expect(Number.isFinite(b.bits)).toBe(true);
      }
    }
  });
});
