/**
 * The typed fact object the POD rules read: one per ACE opportunity, built by main/services/decide from
 * core (the ACE opportunity), the matcher's result and billing. Rule expressions name facts directly
 * (`prior_month_gross_spend < params.max_spend`); a name that is not here is an error on load.
 *
 * Invariants:
 * - `null` means "not in the data": a rule that reads a null fact is `unknown` (or skipped when the rule
 *   says `when_missing: skip`), never evaluated against a made-up value.
 * - Facts are JSON-safe (they are stored with every decision); `int` facts are JS integers here and become
 *   CEL ints (BigInt) only inside the evaluator (toCelValue).
 * - Adding a fact is compatible; renaming or removing one breaks rule files: add, don't rename.
 */
import { z } from 'zod';

export type FactType = 'string' | 'int' | 'double' | 'bool' | 'list<string>' | 'list<int>';

export type FactDef = { type: FactType; nullable: boolean; description: string };

export const FACT_DEFS = {
  ace_id: { type: 'string', nullable: false, description: 'ACE opportunity id (O…)' },
  customer_name: { type: 'string', nullable: true, description: 'customer company name on the ACE opportunity' },
  as_of: { type: 'string', nullable: false, description: 'the evaluation day (YYYY-MM-DD)' },
  ownership: { type: 'string', nullable: true, description: "ACE origin / opportunity ownership as the transform normalized it ('Partner Referral', 'AWS Referral')" },
  ownership_raw: { type: 'string', nullable: true, description: 'ownership exactly as the ACE export spells it' },
  ownership_key: { type: 'string', nullable: true, description: 'ownership_raw trimmed, lower-case, single spaces (what spelling lists compare with)' },
  stage: { type: 'string', nullable: true, description: 'ACE stage (Prospect … Launched, Closed Lost)' },
  review_status: { type: 'string', nullable: true, description: 'ACE review status of a partner referral (Approved, Rejected, …)' },
  created_date: { type: 'string', nullable: true, description: 'day the ACE opportunity was created (YYYY-MM-DD)' },
  target_close_date: { type: 'string', nullable: true, description: 'ACE target close date (YYYY-MM-DD)' },
  days_to_target_close: { type: 'int', nullable: true, description: 'target close date − as_of in days (negative = in the past)' },
  aws_account_raw: { type: 'string', nullable: true, description: 'AWS account field as typed on the ACE opportunity' },
  aws_account_ids: { type: 'list<string>', nullable: false, description: 'account ids parsed from the ACE field, else those of the matched CRM opportunity (empty = none)' },
  aws_account_source: { type: 'string', nullable: false, description: "where aws_account_ids come from: 'ace', 'crm' or 'none'" },
  aws_account_id: { type: 'string', nullable: true, description: 'the one valid 12-digit account id when there is exactly one, else null' },
  aws_account_owner: { type: 'string', nullable: true, description: "whether the CRM ties aws_account_id to the customer of the CRM match (Odoo's AWS-account records): 'customer' (the same partner or company name; its spend counts), 'other_customer', 'no_owner' (unmapped), 'not_in_crm' (no Odoo record), 'no_customer' (no CRM match with a customer); null without a single account" },
  spend_month: { type: 'string', nullable: true, description: 'the billing month the spend facts cover (YYYY-MM): the month before the target close date, at the latest the last complete month before as_of' },
  spend_currency: { type: 'string', nullable: true, description: 'currency of the spend facts (the cost rows: USD)' },
  prior_month_gross_spend: { type: 'double', nullable: true, description: "billed AWS spend of aws_account_id in spend_month before credits, discounts, refunds and tax; null = no billing data for the account, or the account is not the customer's (aws_account_owner)" },
  prior_month_net_spend: { type: 'double', nullable: true, description: 'the same after credits, SPP/other discounts and refunds, without tax' },
  customer_aws_account_ids: { type: 'list<string>', nullable: false, description: "aws_account_id plus every other account of its owner, the customer (Odoo's AWS-account records of that partner); empty when aws_account_id is not the customer's" },
  customer_prior_month_gross_spend: { type: 'double', nullable: true, description: 'gross spend in spend_month over customer_aws_account_ids (null when prior_month_gross_spend is)' },
  customer_prior_month_net_spend: { type: 'double', nullable: true, description: 'net spend in spend_month over customer_aws_account_ids' },
  match_status: { type: 'string', nullable: false, description: "the matcher's decision: 'matched', 'review', 'no_match', or 'none' (not matched yet)" },
  match_confidence: { type: 'double', nullable: true, description: "the matcher's calibrated probability for its match or proposal (0–1); null before the matcher ran" },
  match_decided_by: { type: 'string', nullable: true, description: "'auto' or 'analyst'" },
  matched_odoo_id: { type: 'int', nullable: true, description: 'Odoo crm_lead id of the match or proposal' },
  matched_odoo_name: { type: 'string', nullable: true, description: 'name of that Odoo opportunity' },
  exact_domain_match: { type: 'bool', nullable: false, description: "the ACE customer's registered domain equals the matched CRM opportunity's" },
  name_similarity: { type: 'double', nullable: false, description: 'trigram similarity (Jaccard, 0–1) of the folded company names of the ACE and the matched CRM opportunity; 0 without a match' },
  other_open_opportunity_ids: { type: 'list<string>', nullable: false, description: 'other open ACE opportunities of the same customer (same account id, registered domain, normalized name or CRM customer)' },
  other_open_close_gaps: { type: 'list<int>', nullable: false, description: 'for each of those, |its target close − this target close| in days (same order)' },
  end_user_reporting_completed: { type: 'bool', nullable: true, description: 'end-user reporting completed in the CRM; null: not in the data today' },
  government_advising: { type: 'bool', nullable: true, description: "the ACE export's government-advising answer; null where the field does not exist" },
} as const satisfies Record<string, FactDef>;

export type FactName = keyof typeof FACT_DEFS;
export const FACT_NAMES = Object.keys(FACT_DEFS) as FactName[];

type TsOf<T extends FactType> = T extends 'string' ? string : T extends 'int' | 'double' ? number : T extends 'bool' ? boolean : T extends 'list<string>' ? string[] : number[];
type FactValue<D extends FactDef> = D['nullable'] extends true ? TsOf<D['type']> | null : TsOf<D['type']>;

/** One ACE opportunity's facts (JSON-safe). */
export type PodFacts = { [K in FactName]: FactValue<(typeof FACT_DEFS)[K]> };

function zodOf(d: FactDef): z.ZodType {
  const base = d.type === 'string' ? z.string()
    : d.type === 'int' ? z.number().int()
      : d.type === 'double' ? z.number().finite()
        : d.type === 'bool' ? z.boolean()
          : d.type === 'list<string>' ? z.array(z.string()) : z.array(z.number().int());
  return d.nullable ? base.nullable() : base;
}

/** Parses facts read back from storage or fixtures (unknown keys refused: a typo is an error). */
export const podFactsSchema = z.strictObject(
  Object.fromEntries(Object.entries(FACT_DEFS).map(([k, d]) => [k, zodOf(d)])) as Record<FactName, z.ZodType>,
) as unknown as z.ZodType<PodFacts>;

/** A fact value as the CEL evaluator wants it (ints as BigInt). */
export function toCelValue(type: FactType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'int') return BigInt(v as number);
  if (type === 'list<int>') return (v as number[]).map((x) => BigInt(x));
  return v;
}
