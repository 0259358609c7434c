/**
 * Website renderings (spec §4.6): ACE side of linked pairs — same domain in a random format 70%, other TLD
 * 8%, group domain 5%, missing/placeholder 10%, junk 4%, pre-rebrand domain 3%. Odoo has the same mix at
 * lower dirt (missing 25%).
 */
import type { Rng } from '../rng';
import type { EntityRec } from '../model';

export type WebsiteRendering = { value: string | null; op: string };

export function formatDomain(domain: string, rng: Rng): string {
  return rng.weighted([
    [domain, 20], [`www.${domain}`, 20], [`https://www.${domain}/`, 20], [`http://${domain}`, 8], [`https://${domain}/en/`, 6],
    [domain.toUpperCase(), 4], [`${domain}/`, 6], [`${domain} `, 3], [`https://${domain}`, 13],
  ]);
}

const PLACEHOLDERS: (string | null)[] = [null, '', 'n/a', '-', 'TBD'];

function junk(e: EntityRec, domain: string, rng: Rng): string {
  const label = domain.split('.')[0] ?? 'company';
  return rng.pick(['gmail.com', `linkedin.com/company/${label}`, `www.${label}`, `htps://${domain}`, 'facebook.com']) ?? 'gmail.com';
}

export function renderWebsite(e: EntityRec, side: 'ace' | 'odoo', rng: Rng, opts: { stale?: boolean } = {}): WebsiteRendering {
  const domain = e.primaryDomain;
  if (!domain) return rng.chance(0.7) ? { value: null, op: 'missing' } : { value: rng.pick(PLACEHOLDERS), op: 'missing' };
  if (opts.stale && e.formerDomain) return { value: formatDomain(e.formerDomain, rng), op: 'old_domain' };
  const roll = rng.weighted(
    side === 'ace'
      ? ([['same', 70], ['other_tld', 8], ['group', 5], ['missing', 10], ['junk', 4], ['old', 3]] as const)
      : ([['same', 68], ['other_tld', 3], ['group', 2], ['missing', 25], ['junk', 1], ['old', 1]] as const),
  );
  if (roll === 'other_tld' && e.otherDomains[0]) return { value: formatDomain(e.otherDomains[0], rng), op: 'other_tld' };
  if (roll === 'group' && e.groupDomain) return { value: formatDomain(e.groupDomain, rng), op: 'group_domain' };
  if (roll === 'missing') return { value: rng.pick(PLACEHOLDERS), op: 'missing' };
  if (roll === 'junk') return { value: junk(e, domain, rng), op: 'junk' };
  if (roll === 'old' && e.formerDomain) return { value: formatDomain(e.formerDomain, rng), op: 'old_domain' };
  return { value: formatDomain(domain, rng), op: 'same_domain' };
}
