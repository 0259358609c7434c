/**
 * Comparisons of an ACE and an Odoo prepared record, each returning a level: 0 = strongest agreement, then
 * weaker ones, the last = disagreement; -1 = not comparable (a side lacks the value), which carries no
 * evidence (weight 0). Two stages (see fellegi-sunter.ts): company comparisons say "same customer",
 * deal comparisons say "same deal of that customer".
 *
 * Invariant: pure and total; every function returns an integer in [-1, levels.length - 1].
 */
import { containment, editDistance, isAcronymOf, jaroWinkler, trigramSimilarity } from './strings';
import type { NameKey, Prepared } from './types';

export type Stage = 'company' | 'deal';

/** Corpus statistics the comparisons need (token rarity). */
export type CompareContext = {
  /** inverse document frequency of a name token (higher = rarer); unknown tokens are rare */
  nameIdf(token: string): number;
  /** the same for deal words */
  dealIdf(token: string): number;
  /** Odoo lead ids of the company an Odoo record belongs to (explicit references to a sibling lead) */
  companyLeads(o: Prepared): ReadonlySet<number>;
  /** embedding similarities of a pair (ACE key, Odoo key), when the semantic signal is on */
  similarity?: (ace: string, odoo: string) => { dense: number | null; sparse: number | null } | undefined;
};

export type Comparison = {
  id: string;
  label: string;
  stage: Stage;
  levels: readonly string[];
  compare(a: Prepared, o: Prepared, ctx: CompareContext): number;
};

/** A token at least this rare identifies a company by itself ("nordlicht", not "logistik"). */
const DISTINCTIVE_IDF = 4.0;

function weighted(tokens: Iterable<string>, idf: (t: string) => number): number {
  let s = 0;
  for (const t of tokens) s += idf(t);
  return s;
}

/** IDF-weighted Jaccard of two names' token sets and whether a shared token is distinctive. */
function overlap(a: NameKey, b: NameKey, idf: (t: string) => number): { jaccard: number; containment: number; distinctive: boolean } {
  const shared: string[] = [];
  for (const t of a.tokenSet) if (b.tokenSet.has(t)) shared.push(t);
  if (shared.length === 0) return { jaccard: 0, containment: 0, distinctive: false };
  const ws = weighted(shared, idf);
  const wa = weighted(a.tokenSet, idf);
  const wb = weighted(b.tokenSet, idf);
  return { jaccard: ws / (wa + wb - ws), containment: ws / Math.min(wa, wb), distinctive: shared.some((t) => idf(t) >= DISTINCTIVE_IDF) };
}

export const NAME_LEVELS = ['exact', 'fold', 'reordered', 'one_edit', 'two_edits', 'acronym', 'contained', 'overlap_high', 'overlap_low', 'different'] as const;

/** Best level over every pair of name spellings. */
export function nameLevel(as: readonly NameKey[], os: readonly NameKey[], idf: (t: string) => number): number {
  if (as.length === 0 || os.length === 0) return -1;
  let best = NAME_LEVELS.length - 1;
  for (const a of as) {
    for (const b of os) {
      if (best === 0) return 0;
      if (a.normalized === b.normalized) {
        best = 0;
        continue;
      }
      if (a.fold === b.fold && a.fold.length > 0) {
        best = Math.min(best, 1);
        continue;
      }
      if (a.tokenSet.size === b.tokenSet.size && a.tokens.every((t) => b.tokenSet.has(t))) {
        best = Math.min(best, 2);
        continue;
      }
      if (best <= 3) continue;
      const len = Math.min(a.fold.length, b.fold.length);
      const d = len >= 5 ? editDistance(a.fold, b.fold, 2) : 3;
      if (d === 1) {
        best = Math.min(best, 3);
        continue;
      }
      if ((d === 2 && len >= 8) || (len >= 6 && jaroWinkler(a.fold, b.fold) >= 0.96)) {
        best = Math.min(best, 4);
        continue;
      }
      if (best <= 5) continue;
      const aShort = a.tokens.length === 1 ? (a.tokens[0] as string) : '';
      const bShort = b.tokens.length === 1 ? (b.tokens[0] as string) : '';
      if ((aShort && isAcronymOf(aShort, b.tokens)) || (bShort && isAcronymOf(bShort, a.tokens))) {
        best = Math.min(best, 5);
        continue;
      }
      if (best <= 6) continue;
      const o = overlap(a, b, idf);
      if (o.distinctive && containment(a.tokenSet, b.tokenSet) === 1) best = Math.min(best, 6);
      else if (o.distinctive && o.jaccard >= 0.5) best = Math.min(best, 7);
      else if ((o.distinctive && o.jaccard >= 0.2) || trigramSimilarity(a.fold, b.fold) >= 0.45) best = Math.min(best, 8);
    }
  }
  return best;
}

/** Does the Odoo opportunity's title name the ACE customer (its distinctive words)? */
function titleLevel(a: Prepared, o: Prepared, ctx: CompareContext): number {
  if (o.titleTokens.size === 0 || a.names.length === 0) return -1;
  let best = 2;
  for (const n of a.names) {
    const distinctive = n.tokens.filter((t) => ctx.nameIdf(t) >= DISTINCTIVE_IDF);
    if (distinctive.length === 0) continue;
    const hits = distinctive.filter((t) => o.titleTokens.has(t)).length;
    if (hits === distinctive.length) return 0;
    if (hits > 0) best = 1;
  }
  return best;
}

function domainLevel(a: Prepared, o: Prepared): number {
  if (a.domains.length === 0 || o.domains.length === 0) return -1;
  if (a.domains.some((d) => o.domains.includes(d))) return 0;
  if (a.domainLabels.some((d) => d.length >= 3 && o.domainLabels.includes(d))) return 1;
  for (const x of a.domainLabels) {
    for (const y of o.domainLabels) {
      if (Math.min(x.length, y.length) >= 4 && (x.startsWith(y) || y.startsWith(x) || jaroWinkler(x, y) >= 0.92)) return 2;
    }
  }
  return 3;
}

function accountLevel(a: Prepared, o: Prepared): number {
  if (a.accounts.length === 0 || o.accounts.length === 0) return -1;
  if (a.accounts.some((x) => o.accounts.includes(x))) return 0;
  if (a.accounts.some((x) => o.accounts.some((y) => editDistance(x, y, 1) <= 1))) return 1;
  return 2;
}

function countryLevel(a: Prepared, o: Prepared): number {
  if (!a.country || !o.country) return -1;
  return a.country === o.country ? 0 : 1;
}

function contactLevel(a: Prepared, o: Prepared): number {
  if ((a.emails.length === 0 && a.people.length === 0) || (o.emails.length === 0 && o.people.length === 0)) return -1;
  if (a.emails.some((e) => o.emails.includes(e))) return 0;
  if (a.people.some((p) => o.people.includes(p))) return 1;
  return 2;
}

/** An ACE record naming a lead of this Odoo record's company (the lead itself or a sibling). */
function xrefLevel(a: Prepared, o: Prepared, ctx: CompareContext): number {
  const odooNamesAce = o.aceRefs.length > 0;
  if (a.leadRefs.length === 0 && !odooNamesAce) return -1;
  if (a.leadRefs.some((id) => o.leadRefs.includes(id)) || a.aceRefs.some((id) => o.aceRefs.includes(id))) return 0;
  const siblings = ctx.companyLeads(o);
  if (a.leadRefs.some((id) => siblings.has(id))) return 1;
  return a.leadRefs.length > 0 ? 2 : -1;
}

function crmRefLevel(a: Prepared, o: Prepared): number {
  const aceNames = a.leadRefs.length > 0;
  const odooNames = o.aceRefs.length > 0;
  if (!aceNames && !odooNames) return -1;
  if (a.leadRefs.some((id) => o.leadRefs.includes(id)) || a.aceRefs.some((id) => o.aceRefs.includes(id))) return 0;
  return 1;
}

function workloadLevel(a: Prepared, o: Prepared, ctx: CompareContext): number {
  if (a.dealTokens.size === 0 || o.dealTokens.size === 0) return -1;
  let shared = 0;
  let total = 0;
  for (const t of a.dealTokens) {
    const w = ctx.dealIdf(t);
    total += w;
    if (o.dealTokens.has(t)) shared += w;
  }
  const c = total > 0 ? shared / total : 0;
  return c >= 0.99 ? 0 : c >= 0.5 ? 1 : c > 0 ? 2 : 3;
}

const DAY = 86_400_000;

function createdLevel(a: Prepared, o: Prepared): number {
  if (a.created == null || o.created == null) return -1;
  const d = Math.abs(a.created - o.created) / DAY;
  return d <= 7 ? 0 : d <= 30 ? 1 : d <= 90 ? 2 : d <= 365 ? 3 : 4;
}

function closeLevel(a: Prepared, o: Prepared): number {
  if (a.close == null || o.close == null) return -1;
  const d = Math.abs(a.close - o.close) / DAY;
  return d < 1 ? 0 : d <= 30 ? 1 : d <= 90 ? 2 : 3;
}

function amountLevel(a: Prepared, o: Prepared): number {
  if (a.amounts.length === 0 || o.amounts.length === 0) return -1;
  const near = (x: number, y: number) => Math.abs(x - y) <= Math.max(1, 0.005 * Math.max(x, y));
  for (const m of a.amounts) for (const v of o.amounts) if (near(v, m) || near(v, 12 * m)) return 0;
  return 1;
}

function stageLevel(a: Prepared, o: Prepared): number {
  if (!a.stage || !o.stage) return -1;
  return a.stage === o.stage ? 0 : 1;
}

export const COMPARISONS: readonly Comparison[] = [
  { id: 'name', label: 'Company name', stage: 'company', levels: NAME_LEVELS, compare: (a, o, ctx) => nameLevel(a.names, o.names, ctx.nameIdf) },
  { id: 'title', label: 'Customer named in the Odoo title', stage: 'company', levels: ['all_words', 'some_words', 'none'], compare: titleLevel },
  { id: 'domain', label: 'Registered domain', stage: 'company', levels: ['same', 'same_label', 'similar', 'different'], compare: domainLevel },
  { id: 'aws_account', label: 'AWS account id', stage: 'company', levels: ['shared', 'one_digit_apart', 'different'], compare: accountLevel },
  { id: 'country', label: 'Country', stage: 'company', levels: ['same', 'different'], compare: countryLevel },
  { id: 'contact', label: 'Customer contact', stage: 'company', levels: ['same_email', 'same_person', 'different'], compare: contactLevel },
  { id: 'xref', label: 'CRM id typed in ACE', stage: 'company', levels: ['this_lead', 'sibling_lead', 'other_lead'], compare: xrefLevel },
  { id: 'crm_ref', label: 'Explicit cross-reference', stage: 'deal', levels: ['names_this', 'names_other'], compare: crmRefLevel },
  { id: 'workload', label: 'Deal title / workload', stage: 'deal', levels: ['all_words', 'most_words', 'some_words', 'none'], compare: workloadLevel },
  { id: 'created', label: 'Created dates', stage: 'deal', levels: ['within_7d', 'within_30d', 'within_90d', 'within_1y', 'further'], compare: createdLevel },
  { id: 'close', label: 'Close dates', stage: 'deal', levels: ['same_day', 'within_30d', 'within_90d', 'further'], compare: closeLevel },
  { id: 'amount', label: 'Amounts', stage: 'deal', levels: ['consistent', 'different'], compare: amountLevel },
  { id: 'stage', label: 'Pipeline stage', stage: 'deal', levels: ['consistent', 'different'], compare: stageLevel },
];

export const COMPANY_COMPARISONS = COMPARISONS.filter((c) => c.stage === 'company');
export const DEAL_COMPARISONS = COMPARISONS.filter((c) => c.stage === 'deal');

/** Levels of every comparison for one pair, in COMPARISONS order. */
export function compareAll(a: Prepared, o: Prepared, ctx: CompareContext, list: readonly Comparison[] = COMPARISONS): Int8Array {
  const out = new Int8Array(list.length);
  list.forEach((c, i) => (out[i] = c.compare(a, o, ctx)));
  return out;
}
