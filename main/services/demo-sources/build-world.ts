/**
 * Builds the CRM/ACE half in the order of the spec's generation DAG (§4.1): reference data → entities →
 * deals → AWS accounts → Odoo partners/leads → ACE → funding → sale orders → account rows → pairs →
 * the Universe for billing. Pure: (params) → World + Universe; nothing touches a database here.
 */
import { stream } from './rng';
import type { GenParams, Universe } from './universe-types';
import { makeClock } from './dates';
import { scaleConfig } from './scale';
import type { EntityRec } from './model';
import { planUniverse, type UniversePlan } from './universe/plan';
import { buildCustomer } from './universe/entities';
import { buildConfuser } from './universe/confusers';
import { buildVendors, VENDOR_COUNT } from './universe/vendors';
import { planDeals } from './universe/deals';
import { planAccounts } from './universe/accounts';
import { planRecords } from './universe/records';
import { buildPairs } from './universe/pairs';
import { toUniverse } from './universe/export';
import { buildReference } from './odoo/reference';
import { buildPartners } from './odoo/partners';
import { buildLeads } from './odoo/leads';
import { buildSales } from './odoo/sales';
import { buildAccountRows, resolveAccountLinks } from './odoo/aws-accounts';
import { buildAce } from './apn/opportunities';
import { buildApnCompanies, buildApnContacts, buildApnUsers } from './apn/people';
import { buildFunding } from './apn/funding';
import { tinyFixture } from './fixtures/tiny';
import type { World } from './world';

export type Built = { world: World; universe: Universe };

export function buildWorld(params: GenParams, log: (msg: string) => void = () => {}): Built {
  const cfg = scaleConfig(params.scale);
  const clock = makeClock(params.asOf, params.historyMonths);
  const seed = params.seed;
  const fixture = params.scale === 'tiny' ? tinyFixture(seed) : null;
  let entities: EntityRec[];
  let plan: UniversePlan;
  if (fixture) {
    plan = fixture.plan;
    entities = fixture.entities;
  } else {
    plan = planUniverse(seed, cfg, VENDOR_COUNT);
    const ctx = { clock, usedRoots: new Set<string>(), usedNames: new Set<string>() };
    const customers = plan.customerIds.map((id) => buildCustomer(seed, id, plan, ctx));
    const byId = new Map(customers.map((e) => [e.entityId, e]));
    const vendors = buildVendors(plan.vendorIds);
    const awsVendor = vendors.find((v) => v.canonicalName === 'Amazon Web Services EMEA SARL')?.canonicalName ?? '';
    const confusers = plan.hardNegatives.map((hn) => buildConfuser(seed, hn, hn.targetId ? (byId.get(hn.targetId) ?? null) : null, awsVendor));
    entities = [...customers, ...confusers, ...vendors];
  }
  log(`entities: ${entities.length}`);
  const deals = planDeals(seed, cfg, entities, clock, fixture?.deals ?? []);
  const accounts = planAccounts(seed, cfg, clock, entities, deals, fixture?.accounts ?? []);
  const w: World = {
    seed, params, cfg, clock, plan, entities, byId: new Map(entities.map((e) => [e.entityId, e])), deals, dealById: new Map(deals.map((d) => [d.dealId, d])),
    accounts, countryId: new Map(), stateId: new Map(), langId: new Map(), industryId: new Map(), users: [], teamIds: [],
    stageId: { new: 0, discovery: 0, qualified: 0, techval: 0, proposal: 0, negotiation: 0, won: 0, lost: 0, tender: 0 }, lostReasonIds: [],
    tagIds: new Map(), sourceId: new Map(), partnerOf: new Map(), companiesOf: new Map(), contactsOf: new Map(), partnerRole: new Map(),
    odooNameOf: new Map(), vendorPartnerIds: {}, amOf: new Map(), leads: [], leadsByDeal: new Map(), aces: [], acesByDeal: new Map(), pairs: [],
    rows: new Map(), seq: new Map(),
  };
  buildReference(w);
  const reps = w.users.filter((u) => !u.share);
  for (const e of entities) {
    const rng = stream(seed, `am|${e.entityId}`);
    const pool = reps.filter((u) => u.active || rng.chance(0.15));
    const u = rng.pick(pool.length > 0 ? pool : reps);
    w.amOf.set(e.entityId, { userId: u.userId, teamId: u.teamId ?? 1 });
  }
  const pinned = fixture ? deals.find((d) => d.fx?.example === fixture.leadIdBase.example) : undefined;
  planRecords(w, { leadIdBase: pinned && fixture ? { dealId: pinned.dealId, id: fixture.leadIdBase.id, mergedGap: fixture.leadIdBase.mergedGap } : undefined });
  if (fixture) for (const [k, v] of fixture.odooNames) w.odooNameOf.set(k, v);
  buildPartners(w);
  resolveAccountLinks(w);
  buildLeads(w);
  const apnUsers = buildApnUsers(w);
  buildApnCompanies(w);
  buildAce(w, apnUsers);
  buildApnContacts(w, apnUsers);
  const grants = buildFunding(w, apnUsers);
  const orders = buildSales(w);
  buildAccountRows(w);
  buildPairs(w);
  const universe = toUniverse(w, orders, grants);
  log(`world: ${w.leads.length} lead ids, ${w.aces.length} ACE opportunities, ${w.pairs.length} labelled pairs`);
  return { world: w, universe };
}
