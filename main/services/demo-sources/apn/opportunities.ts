/**
 * apn_opportunity and apn_end_user rows (spec §2.2–2.4, §4.6, §4.7). The company name is rendered with
 * the §4.6 operators relative to what Odoo shows; AWS account ids are dirty on 12% of filled values.
 */
import { stream, type Rng } from '../rng';
import type { EntityRec } from '../model';
import { country } from '../reference/countries';
import { statesOf } from '../reference/states';
import { DAY, isoDate, tsTz } from '../dates';
import { difficultyOf, renderName, type RenderOp } from '../text/variations';
import { renderWebsite } from '../text/website';
import { slug } from '../text/translit';
import { addRow, type World } from '../world';
import {
  AWS_PEOPLE, CHANNELS, CLOSED_LOST_REASONS, COMPETITORS, PRIMARY_NEEDS, PROGRAMS, REJECTION_REASONS, SALES_ACTIVITIES, US_STATE_QUIRK,
  businessProblem, dirtyNeed, dirtyOwnership, dirtyStatus, multi, pickSome,
} from './values';
import type { ApnUser } from './people';

function forcedOp(w: World, e: EntityRec): RenderOp | null {
  const shown = w.odooNameOf.get(e.entityId)?.op;
  if (shown === 'former') return 'rebrand';
  if (shown === 'group') return 'subsidiary_parent';
  if (e.template === 'script') return 'script';
  return null;
}

function renderCompany(w: World, e: EntityRec, rng: Rng, workload: string): { name: string; ops: string[] } {
  if (e.hn?.family === 'HN5' && e.acronym) return { name: `${e.acronym} (${e.baseLatin})`, ops: ['abbreviation'] };
  if (e.kind === 'confuser') return rng.chance(0.8) ? { name: e.canonicalNameLatin, ops: ['exact'] } : renderName(e, rng, { workload, exclude: ['subsidiary_parent', 'trading_name', 'title_leakage'] });
  const forced = forcedOp(w, e);
  if (forced === 'rebrand') {
    // Odoo still shows the former name; ACE has the current one
    return { name: e.canonicalName, ops: ['rebrand'] };
  }
  if (forced === 'subsidiary_parent') return { name: e.canonicalName, ops: ['subsidiary_parent'] };
  return renderName(e, rng, { workload, forced });
}

/** ACE aws_account_id (spec §4.7): one of the entity's accounts, sometimes dirty; NULL ≈ 65% overall. */
function awsIdFor(w: World, e: EntityRec, rng: Rng, linkedPr: boolean, taken: Set<string>): { value: string | null; clean: string | null } {
  const accounts = (w.accounts.byEntity.get(e.entityId) ?? []).filter((x) => !x.isPayer || x.billingMode === 'direct_customer_payer');
  if (e.hn?.family === 'HN8' && accounts[0]) return { value: accounts[0].awsAccountId, clean: accounts[0].awsAccountId };
  if (!rng.chance(linkedPr ? 0.45 : accounts.length > 0 ? 0.35 : 0.2)) return { value: null, clean: null };
  let id: string;
  const roll = rng.next();
  const linkedAccts = accounts.filter((x) => !x.isPayer);
  const payer = accounts.find((x) => x.isPayer) ?? accounts[0];
  if (accounts.length > 0 && roll < 0.7 && linkedAccts.length > 0) id = rng.pick(linkedAccts).awsAccountId;
  else if (accounts.length > 0 && roll < 0.9 && payer) id = payer.awsAccountId;
  else {
    if (accounts.length === 0 && rng.chance(0.5)) return { value: rng.pick(['N/A', 'TBD', 'new account', 'n/a']), clean: null };
    do id = String(rng.int(100_000, 999_999)) + String(rng.int(100_000, 999_999));
    while (taken.has(id));
  }
  if (!rng.chance(0.12)) return { value: id, clean: id };
  const alias = slug(e.shortName).slice(0, 8) || 'acct';
  const dirty = rng.weighted([
    [`${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}`, 3], [`${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8)}`, 2],
    [id.startsWith('0') ? id.slice(1) : `${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}`, 2],
    [`${id}, ${accounts[1]?.awsAccountId ?? id.split('').reverse().join('')}`, 1], [`${alias}_prod`, 1], [`${alias.toUpperCase()}PROD`, 1],
    [`${alias}-prod`, 0.5], [rng.pick(['N/A', 'TBD', 'new account']), 1],
  ]);
  return { value: dirty, clean: id };
}

function crmRef(rng: Rng, leadId: number, staleId: number | null): string {
  const id = staleId !== null && rng.chance(0.5) ? staleId : leadId;
  return rng.weighted([[String(id), 40], [`crm.lead,${id}`, 20], [`ODOO-${id}`, 25], [` ${id} `, 15]]);
}

export function buildAce(w: World, apnUsers: ApnUser[]): void {
  const endUserOf = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const a of w.aces) seen.set(a.entityId, (seen.get(a.entityId) ?? 0) + 1);
  const distinct = seen.size;
  const extra = Math.max(0, w.cfg.apn.endUsers - distinct);
  const repeatOpps = w.aces.filter((a, i) => w.aces.findIndex((b) => b.entityId === a.entityId) !== i);
  const dupes = new Set(stream(w.seed, 'ace|end-user-dupes').shuffle(repeatOpps).slice(0, extra).map((a) => a.id));
  const allIds = new Set(w.accounts.accounts.map((x) => x.awsAccountId));
  const mergedTail = new Map<number, number>();
  for (const l of w.leads) if (l.merged && l.mergedInto !== null) mergedTail.set(l.mergedInto, l.id);
  let endUserSeq = 0;
  for (const a of w.aces) {
    const rng = stream(w.seed, `ace|${a.aceId}`);
    const e = w.byId.get(a.entityId) as EntityRec;
    const deal = a.dealId ? w.dealById.get(a.dealId) : undefined;
    const fx = deal?.fx && !a.resubmissionFirst ? deal.fx : null;
    const workload = deal?.workload ?? 'Migration';
    const linked = deal?.set === 'both' || deal?.set === 'phased';
    const c = country(e.countryCode);
    const company = fx?.aceCompany ? { name: fx.aceCompany, ops: fx.aceOps ?? ['exact'] } : renderCompany(w, e, rng, workload);
    a.renderOps = company.ops;
    a.difficulty = difficultyOf(company.ops);
    const website = fx && 'aceWebsite' in fx ? (fx.aceWebsite ?? null) : renderWebsite(e, 'ace', rng, { stale: rng.chance(0.03) }).value;
    const aws = fx?.aceAwsId ? { value: fx.aceAwsId, clean: fx.aceAwsId } : awsIdFor(w, e, rng, linked && a.origin === 'Partner Referral', allIds);
    let endUserId = endUserOf.get(e.entityId);
    if (endUserId === undefined || dupes.has(a.id)) {
      endUserId = ++endUserSeq;
      const first = !endUserOf.has(e.entityId);
      endUserOf.set(e.entityId, endUserOf.get(e.entityId) ?? endUserId);
      addRow(w, 'apn_end_user', {
        id: endUserId, end_user_ref: `EU-${String(7_000_000 + endUserId * 7)}`, company_name: first ? company.name : renderName(e, rng, { exclude: ['title_leakage'] }).name,
        website, duns: rng.chance(0.2) ? String(rng.int(100_000_000, 999_999_999)) : null, industry: e.industry, industry_other: null,
        country_code: e.countryCode, country: c.name, state_or_region: stateName(e), city: e.city.name, postal_code: e.city.zip,
        street_address: a.origin === 'AWS Referral' ? null : e.street, aws_account_id: aws.value, created_date: tsTz(a.createdAt), last_modified_date: tsTz(Math.max(a.createdAt, a.life.lastModified)),
      });
    }
    a.endUserId = endUserId;
    const leads = deal ? (w.leadsByDeal.get(deal.dealId) ?? []) : [];
    const firstLead = leads[0];
    const crm = fx?.aceCrmRef ?? (linked && a.origin === 'Partner Referral' && firstLead && rng.chance(0.4) ? crmRef(rng, firstLead.id, mergedTail.get(firstLead.id) ?? null) : null);
    const life = a.life;
    const owner = rng.pick(apnUsers);
    const masked = a.origin === 'AWS Referral' && life.acceptance === 'Pending';
    const person = rng.pick(e.people);
    const industryOther = rng.chance(0.04);
    const postal = rng.chance(0.01) && e.city.zip.startsWith('0') ? e.city.zip.slice(1) : e.city.zip;
    const mrr = rng.chance(0.005) ? rng.pick([0, 1, 999_999]) : (deal?.mrr ?? 1000);
    const competitor = rng.pick(COMPETITORS);
    const history: string[] = [];
    for (let t = a.createdAt + rng.int(3, 20) * DAY; t < life.lastModified && history.length < 5; t += rng.int(10, 60) * DAY) {
      history.push(`${isoDate(t)}: ${rng.pick(['Demo scheduled', 'Workshop held', 'Proposal sent', 'Waiting for customer', 'POC started', 'Pricing call with AWS'])}`);
    }
    const row = {
      id: a.id, apn_crm_unique_identifier: a.aceId, partner_crm_unique_identifier: crm, opportunity_ownership: dirtyOwnership(rng, life.ownership),
      status: dirtyStatus(rng, life.status), partner_acceptance_status: life.acceptance, accept_by_date: life.acceptBy ? tsTz(life.acceptBy) : null,
      rejection_reason: life.acceptance === 'Rejected' ? rng.pick(REJECTION_REASONS) : null, stage: life.stage, aws_stage: life.awsStage,
      closed_lost_reason: life.stage === 'Closed Lost' ? rng.pick(CLOSED_LOST_REASONS) : null,
      opportunity_type: rng.weighted([['Net New Business', 78], ['Expansion', 17], ['Flat Renewal', 5]] as const),
      customer_company_name: company.name.slice(0, 120), customer_website: website,
      customer_duns: rng.chance(0.2) ? (rng.chance(0.05) ? String(rng.int(10_000_000, 99_999_999)) : String(rng.int(100_000_000, 999_999_999))) : null,
      industry: industryOther ? 'Other' : e.industry, industry_other: industryOther ? e.industry : null,
      country: rng.chance(0.01) ? c.localName : c.name, country_code: c.code, state_or_region: stateName(e), city: e.city.name, postal_code: postal,
      street_address: a.origin === 'AWS Referral' ? '***' : e.street, aws_account_id: aws.value,
      partner_project_title: `${workload}${rng.chance(0.3) ? ` – ${e.template === 'script' ? e.baseLatin : e.shortName}` : ''}`.slice(0, 255),
      customer_business_problem: businessProblem(rng, workload), use_case: deal?.useCase ?? 'Migration / Database Migration',
      delivery_model: multi(rng, deal?.deliveryModels ?? ['Professional Services']), expected_monthly_aws_revenue: mrr.toFixed(2), expected_spend_currency: 'USD',
      target_close_date: life.stage === 'Prospect' && rng.chance(0.01) && !deal?.exactClose ? null : a.targetClose === null ? null : isoDate(a.targetClose),
      partner_primary_need_from_aws: multi(rng, pickSome(rng, PRIMARY_NEEDS, 1, 3).map((n) => dirtyNeed(rng, n))),
      sales_activities: multi(rng, pickSome(rng, SALES_ACTIVITIES, 1, 4)), competitor_name: competitor,
      other_competitor_names: competitor === '*Other' ? rng.pick(['Hetzner', 'OVHcloud', 'IONOS', 'Local hoster']) : null,
      solution_offered: `S-00${rng.int(10_000, 99_999)} Nordwolke ${rng.pick(['Migration Factory', 'Managed Cloud', 'Data Platform', 'Landing Zone Accelerator'])}`,
      apn_programs: rng.chance(0.6) ? multi(rng, pickSome(rng, PROGRAMS, 1, 2)) : null,
      is_opp_from_marketing_activity: rng.chance(0.1) ? 'Yes' : 'No', aws_funding_used: rng.chance(0.15) ? 'Yes' : 'No',
      campaign_name: rng.chance(0.08) ? `${rng.pick(['Migrate & Modernize', 'GenAI Day', 'Summit'])} ${new Date(a.createdAt).getUTCFullYear()}` : null,
      marketing_channel: rng.chance(0.1) ? rng.pick(CHANNELS) : null,
      national_security: e.industry === 'Government' && rng.chance(0.1) ? 'Yes' : 'No',
      involvement_type: rng.chance(0.7) ? 'Co-Sell' : 'For Visibility Only', visibility: rng.chance(0.8) ? 'Full' : 'Limited',
      next_step: rng.pick(['Follow-up call scheduled', 'Send proposal', 'Waiting for budget approval', 'Technical deep dive', 'Kick-off planned']),
      next_step_history: history.length > 0 ? history.join('\n') : null,
      review_comments: life.status === 'Action Required' ? 'Please provide a clearer customer business problem and the expected AWS spend.' : life.status === 'Rejected' ? 'Duplicate or insufficient information; please resubmit.' : null,
      review_status_reason: life.status === 'Rejected' ? rng.pick(['Duplicate Opportunity', 'Insufficient Information', 'Not a valid opportunity']) : null,
      additional_comments: rng.chance(0.1) ? 'Customer prefers invoices via the partner (SPP).' : null,
      primary_contact_first_name: masked ? '***' : person.first, primary_contact_last_name: masked ? '***' : person.last,
      primary_contact_email: masked ? '***' : person.email, primary_contact_phone: masked ? null : person.phone, primary_contact_title: masked ? null : person.title,
      opportunity_owner_name: `${owner.first} ${owner.last}`, opportunity_owner_email: owner.email,
      aws_sales_rep_name: rng.pick(AWS_PEOPLE), aws_sales_rep_email: `${rng.pick(['jdoe', 'tbecker', 'prao', 'lklein', 'smoreau', 'dpark'])}@amazon.com`,
      aws_account_manager_name: rng.pick(AWS_PEOPLE), partner_development_manager: rng.pick(AWS_PEOPLE),
      end_user_id: endUserId, created_date: tsTz(a.createdAt), last_modified_date: tsTz(Math.max(a.createdAt, life.lastModified)),
      created_by: a.origin === 'AWS Referral' ? 'AWS' : owner.email, last_modified_by: rng.chance(0.3) ? 'AWS' : owner.email,
      closed_date: life.closedAt ? isoDate(life.closedAt) : null,
    };
    a.row = row;
    addRow(w, 'apn_opportunity', row);
  }
}

function stateName(e: EntityRec): string | null {
  if (!e.city.state) return null;
  const s = statesOf(e.countryCode).find((x) => x.code === e.city.state);
  return s ? (US_STATE_QUIRK[s.name] ?? s.name) : e.city.state;
}
