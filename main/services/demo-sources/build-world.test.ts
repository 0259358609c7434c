import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildWorld, type Built } from './build-world';
import { parseParams } from './params';
import { aceOpportunityCount, HN_FAMILIES, odooOpportunityCount, scaleConfig } from './scale';
import type { Scale } from './universe-types';

const cache = new Map<string, Built>();
function world(scale: Scale, seed = 'b'): Built {
  const key = `${scale}|${seed}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const built = buildWorld(parseParams({ scale, seed }));
  cache.set(key, built);
  return built;
}

function digest(b: Built): string {
  const h = createHash('sha256');
  for (const [t, rows] of [...b.world.rows.entries()].sort(([a], [c]) => (a < c ? -1 : 1))) h.update(`${t}\n${JSON.stringify(rows)}\n`);
  h.update(JSON.stringify(b.universe, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v)));
  return h.digest('hex');
}

describe.each(['tiny', 'small'] as const)('CRM/ACE world at %s scale', (scale) => {
  const cfg = scaleConfig(scale);

  it('hits the exact headline counts', () => {
    const { world: w, universe } = world(scale);
    const leads = w.rows.get('crm_lead') ?? [];
    expect(leads.filter((r) => r.type === 'opportunity')).toHaveLength(odooOpportunityCount(cfg));
    expect(leads.filter((r) => r.type === 'lead')).toHaveLength(cfg.rawLeads);
    expect(w.rows.get('apn_opportunity')).toHaveLength(aceOpportunityCount(cfg));
    expect(universe.accounts).toHaveLength(cfg.accounts.total);
    expect(universe.accounts.filter((a) => a.leadId !== null)).toHaveLength(cfg.accounts.withLead);
    expect(w.rows.get('sale_order')).toHaveLength(cfg.saleOrders);
    expect(w.rows.get('apn_contacts')).toHaveLength(cfg.apn.contacts);
  });

  it('keeps AWS ids as unique 12-digit strings with some leading zeros', () => {
    const ids = world(scale).universe.accounts.map((a) => a.awsAccountId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9]{12}$/);
    expect(ids.some((id) => id.startsWith('0'))).toBe(true);
  });

  it('labels at least one pair of every hard-negative family, and positives point at real rows', () => {
    const { world: w } = world(scale);
    const families = new Set(w.pairs.map((p) => p.family));
    for (const f of HN_FAMILIES) expect(families.has(f)).toBe(true);
    const leadIds = new Set((w.rows.get('crm_lead') ?? []).map((r) => r.id));
    const aceIds = new Set((w.rows.get('apn_opportunity') ?? []).map((r) => r.apn_crm_unique_identifier));
    const matches = w.pairs.filter((p) => p.label === 'match');
    expect(matches.length).toBeGreaterThanOrEqual(cfg.deals.both);
    for (const p of matches) {
      expect(leadIds.has(p.leadId)).toBe(true);
      expect(aceIds.has(p.aceId)).toBe(true);
    }
  });

  it('never writes a record modified before it was created, nor after asOf', () => {
    const { world: w } = world(scale);
    for (const [table, rows] of w.rows) {
      for (const r of rows) {
        if (typeof r.create_date === 'string' && typeof r.write_date === 'string') expect(r.write_date >= r.create_date, `${table} ${String(r.id)}`).toBe(true);
        if (typeof r.created_date === 'string' && typeof r.last_modified_date === 'string') expect(r.last_modified_date >= r.created_date, `${table} ${String(r.id)}`).toBe(true);
        if (typeof r.write_date === 'string') expect(r.write_date <= '2026-06-30 23:59:59', `${table} ${String(r.id)}`).toBe(true);
      }
    }
  });

  it('is a pure function of the seed', () => {
    expect(digest(buildWorld(parseParams({ scale, seed: 'b' })))).toBe(digest(world(scale, 'b')));
    expect(digest(world(scale, 'other seed'))).not.toBe(digest(world(scale, 'b')));
  });
});

describe('invariants across seeds', () => {
  it.each([
    ['tiny', 25],
    ['small', 8],
  ] as const)('hold for %s worlds of %i seeds', (scale, n) => {
    const cfg = scaleConfig(scale);
    for (let i = 0; i < n; i++) {
      const { world: w, universe } = buildWorld(parseParams({ scale, seed: `sweep-${i}` }));
      expect((w.rows.get('crm_lead') ?? []).filter((r) => r.type === 'opportunity')).toHaveLength(odooOpportunityCount(cfg));
      expect(w.rows.get('apn_opportunity')).toHaveLength(aceOpportunityCount(cfg));
      expect(w.rows.get('apn_cash_claim')).toHaveLength(cfg.funding.cashClaims);
      expect(w.rows.get('project_project')).toHaveLength(cfg.projects);
      expect(universe.accounts.some((a) => a.awsAccountId.startsWith('0'))).toBe(true);
      expect(universe.accounts.some((a) => a.previousPayer !== null)).toBe(true);
      for (const [table, rows] of w.rows) {
        for (const r of rows) {
          if (typeof r.write_date === 'string') expect(r.write_date >= String(r.create_date), `${table} ${String(r.id)} seed ${i}`).toBe(true);
          if (typeof r.last_modified_date === 'string') expect(r.last_modified_date >= String(r.created_date), `${table} ${String(r.id)} seed ${i}`).toBe(true);
        }
      }
    }
  });
});

describe('tiny golden fixture (spec Appendix E)', () => {
  const { world: w, universe } = world('tiny');
  const ace = (company: string) => (w.rows.get('apn_opportunity') ?? []).find((r) => r.customer_company_name === company);

  it('renders the labelled examples verbatim', () => {
    expect(ace('NORDLICHT LOGISTIK GMBH')).toMatchObject({ customer_website: 'https://www.nordlicht-logistik.de/', aws_account_id: '012345678901' });
    expect(ace('Mueller Praezisionstechnik GmbH')?.customer_website).toBe('mueller-praezision.de');
    expect(ace('Bank of Northshore')?.customer_website).toBe('gmail.com');
    expect(ace('Greyrock Foods')?.aws_account_id).toBe('123456789021');
    expect(ace('ABC (Arctic Blue Consulting)')).toBeDefined();
    const partners = (w.rows.get('res_partner') ?? []).map((r) => r.name);
    expect(partners).toContain('Helios Energy Group');
    expect(partners).toContain('Bluefin Payments Ltd');
    expect(partners).toContain('株式会社さくらテック');
    expect((w.rows.get('crm_lead') ?? []).some((r) => r.name === 'Nordlicht - SAP on AWS')).toBe(true);
  });

  it('keeps the merged lead 4711 out of crm_lead while ACE still references it', () => {
    const ids = (w.rows.get('crm_lead') ?? []).map((r) => r.id);
    expect(ids).toContain(4702);
    expect(ids).not.toContain(4711);
    const stale = ace('Grünwald Maschinenbau GmbH') ?? (w.rows.get('apn_opportunity') ?? []).find((r) => r.partner_crm_unique_identifier === 'ODOO-4711');
    expect(stale?.partner_crm_unique_identifier).toBe('ODOO-4711');
    const pair = w.pairs.find((p) => p.aceId === stale?.apn_crm_unique_identifier && p.label === 'match');
    expect(pair?.leadId).toBe(4702);
    expect(w.leads.find((l) => l.id === 4711)).toMatchObject({ merged: true, mergedInto: 4702 });
  });

  it('labels the Appendix E hard negatives against the right Odoo records', () => {
    const byFamily = new Map(w.pairs.filter((p) => p.family.startsWith('HN')).map((p) => [p.family, p]));
    const leadEntity = (id: number | null) => w.leads.find((l) => l.id === id)?.entityId;
    const aceEntity = (id: string | undefined) => w.aces.find((a) => a.aceId === id)?.entityId;
    expect(w.byId.get(aceEntity(byFamily.get('HN1')?.aceId) ?? '')?.canonicalName).toBe('Nordlicht Software GmbH');
    expect(w.byId.get(leadEntity(byFamily.get('HN1')?.leadId ?? null) ?? '')?.canonicalName).toBe('Nordlicht Logistik GmbH');
    expect(byFamily.get('HN10')).toMatchObject({ leadId: null, odooPartnerId: w.vendorPartnerIds['Amazon Web Services EMEA SARL'] });
    expect(byFamily.get('HN12')?.label).toBe('same_group_other_entity');
    expect(w.byId.get(aceEntity(byFamily.get('HN11')?.aceId) ?? '')?.canonicalName).toBe('Bluefin Payments Ltd');
  });

  it('gives billing the POD threshold cohort on opportunities that pass every other rule', () => {
    const targets = new Map(universe.spendTargets.map((t) => [t.target, t.entityId]));
    expect(targets.has('force-4999.99')).toBe(true);
    expect(targets.has('force-5000.00')).toBe(true);
    expect(targets.has('gross-over-net-under')).toBe(true);
    for (const t of universe.spendTargets) expect(universe.accounts.some((a) => a.entityId === t.entityId && a.status === 'active')).toBe(true);
  });
});

describe('prod-scale plan', () => {
  it('matches the spec rendering plan without touching a database', () => {
    const { world: w, universe } = buildWorld(parseParams({ scale: 'prod', seed: 'plan' }));
    const cfg = scaleConfig('prod');
    expect((w.rows.get('crm_lead') ?? []).filter((r) => r.type === 'opportunity')).toHaveLength(3121);
    expect(w.rows.get('apn_opportunity')).toHaveLength(4816);
    expect(universe.accounts.filter((a) => a.leadId !== null)).toHaveLength(65);
    const leadingZero = universe.accounts.filter((a) => a.awsAccountId.startsWith('0')).length / universe.accounts.length;
    expect(leadingZero).toBeGreaterThan(0.05);
    expect(leadingZero).toBeLessThan(0.09);
    const hn = w.pairs.filter((p) => p.family.startsWith('HN'));
    expect(hn).toHaveLength(Object.values(cfg.hardNegatives).reduce((s, n) => s + n, 0));
    expect(w.leads.filter((l) => l.merged)).toHaveLength(cfg.mergedLeads);
  });
});
