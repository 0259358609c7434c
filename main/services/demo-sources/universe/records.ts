/**
 * Record skeletons: which crm_lead and apn_opportunity rows each deal becomes, when they were created,
 * and their ids. Odoo lead ids and ACE ids both increase with creation time (spec §4.1); merged tails
 * take an id and are hard-deleted; ACE ids have random gaps of 1–40.
 */
import { stream } from '../rng';
import type { AcePlan, Deal, LeadPlan } from '../model';
import { aceLife, isOpenLife } from '../apn/lifecycle';
import { clamp, DAY } from '../dates';
import type { World } from '../world';

function leadState(seed: string, deal: Deal, key: string): LeadPlan['state'] {
  if (deal.outcome === 'open') return 'open';
  if (deal.outcome === 'won') return 'won';
  return stream(seed, `lead|lost|${key}`).chance(0.1) ? 'lost_stage' : 'lost';
}

function skeleton(partial: Partial<LeadPlan> & Pick<LeadPlan, 'dealId' | 'entityId' | 'type' | 'state' | 'createdAt'>): LeadPlan {
  return { id: 0, commercialPartnerId: null, closedAt: null, deadline: null, renderOps: [], aceIds: [], merged: false, mergedInto: null, phase: null, duplicateOf: null, row: {}, ...partial };
}

export function planRecords(w: World, opts: { leadIdBase?: { dealId: string; id: number; mergedGap: number } }): void {
  const { clock, seed } = w;
  const leads: LeadPlan[] = [];
  const aces: AcePlan[] = [];
  for (const deal of w.deals) {
    const rng = stream(seed, `records|${deal.dealId}`);
    const hasOdoo = deal.set === 'both' || deal.set === 'phased' || deal.set === 'odoo_only';
    const hasAce = deal.set !== 'odoo_only';
    const linked = deal.set === 'both' || deal.set === 'phased';
    let aceCreated = deal.createdAt;
    let odooCreated = deal.createdAt;
    if (linked && deal.origin === 'Partner Referral') aceCreated = deal.createdAt + Math.max(-3, rng.normal(7, 15)) * DAY;
    if (linked && deal.origin === 'AWS Referral') odooCreated = deal.createdAt + (rng.int(1, 5) + rng.int(1, 25)) * DAY;
    aceCreated = Math.min(aceCreated, clock.end - DAY);
    odooCreated = Math.min(odooCreated, clock.end - DAY);
    if (hasOdoo) {
      const state = leadState(seed, deal, deal.dealId);
      const first = skeleton({ dealId: deal.dealId, entityId: deal.entityId, type: 'opportunity', state, createdAt: odooCreated });
      leads.push(first);
      if (deal.set === 'phased') {
        first.phase = 1;
        first.state = deal.outcome === 'lost' ? 'lost' : 'won';
        const second = skeleton({ dealId: deal.dealId, entityId: deal.entityId, type: 'opportunity', state, phase: 2,
          createdAt: clamp(odooCreated + rng.int(30, 120) * DAY, odooCreated + DAY, clock.end - DAY) });
        leads.push(second);
      }
      if (deal.duplicated) {
        leads.push(skeleton({ dealId: deal.dealId, entityId: deal.entityId, type: 'opportunity', state: first.state === 'lost_stage' ? 'lost' : first.state,
          createdAt: clamp(odooCreated + rng.int(0, 20) * DAY + rng.int(60, 7200) * 1000, odooCreated, clock.end - DAY), duplicateOf: first }));
      }
    }
    if (hasAce) {
      const subs = deal.resubmitted ? 2 : 1;
      let created = aceCreated;
      for (let k = 0; k < subs; k++) {
        const rejectedFirst = deal.resubmitted && k === 0;
        const { life, createdAt } = aceLife(rng, deal, created, clock, { linked, rejectedFirst });
        if (rejectedFirst) {
          life.lastModified = Math.max(createdAt, Math.min(createdAt + rng.int(5, 20) * DAY, clock.end - 2 * DAY));
          life.stage = 'Prospect';
        }
        aces.push({
          id: 0, aceId: '', dealId: deal.dealId, entityId: deal.entityId, endUserId: 0, origin: deal.origin, open: isOpenLife(life),
          targetClose: deal.closeAt, createdAt, renderOps: [], difficulty: 'exact', life, resubmissionFirst: rejectedFirst, row: {},
        });
        created = Math.min(life.lastModified + rng.int(3, 30) * DAY, clock.end - DAY);
      }
    }
  }
  // Both ways of losing must exist at every scale: archived, and kept active in the "Lost" stage.
  const lost = leads.filter((l) => l.type === 'opportunity' && (l.state === 'lost' || l.state === 'lost_stage'));
  if (!lost.some((l) => l.state === 'lost_stage') && lost[0]) lost[0].state = 'lost_stage';
  if (!lost.some((l) => l.state === 'lost')) {
    const other = lost.find((l) => l.state === 'lost_stage' && l !== lost[0]);
    if (other) other.state = 'lost';
  }
  addRawLeads(w, leads);
  addMergedTails(w, leads, opts.leadIdBase?.dealId ?? null, opts.leadIdBase?.mergedGap ?? 0);
  // ids by creation time; the tiny fixture pins one lead to a given id (Appendix E #25: 4702)
  leads.sort((a, b) => a.createdAt - b.createdAt || (a.dealId ?? '~').localeCompare(b.dealId ?? '~') || (a.phase ?? 0) - (b.phase ?? 0) || Number(!!a.duplicateOf) - Number(!!b.duplicateOf) || Number(a.merged) - Number(b.merged));
  let base = 1;
  if (opts.leadIdBase) {
    const at = leads.findIndex((l) => l.dealId === opts.leadIdBase?.dealId && !l.merged);
    base = opts.leadIdBase.id - at;
  }
  leads.forEach((l, i) => (l.id = base + i));
  for (const l of leads) if (l.merged && l.duplicateOf) l.mergedInto = l.duplicateOf.id;
  w.leads = leads;
  w.leadsByDeal = new Map();
  for (const l of leads) if (l.dealId && !l.merged) w.leadsByDeal.set(l.dealId, [...(w.leadsByDeal.get(l.dealId) ?? []), l]);

  aces.sort((a, b) => a.createdAt - b.createdAt || (a.dealId ?? '').localeCompare(b.dealId ?? '') || Number(b.resubmissionFirst) - Number(a.resubmissionFirst));
  const arng = stream(seed, 'ace|ids');
  let n = w.params.scale === 'tiny' ? 4_811_900 : 3_100_000 + arng.int(0, 99_999);
  aces.forEach((a, i) => {
    a.id = i + 1;
    n += arng.int(1, 40);
    a.aceId = `O${String(n).padStart(7, '0')}`;
  });
  w.aces = aces;
  w.acesByDeal = new Map();
  for (const a of aces) if (a.dealId) w.acesByDeal.set(a.dealId, [...(w.acesByDeal.get(a.dealId) ?? []), a]);
}

/** Merge tails: a second lead keyed for the same deal, later merged (hard-deleted) into the first. */
function addMergedTails(w: World, leads: LeadPlan[], pinnedDeal: string | null, pinnedGap: number): void {
  const rng = stream(w.seed, 'records|merged');
  const candidates = leads.filter((l) => l.type === 'opportunity' && !l.duplicateOf && l.phase === null);
  const chosen: LeadPlan[] = [];
  const pinned = pinnedDeal ? candidates.find((l) => l.dealId === pinnedDeal) : undefined;
  for (const l of rng.shuffle(candidates)) {
    if (chosen.length >= w.cfg.mergedLeads - (pinned ? 1 : 0)) break;
    if (l !== pinned) chosen.push(l);
  }
  // the pinned tail goes last, so its position counts every other lead already placed
  if (pinned) chosen.push(pinned);
  for (const target of chosen) {
    let createdAt = Math.min(target.createdAt + rng.int(1, 10) * DAY, w.clock.end - DAY);
    if (target === pinned && pinnedGap > 0) {
      // place the tail exactly `pinnedGap` positions after its target in creation order
      const after = leads.filter((l) => l.createdAt > target.createdAt).sort((a, b) => a.createdAt - b.createdAt);
      const a = after[pinnedGap - 2];
      const b = after[pinnedGap - 1];
      createdAt = a && b ? Math.floor((a.createdAt + b.createdAt) / 2) : a ? a.createdAt + 1000 : target.createdAt + 1000;
    }
    leads.push(skeleton({ dealId: target.dealId, entityId: target.entityId, type: 'opportunity', state: target.state, createdAt, merged: true, duplicateOf: target }));
  }
}

/** Unqualified leads (type='lead'): web forms, event scans; mostly without a partner. */
function addRawLeads(w: World, leads: LeadPlan[]): void {
  const rng = stream(w.seed, 'records|raw-leads');
  const odoo = w.entities.filter((e) => e.pool === 'odoo' && e.kind === 'customer');
  const ace = w.entities.filter((e) => e.pool === 'ace' && e.kind === 'customer');
  for (let i = 0; i < w.cfg.rawLeads; i++) {
    const r = rng.next();
    const e = r < 0.6 ? rng.pick(odoo) : r < 0.8 && ace.length > 0 ? rng.pick(ace) : null;
    const createdAt = w.clock.asOf - rng.int(1, 540) * DAY + rng.int(6 * 3600, 20 * 3600) * 1000;
    leads.push(skeleton({ dealId: null, entityId: e?.entityId ?? null, type: 'lead', state: rng.chance(0.25) ? 'lost' : 'open', createdAt }));
  }
}
