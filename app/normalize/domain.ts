/**
 * Registered domains from free-text websites and e-mail fields (spec §4.6 website formats, §4.5 e-mails):
 * "https://www.Acme.com/en/", "ACME.COM ", "htps://acme.com", '"John" <john@acme.co.uk>; jane@acme.co.uk'.
 *
 * Invariants:
 * - The result is the registrable domain (public suffix + one label, via tldts' ICANN list), lower-case.
 * - Generic mail providers (gmail, outlook, gmx, web.de, t-online, icloud, proton … and their typo domains
 *   such as gmai.com / gmail.con) and social/profile hosts (linkedin, facebook, xing …) never identify a
 *   company: status 'generic', domain null.
 * - Placeholders ('', 'n/a', '-', 'TBD') are 'missing'; text without a valid public suffix ('www.acme')
 *   is 'invalid'.
 */
import { parse } from 'tldts';

export type DomainStatus = 'ok' | 'generic' | 'missing' | 'invalid';
export type DomainResult = { domain: string | null; status: DomainStatus };

/** Registrable domains of free-mail providers (Odoo's iap mail blacklist, extended) and typo variants. */
const GENERIC_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'outlook.de', 'hotmail.com', 'hotmail.de', 'hotmail.co.uk', 'hotmail.fr', 'live.com', 'live.de',
  'msn.com', 'yahoo.com', 'yahoo.de', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com', 'aol.com', 'aol.de', 'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch',
  'gmx.com', 'web.de', 't-online.de', 'freenet.de', 'arcor.de', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'protonmail.ch',
  'pm.me', 'mail.com', 'email.com', 'qq.com', '163.com', '126.com', 'sina.com', 'naver.com', 'daum.net', 'hanmail.net', 'yandex.ru', 'yandex.com',
  'mail.ru', 'zoho.com', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'libero.it', 'virgilio.it', 'tiscali.it', 'seznam.cz', 'wp.pl',
  'o2.pl', 'interia.pl', 'onet.pl', 'fastmail.com', 'hey.com', 'tutanota.com', 'tuta.io', 'bluewin.ch', 'btinternet.com', 'sky.com',
  'rediffmail.com', 'yahoo.co.in', 'yahoo.co.jp', 'outlook.jp',
  // typo domains seen in CRMs (Odoo iap_tools list)
  'gmai.com', 'gamil.com', 'gmial.com', 'gmail.con', 'gmail.co', 'gmal.com', 'hotmial.com', 'hotmal.com', 'outlok.com', 'yahooo.com',
]);

/** Second-level labels that are a mail provider under any public suffix (yahoo.es, hotmail.it, gmx.fr …). */
const GENERIC_LABELS = new Set(['gmail', 'googlemail', 'yahoo', 'hotmail', 'outlook', 'live', 'gmx', 'icloud', 'aol', 'protonmail', 'yandex', 'ymail']);

/** Hosts of profiles and link pages, not of the company itself. */
const PROFILE_DOMAINS = new Set([
  'linkedin.com', 'facebook.com', 'fb.com', 'xing.com', 'twitter.com', 'x.com', 'instagram.com', 'youtube.com', 'github.com', 'crunchbase.com',
  'google.com', 'goo.gl', 'bit.ly', 'wixsite.com', 'linktr.ee',
]);

const PLACEHOLDER = /^(n\/?a|tbd|tba|none|null|unknown|-+|\?+|\.+|x+|no website|keine)$/i;

/** Is this registrable domain a free-mail or profile host (never a company's own domain)? */
export function isGenericDomain(domain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (GENERIC_DOMAINS.has(d) || PROFILE_DOMAINS.has(d)) return true;
  const label = d.split('.')[0] ?? '';
  return GENERIC_LABELS.has(label);
}

function fromHost(host: string): DomainResult {
  const h = host.trim().toLowerCase().replace(/\.+$/, '');
  if (h === '') return { domain: null, status: 'missing' };
  if (GENERIC_DOMAINS.has(h)) return { domain: null, status: 'generic' }; // typo domains have no valid suffix
  const p = parse(h, { allowPrivateDomains: false });
  if (p.isIp || !p.domain || !p.isIcann) return { domain: null, status: 'invalid' };
  return isGenericDomain(p.domain) ? { domain: null, status: 'generic' } : { domain: p.domain, status: 'ok' };
}

/** The registered domain of a website field. */
export function domainFromWebsite(website: string | null | undefined): DomainResult {
  if (website == null) return { domain: null, status: 'missing' };
  let w = website.normalize('NFKC').trim();
  if (w === '' || PLACEHOLDER.test(w)) return { domain: null, status: 'missing' };
  if (w.includes('@') && !/^[a-z]+:\/\//i.test(w)) return domainFromEmail(w);
  // Scheme typos ("htps://", "http//", "https:/") and missing schemes: keep only what follows.
  w = w.replace(/^[a-z]{2,6}:?\/\/?/i, '');
  const host = w.split(/[/?#\s]/)[0]?.replace(/:\d+$/, '') ?? '';
  return fromHost(host);
}

/** Addresses in an e-mail field: bare, `"Name" <addr>`, several separated by , ; or spaces. */
export function emailAddresses(field: string): string[] {
  const out: string[] = [];
  for (const m of field.matchAll(/[^\s<>"',;()]+@[^\s<>"',;()]+/g)) out.push(m[0].toLowerCase());
  return out;
}

/** The registered domain of the first company address in an e-mail field (generic addresses skipped). */
export function domainFromEmail(field: string | null | undefined): DomainResult {
  if (field == null) return { domain: null, status: 'missing' };
  const addrs = emailAddresses(field.normalize('NFKC'));
  if (addrs.length === 0) return { domain: null, status: field.trim() === '' || PLACEHOLDER.test(field.trim()) ? 'missing' : 'invalid' };
  let sawGeneric = false;
  for (const a of addrs) {
    const r = fromHost(a.slice(a.lastIndexOf('@') + 1));
    if (r.status === 'ok') return r;
    if (r.status === 'generic') sawGeneric = true;
  }
  return { domain: null, status: sawGeneric ? 'generic' : 'invalid' };
}

/** Website first, else the e-mail: the domain a record most credibly identifies itself with. */
export function registeredDomain(website: string | null | undefined, email?: string | null): DomainResult {
  const w = domainFromWebsite(website);
  if (w.status === 'ok' || email == null) return w;
  const e = domainFromEmail(email);
  return e.status === 'ok' ? e : w.status === 'missing' ? e : w;
}
