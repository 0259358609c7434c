/**
 * The engine's entity option (`match csv` on company tables): one stage, the deal stage not used — no deal
 * comparisons, no mixture weight, and a lone candidate keeps its company-stage probability. (Match quality on
 * real tables: main/services/match-csv/match-csv.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { runEngine } from './engine';
import type { AceOpportunityInput, OdooOpportunityInput } from './types';

const NAMES = ['Nordlicht Logistik', 'Helios Energy', 'Baltic Freight', 'Sakura Tech', 'Alpenblick Hotels', 'Rhein Data', 'Kestrel Analytics', 'Marlow Foods',
  'Quintara Bank', 'Vesper Robotics', 'Oakridge Clinics', 'Tidewater Shipping'];

function odoo(i: number, name: string): OdooOpportunityInput {
  const domain = `${name.toLowerCase().replace(/ /g, '')}.com`;
  return {
    sourceId: i, name, status: null, companyName: name, partnerName: name, commercialPartnerName: name, leadPartnerName: null, commercialPartnerId: i, countryCode: 'DE',
    website: domain, partnerWebsite: null, emailFrom: null, partnerEmail: null, normalizedDomain: domain, contactName: null, userName: null, userEmail: null,
    awsAccountIds: [], aceRef: null, description: null, referred: null, expectedRevenue: null, recurringMonthly: null, created: null, deadline: null,
  };
}

function ace(id: string, name: string, domain: string | null): AceOpportunityInput {
  return {
    sourceId: id, name, accountName: name, endUserCompanyName: null, countryCode: 'DE', website: domain, customerEmail: null, customerName: null, normalizedDomain: domain,
    ownerName: null, ownerEmail: null, awsAccountIds: [], partnerCrmLeadId: null, status: null, stage: null, mrr: null, created: null, targetClose: null,
  };
}

describe('engine entity option', () => {
  const right = NAMES.map((n, i) => odoo(i + 1, n));
  const left = NAMES.map((n, i) => ace(`L${i}`, i % 2 ? `${n} GmbH` : n, i % 3 === 0 ? `${n.toLowerCase().replace(/ /g, '')}.com` : null));

  it('uses one stage: no deal comparisons, π = 1, P(j) = company probability for a lone candidate', () => {
    const r = runEngine(right, left, { entity: true, thresholds: { autoAccept: 0.5, autoNoMatch: 0.5 }, keep: 100 });
    expect(r.model.deal.comparisons).toEqual([]);
    expect(r.model.deal.pi).toBe(1);
    for (const a of r.results) {
      for (const c of a.candidates) {
        expect(c.contributions.some((x) => x.stage === 'deal')).toBe(false);
        expect(Object.keys(c.levels)).not.toContain('workload');
      }
      const sum = a.candidates.reduce((s, c) => s + c.company, 0);
      if (sum <= 1) for (const c of a.candidates) expect(c.p).toBeCloseTo(c.company, 9);
    }
    // The assignment is decided on those probabilities (no halving by an unestimated mixture weight).
    for (const a of r.results) expect(a.assignment.probability).toBeCloseTo(a.candidates[0]?.p ?? 0, 9);
  });

  it('differs from the two-stage run, whose deal stage has nothing to weigh', () => {
    const two = runEngine(right, left, { thresholds: { autoAccept: 0.5, autoNoMatch: 0.5 }, keep: 100 });
    expect(two.model.deal.comparisons.length).toBeGreaterThan(0);
    expect(two.results[0]?.candidates[0]?.contributions.some((x) => x.stage === 'deal')).toBe(true);
  });
});
