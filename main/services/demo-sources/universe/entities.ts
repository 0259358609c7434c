/**
 * Customer entities (spec §4.3): country, industry, name, domains, groups, rebrands, trading names, people.
 * Invariant: an entity's attributes come from its own stream `entity|<id>`; only name uniqueness looks at
 * entities generated before it (so adding entities never changes earlier ones).
 */
import { stream, type Rng } from '../rng';
import type { EntityRec, Template } from '../model';
import { COUNTRIES, type Country } from '../reference/countries';
import { CIVIC, nounsFor, INDUSTRY_SECTOR } from '../text/names-latin';
import { acronymOf } from '../text/ops';
import { hyphenSlug, slug, transliterate } from '../text/translit';
import { addDays, isoDate, type Clock } from '../dates';
import { countryOf, drawDomain, drawName, drawPeople, drawRoot, drawStreet, joinName, localPart } from './naming';
import type { Forced, GroupPlan, UniversePlan } from './plan';

export const INDUSTRIES: readonly (readonly [string, number])[] = [
  ['Software and Internet', 16], ['Financial Services', 10], ['Manufacturing', 9], ['Retail', 6], ['Healthcare', 6], ['Professional Services', 6],
  ['Transportation and Logistics', 5], ['Media and Entertainment', 4], ['Education', 4], ['Government', 4], ['Energy - Power and Utilities', 3],
  ['Telecommunications', 3], ['Life Sciences', 3], ['Consumer Goods', 3], ['Automotive', 3], ['Travel', 2], ['Hospitality', 2],
  ['Real Estate and Construction', 2], ['Computers and Electronics', 1.5], ['Other', 1.5], ['Non-Profit Organization', 1], ['Gaming', 1],
  ['Marketing and Advertising', 1], ['Wholesale and Distribution', 1], ['Agriculture', 0.5], ['Mining', 0.5], ['Aerospace', 0.5], ['Energy - Oil and Gas', 0.5],
];

const SCRIPT_LANGS = new Set(['ja', 'zh', 'ko', 'el', 'ar']);

export function drawCountry(rng: Rng, forced: Forced | null): Country {
  const pool = COUNTRIES.filter((c) => {
    if (c.share <= 0) return false;
    if (forced?.latinOnly && SCRIPT_LANGS.has(c.lang)) return false;
    if (forced?.template === 'civic' && !CIVIC[c.lang]) return false;
    return true;
  });
  return rng.weighted(pool.map((c) => [c, c.share] as const));
}

const FRANCHISE = ['Fitness', 'Burger', 'Coffee', 'Bäckerei', 'Optik', 'Auto Service', 'Pizza', 'Sprachschule'];

export type EntityContext = { clock: Clock; usedRoots: Set<string>; usedNames: Set<string> };

function groupShape(seed: string, g: GroupPlan, ctx: EntityContext): { root: string; noun: string; industry: string; name: string; domain: string } {
  const rng = stream(seed, `group|${g.index}`);
  const industry = rng.weighted(INDUSTRIES);
  const root = drawRoot(rng, 'en', ctx.usedRoots);
  const noun = rng.pick(nounsFor('en', INDUSTRY_SECTOR[industry] ?? 'services'));
  const name = rng.chance(0.6) ? `${root} ${noun} Group` : `${root} Holding`;
  return { root, noun, industry, name, domain: `${slug(`${root} ${noun}`)}.com` };
}

const MEMBER_QUALIFIER: Record<string, string> = { GB: 'UK', US: 'USA', DE: 'Deutschland', AT: 'Austria', CH: 'Schweiz', FR: 'France', NL: 'Nederland', ES: 'España', IT: 'Italia', SE: 'Sverige', IN: 'India' };

export function buildCustomer(seed: string, id: string, plan: UniversePlan, ctx: EntityContext): EntityRec {
  const rng = stream(seed, `entity|${id}`);
  const forced = plan.forced.get(id) ?? null;
  const group = plan.groupOf.get(id) ?? null;
  let c = drawCountry(rng, forced);
  let industry = rng.weighted(INDUSTRIES);
  const individual = forced?.template === 'individual' || (!forced && !group && rng.chance(0.02));
  let template: Template | null = forced?.template ?? (individual ? 'individual' : null);
  let name;
  let groupName: string | null = null;
  let groupDomain: string | null = null;
  let primaryDomain: string | null;
  if (group) {
    const shape = groupShape(seed, group, ctx);
    if (SCRIPT_LANGS.has(c.lang)) c = countryOf('GB');
    industry = shape.industry;
    groupName = shape.name;
    groupDomain = shape.domain;
    const pos = group.members.indexOf(id);
    const qual = pos === 0 ? rng.pick(['Trading', 'Services', 'Solutions', 'International']) : (MEMBER_QUALIFIER[c.code] ?? c.name);
    let base = `${shape.root} ${shape.noun} ${qual}`;
    if (ctx.usedNames.has(base.toLowerCase())) base = `${base} ${pos + 1}`;
    name = { template: 'group_member' as const, base, baseLatin: transliterate(base), root: shape.root, noun: shape.noun, form: c.forms[0] ?? '', shortName: `${shape.root} ${shape.noun}`, person: null };
    template = 'group_member';
    primaryDomain = `${hyphenSlug(`${shape.root} ${shape.noun}`)}.${c.tld}`;
  } else if (template === 'franchise') {
    const root = drawRoot(rng, c.lang, ctx.usedRoots);
    const noun = rng.pick(FRANCHISE);
    const city = rng.pick(c.cities).name;
    const base = `${root} ${noun} ${city}`;
    name = { template: 'franchise' as const, base, baseLatin: transliterate(base), root, noun, form: c.forms[0] ?? '', shortName: `${root} ${noun}`, person: null };
    primaryDomain = `${slug(`${root} ${noun}`)}.${c.tld}`;
  } else {
    for (let attempt = 0; ; attempt++) {
      name = drawName(rng, c, industry, ctx.usedRoots, template);
      if (!ctx.usedNames.has(name.baseLatin.toLowerCase()) || attempt > 20) break;
    }
    template = name.template;
    primaryDomain = individual ? (rng.chance(0.3) ? `${slug(`${name.person?.first ?? ''}${name.person?.last ?? ''}`)}.${c.tld}` : null)
      : template === 'civic' || template === 'surnames' ? `${hyphenSlug(name.baseLatin)}.${c.tld}` : drawDomain(rng, c, name.root, name.noun);
  }
  ctx.usedNames.add(name.baseLatin.toLowerCase());
  const otherDomains: string[] = [];
  if (primaryDomain && rng.chance(0.1)) otherDomains.push(primaryDomain.replace(/\.[a-z.]+$/, primaryDomain.endsWith('.com') ? `.${c.tld === 'com' ? 'net' : c.tld}` : '.com'));
  if (!group && !individual && template !== 'franchise' && rng.chance(0.05)) primaryDomain = null;
  const canonicalName = joinName(name.base, name.form);
  const canonicalNameLatin = joinName(name.baseLatin, name.form);

  // Rebrands: 3% (+ forced HN11 targets); the old name keeps the noun with another root.
  const formerNames: string[] = [];
  let rebrandDate: string | null = null;
  let formerDomain: string | null = null;
  if (!individual && !group && template !== 'civic' && (forced?.rebrand || rng.chance(0.03))) {
    const oldRoot = drawRoot(rng, c.lang, ctx.usedRoots);
    const oldBase = name.noun ? `${oldRoot} ${name.noun}` : oldRoot;
    formerNames.push(joinName(oldBase, name.form));
    ctx.usedNames.add(transliterate(oldBase).toLowerCase());
    rebrandDate = isoDate(addDays(ctx.clock.asOf, -rng.int(60, 900)));
    if (rng.chance(0.5) || forced?.rebrand) formerDomain = `${slug(oldBase)}.${c.code === 'US' ? 'com' : c.tld}`;
  }
  const tradingName = !individual && rng.chance(0.03) ? `${(acronymOf(`${name.baseLatin} Holding Group`) ?? name.root.slice(0, 3)).slice(0, 3).toUpperCase()} Holding ${name.form}`.trim() : null;
  const nPeople = 1 + rng.poisson(2.5) + (rng.chance(0.5) ? 1 : 0);
  const people = drawPeople(rng, c, nPeople, individual ? null : primaryDomain, groupDomain);
  if (name.person && people[0]) {
    // A sole trader is their own first contact, on a generic mail domain (spec §4.3).
    people[0] = { ...people[0], first: name.person.first, last: name.person.last, email: `${localPart(rng, name.person.first, name.person.last)}@${rng.pick(['gmail.com', 'gmx.de', 'outlook.com'])}` };
  }
  return {
    entityId: id,
    groupId: group ? (group.members[0] as string) : id,
    canonicalName,
    canonicalNameLatin,
    shortName: name.shortName,
    acronym: template === 'acronym' ? name.root : acronymOf(name.baseLatin),
    legalForm: name.form,
    countryCode: c.code,
    industry,
    primaryDomain,
    otherDomains,
    formerNames,
    rebrandDate,
    isIndividual: individual,
    kind: 'customer',
    lang: c.lang,
    base: name.base,
    baseLatin: name.baseLatin,
    root: name.root,
    noun: name.noun,
    template,
    city: rng.pick(c.cities),
    street: drawStreet(rng, c.lang),
    groupName,
    groupDomain,
    tradingName,
    person: name.person,
    formerDomain,
    pool: plan.pool.get(id) ?? 'ace',
    needsAws: forced?.aws ?? false,
    hn: null,
    people,
  };
}
