/**
 * One POD fact object per ACE opportunity (app/rules/facts.ts), from core, the matcher and billing.
 *
 * Definitions (README "Rules and decisions"):
 * - AWS account: the ids parsed from the ACE field; when there are none, those of the matched CRM
 *   opportunity (a confirmed match only, not a proposal).
 * - Spend month: the month before the target close date, at the latest the last complete month before
 *   as_of (the month before a future close has no bill yet). Spend = Σ of the account's cost rows of that
 *   month over all payers; no cost row that month = unknown (not 0).
 * - Spend counts only for an account tied to the customer (account-owners.ts): the Odoo AWS-account record
 *   of the id belongs to the customer of the CRM match (confirmed, or the proposal under review): the same
 *   partner, or the same normalized company name. An unmapped account, one only billing knows or another
 *   company's → spend unknown (aws_account_owner says why). Customer spend = that account plus the other
 *   accounts of its owner in Odoo.
 * - Same customer (competing opportunities): another ACE opportunity linked by a chain of shared keys
 *   (AWS account id, registered domain, normalized company name, ACE end-user record, DUNS, matched CRM
 *   customer; same-customer.ts). Open = stage neither
 *   Launched nor Closed Lost, and the referral not Rejected / Expired.
 */
import type { Queryable } from '../../../db/types';
import type { AceFactRow } from '../../../db/queries/decide';
import { readAceFacts, readCustomerAccounts, readGovernmentAdvising, readSpend } from '../../../db/queries/decide';
import { trigramSimilarity } from '../../../app/match/strings';
import type { PodFacts } from '../../../app/rules';
import { customerGroups } from './same-customer';
import { accountOwner, readAccountOwners, type AccountOwner } from './account-owners';

const DAY = 86_400_000;
const ACCOUNT_ID = /^\d{12}$/;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;

/** 'YYYY-MM' of the month before the month of `day`. */
export function monthBefore(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function spendMonth(targetClose: string | null, asOf: string): string | null {
  if (!targetClose) return null;
  const a = monthBefore(targetClose);
  const b = monthBefore(asOf);
  return a < b ? a : b;
}

function isOpen(r: AceFactRow): boolean {
  if (r.stage === 'Launched' || r.stage === 'Closed Lost') return false;
  if (r.status === 'Rejected') return false;
  return r.partner_acceptance_status !== 'Rejected' && r.partner_acceptance_status !== 'Expired';
}

function ownershipKey(raw: string | null): string | null {
  const k = raw?.trim().toLowerCase().replace(/\s+/g, ' ');
  return k ? k : null;
}

function parseBool(v: string | null | undefined): boolean | null {
  const s = v?.trim().toLowerCase();
  if (s === 'yes' || s === 'y' || s === 'true' || s === 't' || s === '1') return true;
  if (s === 'no' || s === 'n' || s === 'false' || s === 'f' || s === '0') return false;
  return null;
}

export type FactsBuild = { facts: PodFacts[]; governmentField: boolean };

export async function buildFacts(db: Queryable, asOf: string): Promise<FactsBuild> {
  const rows = await readAceFacts(db);
  const gov = await readGovernmentAdvising(db);

  // accounts and spend months first, so billing is read in one query
  const accounts = new Map<string, { ids: string[]; source: 'ace' | 'crm' | 'none' }>();
  for (const r of rows) {
    const ace = [...new Set(r.aws_account_ids)];
    const crm = r.match_status === 'matched' ? [...new Set(r.odoo_accounts ?? [])] : [];
    accounts.set(r.source_id, ace.length > 0 ? { ids: ace, source: 'ace' } : crm.length > 0 ? { ids: crm, source: 'crm' } : { ids: [], source: 'none' });
  }
  const single = (id: string) => {
    const a = accounts.get(id);
    return a && a.ids.length === 1 && ACCOUNT_ID.test(a.ids[0] as string) ? (a.ids[0] as string) : null;
  };
  // the customer an account must belong to: the one of the CRM match or proposal (the Odoo opportunity's commercial partner, its company name)
  const candidate = (r: AceFactRow) => (r.match_status === 'matched' || r.match_status === 'review') && r.odoo_source_id !== null;
  const customerOf = (r: AceFactRow) => (candidate(r) && r.odoo_customer_id !== null ? Number(r.odoo_customer_id) : null);
  const owners = await readAccountOwners(db, [...new Set(rows.map((r) => single(r.source_id)).filter((a) => a !== null))]);
  const ownerOf = new Map<string, AccountOwner>();
  for (const r of rows) {
    const a = single(r.source_id);
    // a CRM deal with neither partner nor company name: the ACE customer's name (the deal is this opportunity's match)
    const name = !candidate(r) ? null : r.odoo_company_name ?? (r.odoo_customer_id === null ? r.normalized_company_name : null);
    if (a) ownerOf.set(r.source_id, accountOwner(owners, a, { id: customerOf(r), name }));
  }
  // the account whose spend counts: the single one, tied to the customer
  const counted = (r: AceFactRow) => (ownerOf.get(r.source_id) === 'customer' ? single(r.source_id) : null);
  // the customer's accounts: those of the counted account's owner company (the customer, by the tie above)
  const ownerCompany = (r: AceFactRow) => owners.get(counted(r) as string)?.company ?? null;
  const companies = [...new Set(rows.filter((r) => counted(r) !== null).map(ownerCompany).filter((c) => c !== null))];
  const customers = await readCustomerAccounts(db, companies);
  const customerAccounts = (r: AceFactRow, own: string): string[] => {
    const c = ownerCompany(r);
    return [...new Set([own, ...(c === null ? [] : (customers.get(c) ?? [])).filter((a) => ACCOUNT_ID.test(a))])].sort();
  };
  const months = new Set<string>();
  const wanted = new Set<string>();
  for (const r of rows) {
    const m = spendMonth(r.target_close_date, asOf);
    const a = counted(r);
    if (m && a) {
      months.add(m);
      for (const x of customerAccounts(r, a)) wanted.add(x);
    }
  }
  const spend = new Map((await readSpend(db, [...wanted], [...months])).map((s) => [`${s.account_id}|${s.month}`, s]));

  // same-customer groups for competing opportunities
  // (closed deals link too: the customer is the same whatever the state of the deal that shows it)
  const group = customerGroups(rows);
  const openByGroup = new Map<string, AceFactRow[]>();
  const openByDomain = new Map<string, AceFactRow[]>();
  for (const r of rows) {
    if (!isOpen(r)) continue;
    if (r.normalized_domain) openByDomain.set(r.normalized_domain, [...(openByDomain.get(r.normalized_domain) ?? []), r]);
    const g = group.get(r.source_id) as string;
    const list = openByGroup.get(g);
    if (list) list.push(r);
    else openByGroup.set(g, [r]);
  }

  const asOfDay = dayNumber(asOf);
  const facts = rows.map((r): PodFacts => {
    const acct = accounts.get(r.source_id) ?? { ids: [], source: 'none' as const };
    const accountId = single(r.source_id);
    const month = spendMonth(r.target_close_date, asOf);
    const tied = counted(r);
    const s = tied && month ? spend.get(`${tied}|${month}`) : undefined;
    const custIds = tied ? customerAccounts(r, tied) : [];
    let custGross = 0;
    let custNet = 0;
    for (const a of custIds) {
      const x = month ? spend.get(`${a}|${month}`) : undefined;
      custGross += x ? Number(x.gross) : 0;
      custNet += x ? Number(x.net) : 0;
    }
    const others = new Map<string, AceFactRow>();
    const near = [...(openByGroup.get(group.get(r.source_id) as string) ?? []), ...(r.normalized_domain ? (openByDomain.get(r.normalized_domain) ?? []) : [])];
    for (const o of near) if (o.source_id !== r.source_id) others.set(o.source_id, o);
    const ids: string[] = [];
    const gaps: number[] = [];
    for (const o of [...others.values()].sort((a, b) => (a.source_id < b.source_id ? -1 : 1))) {
      if (!o.target_close_date || !r.target_close_date) continue;
      ids.push(o.source_id);
      gaps.push(Math.abs(Math.round(dayNumber(o.target_close_date) - dayNumber(r.target_close_date))));
    }
    const candidate = r.match_status !== null && r.match_status !== 'no_match' && r.odoo_source_id !== null;
    return {
      ace_id: r.source_id,
      customer_name: r.customer_name,
      as_of: asOf,
      ownership: r.opportunity_ownership,
      ownership_raw: r.opportunity_ownership_raw,
      ownership_key: ownershipKey(r.opportunity_ownership_raw ?? r.opportunity_ownership),
      stage: r.stage,
      review_status: r.status,
      created_date: r.created_date,
      target_close_date: r.target_close_date,
      days_to_target_close: r.target_close_date ? Math.round(dayNumber(r.target_close_date) - asOfDay) : null,
      aws_account_raw: r.aws_account_raw,
      aws_account_ids: acct.ids,
      aws_account_source: acct.source,
      aws_account_id: accountId,
      aws_account_owner: ownerOf.get(r.source_id) ?? null,
      spend_month: month,
      spend_currency: s ? (s.currency ?? 'USD') : null,
      prior_month_gross_spend: s ? Number(s.gross) : null,
      prior_month_net_spend: s ? Number(s.net) : null,
      customer_aws_account_ids: custIds,
      customer_prior_month_gross_spend: s ? Math.round(custGross * 100) / 100 : null,
      customer_prior_month_net_spend: s ? Math.round(custNet * 100) / 100 : null,
      match_status: r.match_status ?? 'none',
      match_confidence: r.match_probability === null ? null : Math.round(Number(r.match_probability) * 1e6) / 1e6,
      match_decided_by: r.match_decided_by,
      matched_odoo_id: candidate ? r.odoo_source_id : null,
      matched_odoo_name: candidate ? r.odoo_name : null,
      exact_domain_match: candidate && r.normalized_domain !== null && r.normalized_domain === r.odoo_domain,
      name_similarity: candidate && r.company_name_fold && r.odoo_fold ? Math.round(trigramSimilarity(r.company_name_fold, r.odoo_fold) * 1e4) / 1e4 : 0,
      other_open_opportunity_ids: ids,
      other_open_close_gaps: gaps,
      end_user_reporting_completed: null,
      government_advising: gov ? parseBool(gov.get(r.source_id)) : null,
    };
  });
  return { facts, governmentField: gov !== null };
}
