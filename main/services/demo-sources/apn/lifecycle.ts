/**
 * ACE lifecycle of one opportunity (spec §4.4): review status for partner referrals, acceptance for AWS
 * referrals, stage consistent with the deal 75% of the time (25% lagging), and whether it is still open.
 */
import type { Rng } from '../rng';
import type { AceLife, Deal } from '../model';
import { addBusinessDays, DAY, type Clock } from '../dates';

const OPEN_STAGES: readonly (readonly [string, number])[] = [['Prospect', 8], ['Qualified', 22], ['Technical Validation', 14], ['Business Validation', 10], ['Committed', 6]];

const AWS_STAGE: Record<string, string[]> = {
  Prospect: ['Prospect', 'Not Started', 'Identified'], Qualified: ['Qualified', 'Seller Engaged', 'Qualify'], 'Technical Validation': ['Technical Validation', 'Evaluating'],
  'Business Validation': ['Business Validation', 'Term Sheet Negotiation'], Committed: ['Committed', 'Contract Negotiation'], Launched: ['Launched', 'Completed', 'Onboarding'],
  'Closed Lost': ['Closed Lost', 'Closed Incomplete', 'Deferred to Partner'],
};

export function isOpenLife(l: AceLife): boolean {
  if (l.stage === 'Launched' || l.stage === 'Closed Lost') return false;
  if (l.status === 'Rejected') return false;
  if (l.acceptance === 'Rejected' || l.acceptance === 'Expired') return false;
  return true;
}

function stageFor(rng: Rng, deal: Deal, linked: boolean): string {
  const lag = linked && rng.chance(0.25);
  if (deal.outcome === 'won') return lag ? rng.pick(['Business Validation', 'Committed']) : rng.chance(0.75) ? 'Launched' : 'Committed';
  if (deal.outcome === 'lost') return lag ? rng.weighted(OPEN_STAGES) : 'Closed Lost';
  return rng.weighted(OPEN_STAGES);
}

/** The lifecycle and the (possibly moved) creation time: a still-pending AWS referral was created in the last days. */
export function aceLife(rng: Rng, deal: Deal, created: number, clock: Clock, opts: { linked: boolean; rejectedFirst: boolean }): { life: AceLife; createdAt: number } {
  let createdAt = created;
  const ownership = deal.origin;
  let status: string | null = null;
  let acceptance: string | null = null;
  let acceptBy: number | null = null;
  let stage: string;
  if (ownership === 'Partner Referral') {
    status = opts.rejectedFirst
      ? 'Rejected'
      : opts.linked
        ? rng.weighted([['Approved', 85], ['Pending Submission', 4], ['Submitted', 3], ['In review', 3], ['Action Required', 5]] as const)
        : rng.weighted([['Approved', 78], ['Pending Submission', 6], ['Submitted', 3], ['In review', 3], ['Action Required', 4], ['Rejected', 6]] as const);
    stage = status === 'Approved' ? stageFor(rng, deal, opts.linked) : 'Prospect';
    // a deal that is over in the CRM but never got approved in ACE keeps its early stage
  } else {
    acceptance = opts.linked || deal.conflictOf ? 'Accepted' : rng.weighted([['Accepted', 70], ['Rejected', 15], ['Pending', 5], ['Expired', 10]] as const);
    if (acceptance === 'Pending') createdAt = clock.asOf - rng.int(0, 3) * DAY + rng.int(8 * 3600, 17 * 3600) * 1000;
    acceptBy = addBusinessDays(createdAt, 5);
    stage = acceptance === 'Accepted' ? stageFor(rng, deal, opts.linked) : 'Prospect';
  }
  const awsStage = rng.pick(AWS_STAGE[stage] ?? ['Prospect']);
  const closedAt = stage === 'Launched' || stage === 'Closed Lost' ? Math.min(Math.max(deal.closeAt, createdAt + DAY), clock.end) : null;
  const touched = Math.max(createdAt, closedAt ?? createdAt) + rng.int(0, 40) * DAY + rng.int(0, 80_000) * 1000;
  return { life: { ownership, status, acceptance, acceptBy, stage, awsStage, closedAt, lastModified: Math.min(touched, clock.end) }, createdAt };
}
