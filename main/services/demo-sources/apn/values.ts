/**
 * ACE value lists (spec §2.1, from the Partner Central Selling API enums) and the legacy/dirty mix of §2.4.
 */
import type { Rng } from '../rng';

export const PRIMARY_NEEDS = [
  'Co-Sell - Architectural Validation', 'Co-Sell - Business Presentation', 'Co-Sell - Competitive Information', 'Co-Sell - Pricing Assistance',
  'Co-Sell - Technical Consultation', 'Co-Sell - Total Cost of Ownership Evaluation', 'Co-Sell - Deal Support', 'Co-Sell - Support for Public Tender / RFx',
];
export const SALES_ACTIVITIES = [
  'Initialized discussions with customer', 'Customer has shown interest in solution', 'Conducted POC / Demo', 'In evaluation / planning stage',
  'Agreed on solution to Business Problem', 'Completed Action Plan', 'Finalized Deployment Need', 'SOW Signed',
];
export const COMPETITORS = ['Oracle Cloud', 'On-Prem', 'Co-location', 'Akamai', 'AliCloud', 'Google Cloud Platform', 'IBM Softlayer', 'Microsoft Azure', 'Other- Cost Optimization', 'No Competition', '*Other'];
export const CLOSED_LOST_REASONS = [
  'Customer Deficiency', 'Delay / Cancellation of Project', 'Legal / Tax / Regulatory', 'Lost to Competitor - Google', 'Lost to Competitor - Microsoft',
  'Lost to Competitor - Other', 'No Opportunity', 'On Premises Deployment', 'Partner Gap', 'Price', 'Security / Compliance', 'Technical Limitations',
  'Customer Experience', 'Other', 'Financial/Commercial',
];
export const REJECTION_REASONS = ['Customer problem unclear', 'Next steps unclear', 'Unable to support', 'Duplicate of partner referral', 'Other'];
export const PROGRAMS = ['Migration Acceleration Program', 'ISV Workload Migration', 'Partner Opportunity Acceleration Funded', 'Well-Architected', 'Immersion Day', 'Generative AI Innovation Center'];
export const CHANNELS = ['AWS Marketing Central', 'Content Syndication', 'Display', 'Email', 'Live Event', 'Out Of Home (OOH)', 'Print', 'Search', 'Social', 'Telemarketing', 'TV', 'Video', 'Virtual Event'];
export const AWS_PEOPLE = ['Jane Doe', 'Tom Becker', 'Priya Rao', 'Lukas Klein', 'Sofia Moreau', 'Daniel Park', 'Emma Lindqvist', 'Marco Rossi', 'Hannah Schulz', 'Kenji Sato'];
export const US_STATE_QUIRK: Record<string, string> = { 'District of Columbia': 'Dist. of Columbia' };

const PROBLEMS = [
  'Customer runs {w} on ageing on-premises hardware with support ending next year and wants to move to AWS.',
  'The data centre contract in Frankfurt expires; leadership asked for a cloud-first plan covering {w}.',
  'Business units need faster release cycles; the current platform cannot scale for {w}.',
  'Regulatory audit findings require a hardened baseline and central logging as part of {w}.',
  'Costs of the current hosting grew 30% year on year; {w} should cut run costs.',
  'The customer wants to evaluate generative AI use cases and needs a secure {w}.',
];

export function businessProblem(rng: Rng, workload: string): string {
  let text = rng.pick(PROBLEMS).replace('{w}', workload);
  while (rng.chance(0.35) && text.length < 1200) text += ` ${rng.pick(PROBLEMS).replace('{w}', workload)}`;
  return text;
}

/** Multi-select rendering: ';' joined; 5% ',' separators, 1% trailing separator (spec §2.4). */
export function multi(rng: Rng, values: readonly string[]): string {
  const sep = rng.chance(0.05) ? ', ' : ';';
  const trailing = rng.chance(0.01) ? sep.trim() : '';
  return values.join(sep) + trailing;
}

export function pickSome(rng: Rng, from: readonly string[], min: number, max: number): string[] {
  return rng.shuffle(from).slice(0, rng.int(min, max));
}

/** Legacy spellings for ownership/status (spec §2.4). */
export function dirtyOwnership(rng: Rng, ownership: string): string {
  const r = rng.next();
  if (r < 0.02) return ownership === 'Partner Referral' ? 'Partner Originated' : 'AWS Originated';
  if (r < 0.03) return ownership.toLowerCase();
  return ownership;
}

export function dirtyStatus(rng: Rng, status: string | null): string | null {
  if (status === 'Pending Submission' && rng.chance(0.6)) return 'Draft';
  if (status === 'In review' && rng.chance(0.5)) return 'In Review';
  return status;
}

export function dirtyNeed(rng: Rng, need: string): string {
  return rng.chance(0.03) ? need.replace(/^Co-Sell - /, '') : need;
}
