/**
 * Funding (spec §2.3, §5.9): APFP funding requests for partner referrals at Business Validation or later,
 * their stage/status history (monotonic timestamps, occasional loops back after rejection), cash claims,
 * the Odoo mirror c_aws_funding_request (90% of requests, 5% in EUR) and the credit grants billing must
 * turn into CUR `Credit` rows. Row counts are exact (history padded/trimmed deterministically).
 */
import { stream, type Rng } from '../rng';
import { ODOO_IDS, type CreditGrant } from '../universe-types';
import type { AcePlan } from '../model';
import { addDays, clamp, DAY, isoDate, monthStart, odooTs, tsTz } from '../dates';
import { addRow, type World } from '../world';
import type { ApnUser } from './people';

type Fr = {
  id: number; frId: string; ace: AcePlan; program: string; type: string; status: string; stage: string;
  created: number; submitted: number | null; approved: number | null; start: number; end: number;
  cashReq: number; creditReq: number; cashOk: number; creditOk: number; path: [string, string][]; lastModified: number;
};

const PATH = ['Created', 'AWS Review', 'Tech Approval', 'Business Approval', 'Finance Approval', 'Cash Claim', 'Completed'];

function program(rng: Rng): string {
  return rng.weighted([['MAP 2.0 - Assess', 15], ['MAP 2.0 - Mobilize', 15], ['MAP 2.0 - Migrate', 15], ['POC', 30], ['Partner Opportunity Acceleration (POA)', 10],
    ['ISV Workload Migration', 5], ['Jumpstart', 4], ['MDF', 3], ['Well-Architected', 3]] as const);
}

export function buildFunding(w: World, users: ApnUser[]): CreditGrant[] {
  const cfg = w.cfg.funding;
  const late = new Set(['Business Validation', 'Committed', 'Launched']);
  const pr = w.aces.filter((a) => a.origin === 'Partner Referral' && !a.resubmissionFirst && a.life.status === 'Approved');
  const rank = (a: AcePlan): number => stream(w.seed, `fr|rank|${a.aceId}`).next();
  const cands = [...pr.filter((a) => late.has(a.life.stage)).sort((x, y) => rank(x) - rank(y)), ...pr.filter((a) => !late.has(a.life.stage)).sort((x, y) => rank(x) - rank(y))];
  const chosen = cands.slice(0, cfg.requests).sort((x, y) => x.createdAt - y.createdAt || x.id - y.id);
  if (chosen.length < cfg.requests) throw new Error(`only ${chosen.length} ACE opportunities can carry funding requests, need ${cfg.requests}`);
  const frs: Fr[] = [];
  const frIds = new Set<string>();
  chosen.forEach((ace, i) => {
    const rng = stream(w.seed, `fr|${ace.aceId}`);
    let frId: string;
    do frId = `FR-${String(rng.int(1, 9_999_999_999)).padStart(10, '0')}`;
    while (frIds.has(frId));
    frIds.add(frId);
    const type = rng.weighted([['Cash', 40], ['Credits', 35], ['Cash & Credits', 25]] as const);
    const created = Math.min(ace.createdAt + rng.int(10, 120) * DAY, w.clock.end - 5 * DAY);
    let status = rng.weighted([['Approved', 70], ['Rejected', 12], ['Draft', 4], ['Pending', 4], ['In Review', 5], ['Cancelled', 3], ['Expired', 2]] as const) as string;
    const submitted = status === 'Draft' ? null : Math.min(created + rng.int(0, 10) * DAY, w.clock.end - 2 * DAY);
    let approved = status === 'Approved' && submitted ? submitted + rng.int(7, 40) * DAY : null;
    if (approved !== null && approved > w.clock.end) {
      approved = null;
      status = 'In Review';
    }
    const start = (approved ?? created) + rng.int(0, 30) * DAY;
    const end = start + rng.int(30, 180) * DAY;
    const cashReq = type === 'Credits' ? 0 : Math.round(rng.lognormal(Math.log(15_000), 0.8));
    const creditReq = type === 'Cash' ? 0 : Math.round(rng.lognormal(Math.log(20_000), 0.9));
    const ok = status === 'Approved' ? rng.uniform(0.7, 1) : 0;
    const reached = status === 'Approved' ? (end <= w.clock.asOf ? 6 : 4) : status === 'Rejected' ? rng.int(1, 4) : status === 'Draft' ? 0 : rng.int(1, 3);
    if (status === 'Approved' && end <= w.clock.asOf && rng.chance(0.6)) status = 'Completed';
    const path: [string, string][] = [['Created', 'Draft']];
    for (let s = 1; s <= reached; s++) {
      if ((s === 1 || s === 2) && rng.chance(0.3)) continue; // AWS Review / Tech Approval are optional
      path.push([PATH[s] as string, s === reached ? status : s === 1 ? 'Pending' : 'In Review']);
    }
    if (status === 'Rejected' && rng.chance(0.3)) path.push(['Created', 'Draft']);
    frs.push({
      id: i + 1, frId, ace, program: program(rng), type, status, stage: (path[path.length - 1] as [string, string])[0], created, submitted, approved, start, end,
      cashReq, creditReq, cashOk: Math.round(cashReq * ok), creditOk: Math.round(creditReq * ok), path, lastModified: 0,
    });
  });
  fitHistory(frs, cfg.history);
  ensureClaimable(w, frs);
  const grants: CreditGrant[] = [];
  for (const f of frs) writeRequest(w, f, users, grants);
  writeClaims(w, frs);
  writeMirror(w, frs);
  return grants;
}

/** Pads (loops back to Created after a review) or trims optional steps until Σ transitions = target. */
function fitHistory(frs: Fr[], target: number): void {
  let total = frs.reduce((s, f) => s + f.path.length, 0);
  for (let i = 0; total < target && frs.length > 0; i++) {
    const f = frs[i % frs.length] as Fr;
    if (f.path.length >= 2) {
      f.path.splice(1, 0, ['AWS Review', 'Action Required']);
      total++;
    }
  }
  for (let pass = 0; total > target && pass < 10; pass++) {
    for (const f of frs) {
      if (total <= target) break;
      if (f.path.length > 2) {
        f.path.splice(f.path.length - 2, 1);
        total--;
      }
    }
  }
}

/** Cash claims need an approved cash request whose project has ended; small scales may draw none. */
function ensureClaimable(w: World, frs: Fr[]): void {
  if (w.cfg.funding.cashClaims === 0 || frs.some((f) => f.approved && f.cashOk > 0 && f.end <= w.clock.asOf)) return;
  const f = frs.find((x) => x.approved !== null && x.approved <= w.clock.asOf - 40 * DAY);
  if (!f) return;
  if (f.cashOk === 0) {
    f.type = 'Cash & Credits';
    f.cashReq = 15_000;
    f.cashOk = 12_000;
  }
  f.end = Math.min(f.end, w.clock.asOf - 10 * DAY);
  f.start = Math.min(f.start, f.end - 30 * DAY);
}

function writeRequest(w: World, f: Fr, users: ApnUser[], grants: CreditGrant[]): void {
  const rng = stream(w.seed, `fr|row|${f.frId}`);
  const e = w.byId.get(f.ace.entityId);
  const name = String(f.ace.row.customer_company_name ?? e?.canonicalName ?? '');
  const who = rng.pick(users);
  // history: monotonic timestamps from created
  let t = f.created;
  const step = Math.max(DAY, Math.floor(((f.approved ?? Math.min(w.clock.end, f.created + 60 * DAY)) - f.created) / Math.max(1, f.path.length)));
  let prev: [string, string] | null = null;
  for (const [stage, status] of f.path) {
    const at = Math.min(t, w.clock.end);
    addRow(w, 'apn_funding_request_history', {
      id: (w.seq.get('apn_funding_request_history') ?? 1), fund_request_id: f.frId, from_stage: prev?.[0] ?? null, to_stage: stage, from_status: prev?.[1] ?? null,
      to_status: status, changed_at: tsTz(at), changed_by: stage === 'Created' || stage === 'Cash Claim' ? who.email : 'AWS', comment: status === 'Action Required' ? 'Please attach the SOW.' : null,
    });
    w.seq.set('apn_funding_request_history', (w.seq.get('apn_funding_request_history') ?? 1) + 1);
    prev = [stage, status];
    f.lastModified = at;
    t += step + rng.int(0, 3) * 3600_000;
  }
  addRow(w, 'apn_funding_request', {
    id: f.id, fund_request_id: f.frId, opportunity_id: rng.chance(0.1) ? null : f.ace.aceId, end_user_id: f.ace.endUserId, program: f.program,
    funding_type: f.type, activity_name: `${f.program} Project – ${name}`, customer_company_name: name, aws_account_id: f.ace.row.aws_account_id ?? null,
    requested_cash_amount: f.cashReq.toFixed(2), requested_credit_amount: f.creditReq.toFixed(2),
    approved_cash_amount: f.approved ? f.cashOk.toFixed(2) : null, approved_credit_amount: f.approved ? f.creditOk.toFixed(2) : null,
    currency: 'USD', expected_arr: (Number(f.ace.row.expected_monthly_aws_revenue ?? 0) * 12).toFixed(2), stage: f.stage, status: f.status,
    project_start_date: isoDate(f.start), project_end_date: isoDate(f.end), claim_due_date: isoDate(addDays(f.end, 30)),
    po_number: f.approved && rng.chance(0.7) ? `PO-${rng.int(100_000, 999_999)}` : null, created_date: tsTz(f.created),
    submitted_date: f.submitted ? tsTz(f.submitted) : null, approved_date: f.approved ? tsTz(f.approved) : null,
    last_modified_date: tsTz(Math.max(f.created, f.lastModified)), created_by: who.email,
  });
  const account = (w.accounts.byEntity.get(f.ace.entityId) ?? []).find((a) => !a.isPayer && a.entityId);
  if (f.approved && f.creditOk > 0 && account) {
    const start = f.approved + rng.int(0, 45) * DAY;
    if (start <= w.clock.end) grants.push({ awsAccountId: account.awsAccountId, amountUsd: f.creditOk, startMonth: monthStart(start), months: 12, source: f.frId });
  }
}

function writeClaims(w: World, frs: Fr[]): void {
  const eligible = frs.filter((f) => f.approved && f.cashOk > 0 && f.end <= w.clock.asOf);
  const target = w.cfg.funding.cashClaims;
  const slots: { f: Fr; milestone: number }[] = [];
  for (let m = 1; slots.length < target && eligible.length > 0 && m <= 6; m++) {
    for (const f of eligible) if (slots.length < target) slots.push({ f, milestone: m });
  }
  slots.sort((a, b) => a.f.id - b.f.id || a.milestone - b.milestone);
  slots.forEach(({ f, milestone }, i) => {
    const rng = stream(w.seed, `claim|${f.frId}|${milestone}`);
    const submitted = Math.min(w.clock.end - DAY, f.end + rng.int(1, 30) * DAY + (milestone - 1) * 20 * DAY);
    const status = rng.weighted([['Paid', 85], ['In Review', 10], ['Rejected', 5]] as const);
    const approvedAt = status === 'Paid' ? Math.min(w.clock.end, submitted + rng.int(5, 30) * DAY) : null;
    const paid = approvedAt ? Math.min(w.clock.end, approvedAt + rng.int(10, 40) * DAY) : null;
    const amount = Math.round(f.cashOk / Math.max(1, milestone === 1 ? 1 : milestone));
    addRow(w, 'apn_cash_claim', {
      id: i + 1, claim_id: `CC-${String(4_100_000 + i * 13 + milestone).padStart(9, '0')}`, fund_request_id: f.frId, milestone_number: milestone,
      claim_amount: amount.toFixed(2), approved_amount: status === 'Paid' ? amount.toFixed(2) : null, currency: 'USD', status,
      partner_invoice_number: `INV/${new Date(submitted).getUTCFullYear()}/${String(rng.int(1, 99_999)).padStart(5, '0')}`,
      submitted_date: isoDate(submitted), approved_date: approvedAt ? isoDate(approvedAt) : null, paid_date: paid ? isoDate(paid) : null,
      proof_of_execution: rng.chance(0.9), created_date: tsTz(submitted - DAY), last_modified_date: tsTz(Math.max(submitted, paid ?? approvedAt ?? submitted)),
    });
  });
}

const ODOO_STATE: Record<string, string> = { Draft: 'draft', Pending: 'submitted', 'In Review': 'submitted', Approved: 'approved', Rejected: 'rejected', Completed: 'paid', Cancelled: 'cancelled', Expired: 'cancelled' };

function writeMirror(w: World, frs: Fr[]): void {
  const picked = frs
    .map((f) => ({ f, u: stream(w.seed, `fr|mirror|${f.frId}`).next() }))
    .sort((a, b) => a.u - b.u)
    .slice(0, w.cfg.funding.odooMirror)
    .map((x) => x.f)
    .sort((a, b) => a.id - b.id);
  picked.forEach((f, i) => {
    const rng = stream(w.seed, `fr|mirror-row|${f.frId}`);
    const eur = rng.chance(0.05);
    const fx = eur ? 0.92 : 1;
    const deal = f.ace.dealId ? w.dealById.get(f.ace.dealId) : undefined;
    const lead = deal ? w.leadsByDeal.get(deal.dealId)?.[0] : undefined;
    const account = (w.accounts.byEntity.get(f.ace.entityId) ?? []).find((a) => !a.isPayer);
    const created = clamp(f.created + rng.int(0, 5) * DAY, f.created, w.clock.end);
    addRow(w, 'c_aws_funding_request', {
      id: i + 1, name: f.frId, lead_id: lead?.id ?? null, partner_id: w.partnerOf.get(f.ace.entityId) ?? null, aws_account_id: account?.awsAccountId ?? null,
      program: f.program, funding_type: f.type === 'Cash' ? 'cash' : f.type === 'Credits' ? 'credits' : 'cash_credits',
      amount_requested: (f.cashReq * fx).toFixed(2), amount_approved: f.approved ? (f.cashOk * fx).toFixed(2) : null,
      credits_requested: f.creditReq.toFixed(2), credits_approved: f.approved ? f.creditOk.toFixed(2) : null,
      currency_id: eur ? ODOO_IDS.currency.EUR : ODOO_IDS.currency.USD, state: ODOO_STATE[f.status] ?? 'draft',
      date_submitted: f.submitted ? isoDate(f.submitted) : null, date_approved: f.approved ? isoDate(f.approved) : null,
      project_start: isoDate(f.start), project_end: isoDate(f.end), claim_due_date: isoDate(addDays(f.end, 30)), ace_opportunity_ref: f.ace.aceId,
      active: f.status !== 'Cancelled', create_uid: ODOO_IDS.adminUser, create_date: odooTs(created), write_uid: ODOO_IDS.adminUser,
      write_date: odooTs(clamp(Math.max(created, f.lastModified), created, w.clock.end)),
    });
  });
}
