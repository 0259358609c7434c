/**
 * crm_lead rows (spec §1.2 crm_lead, §4.5): names by template, free-text partner_name/email/website that
 * drift from the linked partner, stage/probability by state, lost = archived (10% kept active in a "Lost"
 * stage), merged tails hard-deleted (their ids never appear), weak ACE links in `referred`/`description`.
 */
import { stream, type Rng } from '../rng';
import { ODOO_IDS } from '../universe-types';
import type { Deal, EntityRec, LeadPlan } from '../model';
import { country } from '../reference/countries';
import { clamp, DAY, isoDate, odooTs } from '../dates';
import { renderLight } from '../text/variations';
import { renderWebsite } from '../text/website';
import { addRow, type StageKey, type World } from '../world';

const PROB: Record<StageKey, number> = { new: 10, discovery: 20, qualified: 30, techval: 50, proposal: 60, negotiation: 80, won: 100, lost: 0, tender: 60 };
const OPEN_STAGES: readonly (readonly [StageKey, number])[] = [['new', 15], ['discovery', 20], ['qualified', 20], ['techval', 15], ['proposal', 15], ['negotiation', 15]];
const LOCAL_TITLE: Record<string, string> = { de: 'Migration Rechenzentrum', fr: 'Migration du datacenter', es: 'Migración del centro de datos', it: 'Migrazione del datacenter', nl: 'Migratie datacenter' };

function money(x: number): string {
  return x.toFixed(2);
}

function leadName(rng: Rng, e: EntityRec | null, deal: Deal | null, partnerName: string, contactLast: string, plan: LeadPlan, asOfYear: number): string {
  const short = e ? (e.template === 'script' ? e.root : e.shortName) : partnerName;
  const workload = deal?.workload ?? 'Cloud Assessment';
  if (plan.phase) return `${short} - ${workload} (Phase ${plan.phase})`;
  if (plan.type === 'lead') return `${rng.pick(['Web form', 'AWS Summit', 'Webinar', 'Event scan', 'Newsletter signup', 'Chat'])} - ${e ? short : contactLast}`;
  const t = rng.weighted([['dash', 35], ['legal', 15], ['paren', 10], ['map', 10], ['aws', 8], ['renewal', 7], ['default', 5], ['contact', 5], ['local', 5]] as const);
  switch (t) {
    case 'legal': return `${partnerName} ${workload}`;
    case 'paren': return `${workload} (${short})`;
    case 'map': return `MAP ${rng.pick(['Assess', 'Mobilize', 'Migrate'])} - ${short}`;
    case 'aws': return `[AWS] ${short} ${workload}`;
    case 'renewal': return `Renewal ${asOfYear - rng.int(0, 2)} - ${short} Managed Services`;
    case 'default': return `${partnerName}'s opportunity`;
    case 'contact': return `${short} / ${contactLast}`;
    case 'local': return e && LOCAL_TITLE[e.lang] ? `${LOCAL_TITLE[e.lang]} ${short}` : `${short} - ${workload}`;
    default: return `${short} - ${workload}`;
  }
}

export function buildLeads(w: World): void {
  const merges = new Map<number, number[]>();
  for (const l of w.leads) if (l.merged && l.mergedInto !== null) merges.set(l.mergedInto, [...(merges.get(l.mergedInto) ?? []), l.id]);
  const internal = w.users.filter((u) => !u.share);
  const asOfYear = new Date(w.clock.asOf).getUTCFullYear();
  for (const plan of w.leads) {
    if (plan.merged) continue;
    const rng = stream(w.seed, `lead|${plan.id}`);
    const deal = plan.dealId ? (w.dealById.get(plan.dealId) ?? null) : null;
    const e = plan.entityId ? (w.byId.get(plan.entityId) ?? null) : null;
    const fx = plan.phase === 2 || plan.duplicateOf ? null : (deal?.fx ?? null);
    const companies = e ? (w.companiesOf.get(e.entityId) ?? []) : [];
    const contacts = e ? (w.contactsOf.get(e.entityId) ?? []) : [];
    // partner_id set on 75% of opportunities (only free text otherwise); leads split between duplicate records
    let partnerId: number | null = null;
    let commercial: number | null = null;
    if (companies.length > 0 && (plan.type === 'opportunity' ? rng.chance(0.75) || !!fx : rng.chance(0.2))) {
      commercial = companies.length > 1 && rng.chance(0.35) ? rng.pick(companies.slice(1)) : (companies[0] as number);
      partnerId = contacts.length > 0 && rng.chance(0.25) ? rng.pick(contacts) : commercial;
    }
    plan.commercialPartnerId = commercial;
    const shown = e ? (w.odooNameOf.get(e.entityId)?.name ?? e.canonicalName) : null;
    // leads from web forms/events without a known company still carry a person
    const person = e ? rng.pick(e.people) : { first: rng.pick(['Alex', 'Sam', 'Kim', 'Chris', 'Robin']), last: rng.pick(['Meyer', 'Jensen', 'Rossi', 'Brown', 'Novak']), email: '', phone: '', title: 'IT' };
    if (!e) person.email = `${person.first.toLowerCase()}.${person.last.toLowerCase()}@${rng.pick(['gmail.com', 'outlook.com', 'web.de'])}`;
    let partnerName: string | null = null;
    if (fx?.leadPartnerName) {
      partnerName = fx.leadPartnerName;
      plan.renderOps = fx.leadOps ?? ['exact'];
    } else if (e && shown && rng.chance(0.9)) {
      const r = renderLight(e, shown, rng);
      partnerName = r.name;
      plan.renderOps = r.ops;
    } else plan.renderOps = partnerName === null ? ['no_partner_name'] : ['exact'];
    const odooName = w.odooNameOf.get(e?.entityId ?? '')?.op;
    if (odooName === 'former') plan.renderOps = [...plan.renderOps, 'former_name'];
    if (odooName === 'group') plan.renderOps = [...plan.renderOps, 'group_name'];
    const am = e ? w.amOf.get(e.entityId) : undefined;
    const user = plan.duplicateOf ? rng.pick(internal) : am && rng.chance(0.7) ? (w.users.find((u) => u.userId === am.userId) ?? rng.pick(internal)) : rng.pick(internal);
    const teamId = user.teamId ?? w.teamIds[0] ?? 1;
    let stage: StageKey;
    if (plan.state === 'won') stage = 'won';
    else if (plan.state === 'lost_stage') stage = 'lost';
    else {
      stage = rng.weighted(OPEN_STAGES);
      if (e?.industry === 'Government' && rng.chance(0.3)) stage = 'tender';
    }
    if (plan.type === 'lead') stage = 'new';
    const lost = plan.state === 'lost' || plan.state === 'lost_stage';
    const probability = lost ? 0 : PROB[stage];
    const auto = lost ? 0 : clamp(Math.round((probability + rng.normal(0, 8)) * 100) / 100, 0, 100);
    const createdAt = plan.createdAt;
    const closedAt = plan.state === 'open' ? null : Math.max(createdAt + DAY, deal ? deal.closeAt + rng.int(0, 3) * DAY + rng.int(3600, 60_000) * 1000 : createdAt + rng.int(5, 60) * DAY);
    plan.closedAt = closedAt === null ? null : Math.min(closedAt, w.clock.end);
    // deadline = ACE target close 35%, else N(0, 30 d) apart, 5% more than 90 days apart
    let deadline = deal ? deal.closeAt : createdAt + rng.int(30, 200) * DAY;
    if (deal && !deal.exactClose) {
      const r = rng.next();
      if (r >= 0.35 && r < 0.95) deadline += Math.round(rng.normal(0, 30)) * DAY;
      else if (r >= 0.95) deadline += (rng.chance(0.5) ? 1 : -1) * rng.int(91, 200) * DAY;
    }
    plan.deadline = plan.type === 'lead' ? null : deadline;
    const acesOfDeal = deal ? (w.acesByDeal.get(deal.dealId) ?? []) : [];
    const ace = acesOfDeal[acesOfDeal.length - 1] ?? null;
    const linked = deal && (deal.set === 'both' || deal.set === 'phased');
    const aceRef = linked && ace && deal.origin === 'Partner Referral' && rng.chance(0.4) ? ace.aceId : null;
    plan.aceIds = acesOfDeal.map((a) => a.aceId);
    const accounts = e ? (w.accounts.byEntity.get(e.entityId) ?? []) : [];
    const awsIdsText = accounts.length > 0 && rng.chance(0.3) ? accounts.slice(0, rng.int(1, Math.min(3, accounts.length))).map((a) => a.awsAccountId).join(rng.pick([', ', '; ', ' / ', '\n'])) : null;
    const amName = `${rng.pick(['Jane', 'Tom', 'Priya', 'Lukas', 'Sofia'])} ${rng.pick(['Doe', 'Becker', 'Rao', 'Klein', 'Moreau'])}`;
    const referred = deal && (deal.origin === 'AWS Referral' || rng.chance(0.1)) && rng.chance(0.5)
      ? rng.weighted([['AWS', 4], [`AWS – ${amName} (AM)`, 3], [ace ? `ACE ${ace.aceId}` : 'AWS', 3]] as const)
      : null;
    const notes: string[] = [];
    if (deal) notes.push(`<p>${deal.workload} for ${shown ?? partnerName ?? 'customer'}.</p>`);
    if (ace && linked && rng.chance(0.12)) notes.push(`<p>Registered in ACE as ${ace.aceId}.</p>`);
    if (accounts[0] && rng.chance(0.1)) notes.push(`<p>AWS account ${accounts[0].awsAccountId}</p>`);
    for (const tail of merges.get(plan.id) ?? []) notes.push(`<p>Merged with #${tail}</p>`);
    const email = person ? (rng.chance(0.8) ? rng.weighted([[person.email, 75], [`"${person.first} ${person.last}" <${person.email}>`, 15], [`${person.email}; ${e?.people[1]?.email ?? person.email}`, 5], [` ${person.email}`, 5]]) : null) : null;
    const web = e && rng.chance(0.6) ? renderWebsite(e, 'odoo', rng, { stale: w.odooNameOf.get(e.entityId)?.op === 'former' }).value : null;
    const c = e ? country(e.countryCode) : null;
    const partnerRow = commercial ? w.rows.get('res_partner')?.find((r) => r.id === commercial) : undefined;
    const value = deal ? (rng.chance(0.15) ? deal.mrr * 12 : deal.servicesValue) : rng.int(5, 80) * 1000;
    const recurring = deal?.workload === 'Managed Services';
    const lastUpdate = clamp(createdAt + rng.int(0, 200) * DAY, createdAt, plan.closedAt ?? w.clock.end);
    const writeAt = clamp(Math.max(lastUpdate, plan.closedAt ?? 0) + rng.int(0, 20) * DAY + rng.int(0, 80_000) * 1000, createdAt, w.clock.end);
    plan.row = {
      id: plan.id, name: fx?.leadName ?? leadName(rng, e, deal, partnerName ?? shown ?? 'Unknown', person?.last ?? 'Contact', plan, asOfYear),
      type: plan.type, active: plan.state !== 'lost', partner_id: partnerId, partner_name: partnerName, contact_name: person ? `${person.first} ${person.last}` : null,
      function: person?.title ?? null, email_from: email, email_normalized: email && person ? person.email.trim().toLowerCase() : null, email_cc: null,
      phone: person && rng.chance(0.6) ? person.phone : null, mobile: null, website: fx?.leadWebsite ?? web, user_id: user.userId, team_id: teamId,
      stage_id: w.stageId[stage], company_id: ODOO_IDS.company, probability, automated_probability: auto, expected_revenue: money(value),
      prorated_revenue: money((value * probability) / 100), recurring_revenue: recurring ? money(deal.mrr * 12) : null,
      recurring_revenue_monthly: recurring ? money(deal.mrr) : null, recurring_plan: recurring ? 1 : null,
      date_deadline: plan.deadline === null ? null : isoDate(plan.deadline), date_closed: plan.closedAt === null ? null : odooTs(plan.closedAt),
      date_open: odooTs(createdAt + rng.int(60, 7200) * 1000), date_conversion: plan.type === 'opportunity' && rng.chance(0.4) ? odooTs(createdAt + rng.int(60, 3600) * 1000) : null,
      date_last_stage_update: odooTs(lastUpdate), date_action_last: rng.chance(0.5) ? odooTs(lastUpdate) : null,
      day_open: Math.round(rng.uniform(0, 2) * 100) / 100, day_close: plan.closedAt ? Math.round(((plan.closedAt - createdAt) / DAY) * 100) / 100 : null,
      priority: rng.weighted([['0', 50], ['1', 30], ['2', 15], ['3', 5]] as const), lost_reason_id: lost && plan.type === 'opportunity' ? rng.pick(w.lostReasonIds) : null,
      street: partnerRow ? (partnerRow.street ?? null) : null, street2: null, zip: partnerRow ? (partnerRow.zip ?? null) : null, city: partnerRow ? (partnerRow.city ?? null) : null,
      state_id: partnerRow ? (partnerRow.state_id ?? null) : null, country_id: partnerRow ? (partnerRow.country_id ?? null) : (e && rng.chance(0.5) ? (w.countryId.get(e.countryCode) ?? null) : null),
      lang_id: c ? (w.langId.get(c.odooLang) ?? null) : null, referred, description: notes.length > 0 ? notes.join('') : null,
      source_id: deal?.origin === 'AWS Referral' ? w.sourceId.get(rng.chance(0.7) ? 'AWS Referral' : 'ACE') : rng.chance(0.5) ? w.sourceId.get(rng.pick(['Website', 'Event', 'Partner Referral', 'Cold Call', 'Newsletter'])) : null,
      color: 0, c_ace_opportunity_ref: aceRef, c_aws_account_ids: awsIdsText,
      create_uid: user.userId, create_date: odooTs(createdAt), write_uid: rng.chance(0.8) ? user.userId : ODOO_IDS.adminUser, write_date: odooTs(writeAt),
    };
    addRow(w, 'crm_lead', plan.row);
    tags(w, plan, deal, rng);
  }
}

function tags(w: World, plan: LeadPlan, deal: Deal | null, rng: Rng): void {
  if (plan.type !== 'opportunity' || !rng.chance(0.6)) return;
  const names = new Set<string>(['AWS']);
  if (deal?.migration) names.add('MAP');
  if (deal?.ai) names.add('GenAI');
  if (deal?.workload === 'Managed Services') names.add('Managed Services');
  if (rng.chance(0.2)) names.add(rng.pick(['POC', 'Co-Sell', 'Marketplace', 'Public Tender']));
  for (const n of [...names].sort()) {
    const tagId = w.tagIds.get(n);
    if (tagId) addRow(w, 'crm_tag_rel', { lead_id: plan.id, tag_id: tagId });
  }
}
