/**
 * Deals (spec §4.4): what both systems describe. The rendering plan fixes how many deals fall in each
 * set (Odoo+ACE, phased, Odoo-only, ACE-only …); entities receive deals by Zipf weight after every
 * entity of a pool has one. Attributes come from the deal's own stream `deal|<id>`.
 */
import { stream, type Rng } from '../rng';
import type { Deal, DealFixture, DealSet, EntityRec, Origin, Outcome } from '../model';
import type { ScaleConfig } from '../scale';
import { addDays, clamp, DAY, type Clock } from '../dates';

export const WORKLOADS: readonly (readonly [string, string, boolean, boolean])[] = [
  // workload, ACE use case, migration (steps spend up), AI
  ['SAP on AWS', 'Business Applications & SAP Production', true, false],
  ['Data Lake', 'Big Data: Data Warehouse / Data Integration / ETL / Data Lake / BI', false, false],
  ['Landing Zone', 'Enterprise Governance & Controls', false, false],
  ['DC exit Frankfurt', 'Migration / Database Migration', true, false],
  ['EKS platform', 'Containers & Serverless', false, false],
  ['Well-Architected Review', 'Cloud Management Tools', false, false],
  ['Backup & DR', 'Storage & Backup', false, false],
  ['GenAI PoC (Bedrock)', 'AI Machine Learning and Analytics', false, true],
  ['Managed Services', 'Centralized Operations Management', false, false],
  ['Cost Optimisation', 'Cloud Management Tools', false, false],
  ['Windows migration', 'Migration / Database Migration', true, false],
  ['Mainframe modernisation', 'Business Applications: Mainframe Modernization', true, false],
  ['Contact Center (Connect)', 'Business Applications & Contact Center', false, false],
  ['Analytics platform', 'AI Machine Learning and Analytics', false, true],
  ['Security baseline', 'Security & Compliance', false, false],
];

export type FixtureDeal = {
  set: DealSet; entityId: string; fx: DealFixture; workload?: string; outcome?: Outcome; origin?: Origin; resubmitted?: boolean; duplicated?: boolean;
  /** open deals: target close = asOf + days (exactClose: the ACE target is exactly that day) */
  closeInDays?: number; exactClose?: boolean; createdDaysAgo?: number;
  /** POD anchor: the entity gets no other deal, so this opportunity passes every rule but spend */
  podAnchor?: boolean;
};

const DELIVERY: readonly (readonly [string, number])[] = [['Professional Services', 50], ['Managed Services', 30], ['Resell', 25], ['SaaS or PaaS', 5], ['BYOL or AMI', 3], ['Other', 2]];

function drawOutcome(rng: Rng, set: DealSet): Outcome {
  if (set === 'ace_in_odoo' || set === 'ace_absent') return rng.weighted([['open', 58], ['won', 22], ['lost', 20]] as const);
  return rng.weighted([['open', 45], ['won', 23], ['lost', 30]] as const);
}

/** Target close relative to asOf for open deals (spec §4.4). */
function openCloseOffset(rng: Rng): number {
  const bucket = rng.weighted([['past', 18], ['30', 15], ['90', 27], ['180', 25], ['far', 15]] as const);
  if (bucket === 'past') return -rng.int(1, 120);
  if (bucket === '30') return rng.int(0, 30);
  if (bucket === '90') return rng.int(31, 90);
  if (bucket === '180') return rng.int(91, 180);
  return rng.int(181, 400);
}

export function makeDeal(seed: string, dealId: string, set: DealSet, entityId: string, clock: Clock, fixture: FixtureDeal | null): Deal {
  const rng = stream(seed, `deal|${dealId}`);
  const w = (fixture?.workload ? WORKLOADS.find((x) => x[0] === fixture.workload) : null) ?? rng.pick(WORKLOADS);
  const outcome = fixture?.outcome ?? drawOutcome(rng, set);
  const linked = set === 'both' || set === 'phased';
  const origin: Origin = fixture?.origin ?? (rng.chance(linked ? 0.8 : set === 'odoo_only' ? 0.9 : 0.55) ? 'Partner Referral' : 'AWS Referral');
  let createdAt: number;
  let closeAt: number;
  const secs = rng.int(7 * 3600, 18 * 3600) * 1000;
  if (outcome === 'open') {
    createdAt = addDays(clock.asOf, -rng.int(5, 365)) + secs;
    closeAt = addDays(clock.asOf, openCloseOffset(rng));
  } else {
    const span = Math.round((clock.asOf - clock.historyStart) / DAY) + 180;
    createdAt = addDays(clock.asOf, -rng.int(40, span)) + secs;
    closeAt = clamp(createdAt + Math.round(rng.lognormal(Math.log(90), 0.5)) * DAY, createdAt + 7 * DAY, clock.asOf - DAY);
    closeAt = Math.floor(closeAt / DAY) * DAY;
  }
  if (fixture?.createdDaysAgo !== undefined) createdAt = addDays(clock.asOf, -fixture.createdDaysAgo) + secs;
  if (fixture?.createdDaysAgo !== undefined && outcome !== 'open') closeAt = Math.floor(Math.min(createdAt + 60 * DAY, clock.asOf - DAY) / DAY) * DAY;
  if (fixture?.closeInDays !== undefined) closeAt = addDays(clock.asOf, fixture.closeInDays);
  const deliveryModels = [rng.weighted(DELIVERY)];
  if (rng.chance(0.3)) {
    const second = rng.weighted(DELIVERY);
    if (!deliveryModels.includes(second)) deliveryModels.push(second);
  }
  return {
    dealId, entityId, set, workload: w[0], useCase: w[1], deliveryModels, origin, createdAt, closeAt, outcome,
    servicesValue: Math.round(rng.lognormal(Math.log(25_000), 1.0) / 100) * 100,
    mrr: Math.max(50, Math.round(rng.lognormal(Math.log(3_000), 1.2))),
    migration: w[2], ai: w[3], fx: fixture?.fx ?? null, conflictOf: null,
    resubmitted: fixture?.resubmitted ?? false, duplicated: fixture?.duplicated ?? false, exactClose: fixture?.exactClose ?? false,
  };
}

/** Zipf(1.6, 25) deal weight per entity (spec §4.4), from the entity's own stream. */
function weightOf(seed: string, id: string): number {
  return stream(seed, `deals|weight|${id}`).zipf(1.6, 25);
}

function assign(seed: string, label: string, slots: number, pool: readonly string[], mustCover: readonly string[]): string[] {
  const rng = stream(seed, `deals|assign|${label}`);
  const out: string[] = [];
  for (const id of rng.shuffle(mustCover)) if (out.length < slots) out.push(id);
  const weighted = pool.map((id) => [id, weightOf(seed, id)] as const);
  while (out.length < slots && weighted.length > 0) out.push(rng.weighted(weighted));
  return out;
}

export function planDeals(seed: string, cfg: ScaleConfig, entities: readonly EntityRec[], clock: Clock, fixtures: readonly FixtureDeal[]): Deal[] {
  const customers = entities.filter((e) => e.kind === 'customer');
  const anchors = new Set(fixtures.filter((f) => f.podAnchor).map((f) => f.entityId));
  const odooPool = customers.filter((e) => e.pool === 'odoo' && !anchors.has(e.entityId)).map((e) => e.entityId);
  const acePool = customers.filter((e) => e.pool === 'ace').map((e) => e.entityId);
  const confusers = entities.filter((e) => e.kind === 'confuser' && e.pool === 'ace').map((e) => e.entityId);
  const d = cfg.deals;
  const fx = (set: DealSet) => fixtures.filter((f) => f.set === set);
  const odooOnlyDeals = d.odooOnly - cfg.duplicateLeads;
  // One Odoo-bearing deal for every Odoo customer first (fixture deals already cover some).
  const covered = new Set(fixtures.filter((f) => f.set !== 'ace_absent' && f.set !== 'ace_in_odoo').map((f) => f.entityId));
  const odooSlots = d.both + d.phased + odooOnlyDeals - fixtures.filter((f) => f.set === 'both' || f.set === 'phased' || f.set === 'odoo_only').length;
  const odooOwners = assign(seed, 'odoo', odooSlots, odooPool, odooPool.filter((id) => !covered.has(id)));
  const sets: DealSet[] = [];
  for (const [set, n] of [['both', d.both], ['phased', d.phased], ['odoo_only', odooOnlyDeals]] as const) {
    for (let i = fx(set).length; i < n; i++) sets.push(set);
  }
  const setOrder = stream(seed, 'deals|sets').shuffle(sets);
  const deals: Deal[] = [];
  let n = 0;
  const nextId = (): string => `D${String(++n).padStart(6, '0')}`;
  const bySet = new Map<DealSet, { entityId: string; fixture: FixtureDeal | null }[]>();
  const push = (set: DealSet, entityId: string, fixture: FixtureDeal | null): void => {
    const list = bySet.get(set) ?? [];
    list.push({ entityId, fixture });
    bySet.set(set, list);
  };
  for (const f of fixtures) push(f.set, f.entityId, f);
  setOrder.forEach((set, i) => push(set, odooOwners[i] as string, null));
  const aceInOdooSlots = d.aceInOdoo - fx('ace_in_odoo').length;
  for (const id of assign(seed, 'ace-in-odoo', aceInOdooSlots, odooPool, [])) push('ace_in_odoo', id, null);
  const aceCovered = new Set(fx('ace_absent').map((f) => f.entityId));
  const aceAbsentSlots = d.aceAbsent - fx('ace_absent').length;
  const mustAce = [...confusers.filter((id) => !aceCovered.has(id)), ...acePool.filter((id) => !aceCovered.has(id))];
  // Confusers get exactly one ACE opportunity each: cover them first, then weight among ACE-only customers.
  const absent = mustAce.slice(0, aceAbsentSlots);
  const weighted = acePool.map((id) => [id, weightOf(seed, id)] as const);
  const arng = stream(seed, 'deals|assign|ace-absent');
  while (absent.length < aceAbsentSlots && weighted.length > 0) absent.push(arng.weighted(weighted));
  for (const id of absent) push('ace_absent', id, null);
  for (const set of ['both', 'phased', 'odoo_only', 'ace_in_odoo', 'ace_absent'] as const) {
    for (const x of bySet.get(set) ?? []) deals.push(makeDeal(seed, nextId(), set, x.entityId, clock, x.fixture));
  }
  markVariants(seed, cfg, deals, clock);
  markPodAnchors(seed, deals, entities, clock, anchors);
  return deals;
}

/**
 * POD anchors: open partner-referral deals in both systems whose entity has no other ACE deal, closing
 * inside the 90-day window, whose entity must buy AWS through us — so the 4,999.99 / 5,000.00 threshold
 * edge cases (spec §5.2) always land on an opportunity that passes every other POD rule.
 */
function markPodAnchors(seed: string, deals: Deal[], entities: readonly EntityRec[], clock: Clock, fixed: ReadonlySet<string>): void {
  const aceDeals = new Map<string, number>();
  for (const d of deals) if (d.set !== 'odoo_only') aceDeals.set(d.entityId, (aceDeals.get(d.entityId) ?? 0) + (d.resubmitted ? 2 : 1));
  const byId = new Map(entities.map((e) => [e.entityId, e]));
  const rng = stream(seed, 'deals|anchors');
  for (const id of fixed) {
    const e = byId.get(id);
    if (e) e.needsAws = true;
  }
  if (fixed.size > 0) return;
  const cands = deals.filter((d) => d.set === 'both' && d.outcome === 'open' && d.origin === 'Partner Referral' && !d.resubmitted && !d.duplicated && !d.exactClose && aceDeals.get(d.entityId) === 1 && byId.get(d.entityId)?.kind === 'customer');
  for (const d of rng.shuffle(cands).slice(0, 3)) {
    d.closeAt = addDays(clock.asOf, rng.int(10, 80));
    d.exactClose = true;
    const e = byId.get(d.entityId);
    if (e) e.needsAws = true;
  }
}

/** Resubmissions, duplicates, edge-case close dates and channel conflicts on top of the plain deals. */
function markVariants(seed: string, cfg: ScaleConfig, deals: Deal[], clock: Clock): void {
  const rng = stream(seed, 'deals|variants');
  const both = deals.filter((x) => x.set === 'both' && !x.fx);
  const pre = deals.filter((x) => x.set === 'both' && x.resubmitted).length;
  const preDup = deals.filter((x) => x.set === 'both' && x.duplicated).length;
  const order = rng.shuffle(both);
  let k = 0;
  for (let i = pre; i < cfg.deals.resubmissions && k < order.length; i++) (order[k++] as Deal).resubmitted = true;
  for (let i = preDup; i < cfg.duplicateLeads && k < order.length; i++) (order[k++] as Deal).duplicated = true;
  // Edge cases: close exactly at +90, +91, +0 and −1 days on open partner-referral linked deals.
  const open = deals.filter((x) => x.set === 'both' && !x.fx && x.outcome === 'open' && x.origin === 'Partner Referral' && !x.resubmitted && !x.duplicated);
  [90, 91, 0, -1].forEach((days, i) => {
    const deal = open[i];
    if (deal) {
      deal.closeAt = addDays(clock.asOf, days);
      deal.exactClose = true;
    }
  });
  // Channel conflict (3% of entities with an open ACE opp): an ACE-only AWS referral for the same workload.
  const openLinked = deals.filter((x) => (x.set === 'both' || x.set === 'phased') && x.outcome === 'open' && x.origin === 'Partner Referral' && !x.exactClose);
  const aceInOdoo = deals.filter((x) => x.set === 'ace_in_odoo' && !x.fx);
  const conflicts = Math.max(1, Math.round(openLinked.length * 0.03));
  for (let i = 0; i < conflicts && i < aceInOdoo.length && i < openLinked.length; i++) {
    const src = openLinked[Math.floor((i * openLinked.length) / conflicts)] as Deal;
    const d = aceInOdoo[i] as Deal;
    Object.assign(d, {
      entityId: src.entityId, workload: src.workload, useCase: src.useCase, origin: 'AWS Referral', outcome: 'open',
      closeAt: addDays(src.closeAt, rng.int(-45, 45)), createdAt: src.createdAt + rng.int(3, 40) * DAY, conflictOf: src.dealId,
    });
    if (d.createdAt > clock.asOf) d.createdAt = clock.asOf - DAY;
  }
}
