/**
 * The cost view of one account under review: what the cost screen asks for when opened from the review
 * detail (`#/cost?account=<id>`), and what the offline copy prefetches for the review queue. One function
 * builds both, so the prefetched answer is keyed by exactly the request the screen makes.
 */
import type { Preset } from './periods';
import { presetRange } from './periods';

/** The cost screen's default date preset (relative to the newest month with billing data). */
export const COST_DEFAULT_PRESET: Preset = 'last-12-months';

const ACCOUNT_ID = /^\d{12}$/;

/** The AWS accounts a decision is about: its `aws_account_ids` fact (ACE field, else the CRM match's). */
export function accountsOfFacts(facts: Record<string, unknown> | null | undefined): string[] {
  const ids = facts?.aws_account_ids;
  if (!Array.isArray(ids)) return [];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && ACCOUNT_ID.test(id)))];
}

/** The cost:query input of one account with the default preset; `lastMonth` is cost:accounts' newest month (YYYY-MM). */
export function accountCostInput(account: string, lastMonth: string) {
  return { accounts: [account], ...presetRange(COST_DEFAULT_PRESET, `${lastMonth}-01`), products: [] as string[], by: 'month' as const };
}
