/**
 * Customer re-billing terms (spec §3.3, §5.6): sticky per customer, drawn from `terms|<partnerId>`.
 * pass_through 55% · discount_pct 20% (1–4%) · markup_pct 12% (3/5/8/10%) · cost_plus 8% (6–12% on net cost)
 * · fixed_fee 5%; 10% of customers change rule once. Plus how SP/RI benefits, support and managed fees are billed.
 */
import { stream } from '../rng';
import type { BillingCustomer } from '../universe-types';

export type PricingRule = 'pass_through' | 'discount_pct' | 'markup_pct' | 'cost_plus' | 'fixed_fee';

export type RuleTerms = { rule: PricingRule; pct: number };

export type CustomerTerms = {
  first: RuleTerms;
  /** rule from month index `at` on (10% of customers) */
  change: { at: number; terms: RuleTerms } | null;
  /** 'list': covered usage billed at list, partner keeps the SP/RI saving; 'fee': the recurring fee is passed through */
  commitmentBilling: 'list' | 'fee';
  /** AWS support included in the price (not billed) — a main source of negative months */
  supportUnbilled: boolean;
  managedFee: { minUsd: number; pct: number; productCode: string } | null;
  /** invoice shows a line_section per AWS account */
  sections: boolean;
  /** flat monthly price multiplier over the customer's median list spend (fixed_fee) */
  fixedFeeFactor: number;
  paymentTermDays: number;
};

function drawRule(r: ReturnType<typeof stream>): RuleTerms {
  const rule = r.weighted([['pass_through', 55], ['discount_pct', 20], ['markup_pct', 12], ['cost_plus', 8], ['fixed_fee', 5]] as const);
  const pct =
    rule === 'discount_pct' ? r.pick([1, 1.5, 2, 2.5, 3, 4]) : rule === 'markup_pct' ? r.pick([3, 5, 8, 10]) : rule === 'cost_plus' ? r.pick([6, 8, 10, 12]) : 0;
  return { rule, pct };
}

export function customerTerms(seed: string, customer: BillingCustomer, accountCount: number, months: number): CustomerTerms {
  const r = stream(seed, `terms|${customer.partnerId}`);
  const first = drawRule(r);
  const changes = r.chance(0.1);
  const at = r.int(1, Math.max(1, months - 2));
  const second = drawRule(r);
  const commitmentBilling = r.chance(0.7) ? 'list' : 'fee';
  const supportUnbilled = r.chance(0.06);
  const hasFee = r.chance(0.3);
  const tier = r.weighted([[0, 40], [1, 40], [2, 20]] as const);
  const minUsd = r.pick([150, 250, 500]);
  const sections = r.chance(accountCount > 1 ? 0.6 : 0.15);
  const fixedFeeFactor = r.uniform(1.15, 1.35);
  const paymentTermDays = customer.countryCode === 'US' ? r.pick([15, 30, 45]) : r.chance(0.85) ? 30 : r.pick([15, 45]);
  return {
    first,
    change: changes ? { at, terms: second.rule === first.rule ? { rule: 'pass_through', pct: 0 } : second } : null,
    commitmentBilling,
    supportUnbilled,
    managedFee: hasFee ? { minUsd, pct: [5, 8, 10][tier] as number, productCode: ['MS-BRONZE', 'MS-SILVER', 'MS-GOLD'][tier] as string } : null,
    sections,
    fixedFeeFactor,
    paymentTermDays,
  };
}

export function termsAt(terms: CustomerTerms, m: number): RuleTerms {
  return terms.change && m >= terms.change.at ? terms.change.terms : terms.first;
}

/** Price factor applied to list amounts for the percentage rules. */
export function listFactor(t: RuleTerms): number {
  if (t.rule === 'discount_pct') return 1 - t.pct / 100;
  if (t.rule === 'markup_pct') return 1 + t.pct / 100;
  return 1;
}
