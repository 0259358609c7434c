/**
 * Row-count targets per scale (spec §4.2, §4.4 rendering plan, §4.8 hard negatives).
 * Invariant: Odoo opportunities = both + resubmission-free phased×2 + odooOnly; ACE = both + resub + phased + aceInOdoo + aceAbsent.
 */
import type { Scale } from './universe-types';

export const HN_FAMILIES = ['HN1', 'HN2', 'HN3', 'HN4', 'HN5', 'HN6', 'HN7', 'HN8', 'HN9', 'HN10', 'HN11', 'HN12'] as const;
export type HnFamily = (typeof HN_FAMILIES)[number];

export type ScaleConfig = {
  customers: number;
  /** customers with Odoo records (the rest are ACE-only customers) */
  odooCustomers: number;
  groups: number;
  hardNegatives: Record<HnFamily, number>;
  users: { internal: number; archived: number; portal: number };
  teams: number;
  deals: { both: number; resubmissions: number; phased: number; odooOnly: number; aceInOdoo: number; aceAbsent: number };
  /** un-merged duplicates: a second active Odoo lead for a 'both' deal (taken from the odoo-only quota) */
  duplicateLeads: number;
  /** merged tails: lead ids allocated then hard-deleted */
  mergedLeads: number;
  /** crm_lead rows with type='lead' */
  rawLeads: number;
  saleOrders: number;
  saleOrderLines: number;
  projects: number;
  apn: { endUsers: number; contacts: number; users: number; companies: number };
  funding: { requests: number; history: number; cashClaims: number; odooMirror: number };
  accounts: { total: number; sppPayers: number; internal: number; customerPayers: number; withLead: number };
};

const PROD: ScaleConfig = {
  customers: 2200,
  odooCustomers: 1700,
  groups: 110,
  hardNegatives: { HN1: 60, HN2: 40, HN3: 40, HN4: 30, HN5: 20, HN6: 30, HN7: 20, HN8: 15, HN9: 15, HN10: 10, HN11: 5, HN12: 15 },
  users: { internal: 45, archived: 10, portal: 5 },
  teams: 6,
  deals: { both: 1600, resubmissions: 70, phased: 30, odooOnly: 1461, aceInOdoo: 1150, aceAbsent: 1966 },
  duplicateLeads: 62,
  mergedLeads: 60,
  rawLeads: 480,
  saleOrders: 1500,
  saleOrderLines: 5200,
  projects: 700,
  apn: { endUsers: 2600, contacts: 6000, users: 70, companies: 40 },
  funding: { requests: 600, history: 3500, cashClaims: 420, odooMirror: 540 },
  accounts: { total: 660, sppPayers: 3, internal: 4, customerPayers: 25, withLead: 65 },
};

const SMALL: ScaleConfig = {
  customers: 110,
  odooCustomers: 85,
  groups: 6,
  hardNegatives: { HN1: 2, HN2: 2, HN3: 1, HN4: 1, HN5: 1, HN6: 2, HN7: 1, HN8: 1, HN9: 1, HN10: 1, HN11: 1, HN12: 1 },
  users: { internal: 9, archived: 2, portal: 1 },
  teams: 3,
  deals: { both: 80, resubmissions: 4, phased: 2, odooOnly: 72, aceInOdoo: 58, aceAbsent: 97 },
  duplicateLeads: 3,
  mergedLeads: 3,
  rawLeads: 24,
  saleOrders: 75,
  saleOrderLines: 260,
  projects: 35,
  apn: { endUsers: 130, contacts: 300, users: 12, companies: 8 },
  funding: { requests: 30, history: 175, cashClaims: 21, odooMirror: 27 },
  accounts: { total: 36, sppPayers: 1, internal: 1, customerPayers: 2, withLead: 5 },
};

/** tiny is the hand-written golden fixture (fixtures/tiny.ts); these are its targets. */
const TINY: ScaleConfig = {
  customers: 29,
  odooCustomers: 20,
  groups: 1,
  hardNegatives: { HN1: 1, HN2: 1, HN3: 1, HN4: 1, HN5: 1, HN6: 1, HN7: 1, HN8: 1, HN9: 1, HN10: 1, HN11: 1, HN12: 1 },
  users: { internal: 3, archived: 1, portal: 1 },
  teams: 2,
  deals: { both: 25, resubmissions: 2, phased: 1, odooOnly: 23, aceInOdoo: 12, aceAbsent: 20 },
  duplicateLeads: 1,
  mergedLeads: 2,
  rawLeads: 5,
  saleOrders: 15,
  saleOrderLines: 40,
  projects: 8,
  apn: { endUsers: 40, contacts: 60, users: 5, companies: 3 },
  funding: { requests: 8, history: 40, cashClaims: 5, odooMirror: 7 },
  accounts: { total: 12, sppPayers: 1, internal: 1, customerPayers: 1, withLead: 4 },
};

export function scaleConfig(scale: Scale): ScaleConfig {
  return scale === 'prod' ? PROD : scale === 'small' ? SMALL : TINY;
}

export function odooOpportunityCount(c: ScaleConfig): number {
  return c.deals.both + 2 * c.deals.phased + c.deals.odooOnly;
}

export function aceOpportunityCount(c: ScaleConfig): number {
  const d = c.deals;
  return d.both + d.resubmissions + d.phased + d.aceInOdoo + d.aceAbsent;
}
