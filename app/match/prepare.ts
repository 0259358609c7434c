/**
 * Turns ACE and Odoo opportunity rows into prepared records: every company-name spelling a record carries
 * (with the common renderings split apart: "ABC (Arctic Blue Consulting)", "Nordlicht Logistik - Data Lake
 * Migration", "Schmidt, Anna"), registered domains from websites and e-mails, AWS account ids, the words
 * that describe the deal, dates, amounts and explicit cross-references.
 *
 * Invariant: total on any input (nulls, empty strings, any script, any length); never throws.
 */
import { parse } from 'tldts';
import { asciiFold, domainFromEmail, domainFromWebsite, emailAddresses, isAwsAccountId, nameTokens, normalizeCompanyName } from '../normalize';
import { initials } from './strings';
import type { AceOpportunityInput, NameKey, OdooOpportunityInput, Prepared } from './types';

/** Longest name we look at: names beyond it are cut (a pasted document is not a company name). */
const MAX_NAME = 300;
const MAX_TEXT = 4000;

const STOP = new Set([
  'a', 'an', 'and', 'the', 'of', 'for', 'on', 'in', 'at', 'to', 'with', 'by', 'de', 'du', 'des', 'la', 'le', 'der', 'die', 'das', 'und', 'von', 'fur',
  'del', 'il', 'p', 'br', 'div', 'span', 'nbsp', 'amp',
]);

function nameKey(text: string, country: string | null): NameKey | null {
  const n = normalizeCompanyName(text.slice(0, MAX_NAME), country);
  if (!n || n.normalized === '') return null;
  const tokens = n.normalized.split(' ').filter((t) => t.length > 0);
  return { normalized: n.normalized, fold: n.fold, tokens, tokenSet: new Set(tokens), initials: initials(tokens) };
}

/** The spellings a company-name field may hide: the whole, and the parts people glue together. */
export function nameVariants(text: string | null | undefined): string[] {
  if (text == null) return [];
  const t = text.normalize('NFKC').slice(0, MAX_NAME).trim();
  if (t === '') return [];
  const out = [t];
  // "ABC (Arctic Blue Consulting)" / "Nordlicht (Germany)"
  const paren = /^(.*?)\s*[([]([^)\]]+)[)\]]\s*(.*)$/.exec(t);
  if (paren) {
    const outside = `${paren[1] ?? ''} ${paren[3] ?? ''}`.trim();
    if (outside) out.push(outside);
    if (paren[2]?.trim()) out.push(paren[2].trim());
  }
  // "Nordlicht Logistik - Data Lake Migration", "Nordlicht Logistik GmbH – IT"
  const dash = t.split(/\s+[-–—|:]\s+/);
  if (dash.length > 1 && dash[0]) out.push(dash[0]);
  // "Schmidt, Anna" → "Anna Schmidt" (two plain words around one comma)
  const comma = /^([^\s,]+),\s*([^\s,]+)$/.exec(t);
  if (comma) out.push(`${comma[2]} ${comma[1]}`);
  return out;
}

/** The pieces of an opportunity title that may be the customer: around dashes, slashes, in brackets. */
function titleParts(title: string): string[] {
  const t = title.slice(0, MAX_NAME);
  const parts = t.split(/\s+[-–—|:/]\s+|[()[\]]/).map((x) => x.replace(/^\s*\[?aws\]?\s*/i, '').trim()).filter((x) => x.length > 1);
  return [...parts, t];
}

function names(fields: readonly (string | null | undefined)[], country: string | null): NameKey[] {
  const out: NameKey[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    for (const v of nameVariants(f)) {
      const k = nameKey(v, country);
      if (k && !seen.has(k.normalized)) {
        seen.add(k.normalized);
        out.push(k);
      }
    }
  }
  return out;
}

function domainLabel(domain: string): string {
  const p = parse(domain, { allowPrivateDomains: false });
  return (p.domainWithoutSuffix ?? domain).replace(/[-_.]/g, '');
}

function uniq<T>(xs: readonly (T | null | undefined)[]): T[] {
  return [...new Set(xs.filter((x): x is T => x != null))];
}

function domains(websites: readonly (string | null)[], emails: readonly (string | null)[], given: string | null): string[] {
  const out: (string | null)[] = [given];
  for (const w of websites) out.push(domainFromWebsite(w).domain);
  for (const e of emails) {
    if (e == null) continue;
    for (const a of emailAddresses(e.slice(0, MAX_TEXT))) out.push(domainFromEmail(a).domain);
  }
  return uniq(out);
}

function emails(fields: readonly (string | null)[]): string[] {
  return uniq(fields.flatMap((f) => (f == null ? [] : emailAddresses(f.slice(0, MAX_TEXT)))));
}

function person(text: string | null): string[] {
  if (text == null) return [];
  const tokens = nameTokens(asciiFold(text.slice(0, MAX_NAME)));
  if (tokens.length < 2) return [];
  return [[...tokens].sort().join(' ')];
}

/** Deal words of free text, without stop words, digits-only words and the company's own words. */
function dealTokens(texts: readonly (string | null)[], company: readonly NameKey[]): Set<string> {
  // The company's own words: those of its minimal spellings ("Nordlicht Logistik", not the leaked title
  // "Nordlicht Logistik - Data Lake Migration", whose deal words must stay).
  const minimal = company.filter((n) => !company.some((m) => m !== n && m.tokenSet.size < n.tokenSet.size && m.tokens.every((t) => n.tokenSet.has(t))));
  const own = new Set(minimal.flatMap((n) => n.tokens));
  const out = new Set<string>();
  for (const t of texts) {
    if (t == null) continue;
    const plain = t.slice(0, MAX_TEXT).replace(/<[^>]*>/g, ' ');
    for (const w of nameTokens(asciiFold(plain))) {
      if (w.length < 2 || STOP.has(w) || own.has(w) || /^\d+$/.test(w)) continue;
      out.add(w);
    }
  }
  return out;
}

function finite(x: number | null): number | null {
  return x != null && Number.isFinite(x) ? x : null;
}

const ACE_ID = /\bO\d{7,10}\b/g;

export function prepareOdoo(r: OdooOpportunityInput): Prepared {
  const country = r.countryCode ? r.countryCode.toUpperCase() : null;
  let company = names([r.companyName, r.leadPartnerName, r.partnerName, r.commercialPartnerName], country);
  // No company on the opportunity at all: its title is the only place that names the customer.
  if (company.length === 0) company = names(titleParts(r.name), country);
  const desc = r.description ? r.description.slice(0, MAX_TEXT) : null;
  const merged = desc ? [...desc.matchAll(/Merged with #(\d{1,9})/gi)].map((m) => Number(m[1])) : [];
  const aceRefs = uniq([r.aceRef, ...(desc ? desc.match(ACE_ID) ?? [] : []), ...(r.referred ? r.referred.match(ACE_ID) ?? [] : [])]);
  const doms = domains([r.website, r.partnerWebsite], [r.emailFrom, r.partnerEmail], r.normalizedDomain);
  const status = r.status === 'won' || r.status === 'lost' ? r.status : r.status ? 'open' : null;
  return {
    key: String(r.sourceId),
    names: company,
    domains: doms,
    domainLabels: uniq(doms.map(domainLabel)),
    accounts: uniq(r.awsAccountIds.filter((a) => isAwsAccountId(a))),
    country,
    emails: emails([r.emailFrom, r.partnerEmail]),
    people: person(r.contactName),
    titleTokens: new Set(nameTokens(asciiFold(r.name.slice(0, MAX_NAME))).filter((t) => !STOP.has(t) && t.length > 1)),
    dealTokens: dealTokens([r.name, desc], company),
    created: finite(r.created),
    close: finite(r.deadline),
    amounts: uniq([finite(r.expectedRevenue), finite(r.recurringMonthly)]).filter((x) => x > 0),
    stage: status,
    leadRefs: uniq([r.sourceId, ...merged]),
    aceRefs,
    companyId: r.commercialPartnerId != null ? String(r.commercialPartnerId) : null,
  };
}

function aceStage(stage: string | null, status: string | null): Prepared['stage'] {
  const s = (stage ?? '').toLowerCase();
  if (s === 'launched') return 'won';
  if (s === 'closed lost' || (status ?? '').toLowerCase() === 'rejected') return 'lost';
  return stage || status ? 'open' : null;
}

export function prepareAce(r: AceOpportunityInput): Prepared {
  const country = r.countryCode ? r.countryCode.toUpperCase() : null;
  const company = names([r.accountName, r.endUserCompanyName], country);
  const doms = domains([r.website], [r.customerEmail], r.normalizedDomain);
  return {
    key: r.sourceId,
    names: company,
    domains: doms,
    domainLabels: uniq(doms.map(domainLabel)),
    accounts: uniq(r.awsAccountIds.filter((a) => isAwsAccountId(a))),
    country,
    emails: emails([r.customerEmail]).filter((e) => !e.includes('*')),
    people: person(r.customerName),
    titleTokens: new Set<string>(),
    dealTokens: dealTokens([r.name], company),
    created: finite(r.created),
    close: finite(r.targetClose),
    amounts: finite(r.mrr) != null && (r.mrr as number) > 0 ? [r.mrr as number] : [],
    stage: aceStage(r.stage, r.status),
    leadRefs: r.partnerCrmLeadId != null && Number.isFinite(r.partnerCrmLeadId) ? [r.partnerCrmLeadId] : [],
    aceRefs: [r.sourceId],
    companyId: null,
  };
}
