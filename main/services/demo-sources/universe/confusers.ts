/**
 * Hard-negative confusers (spec §4.8): for a sampled target entity, a different real company whose
 * records look like the target's. Confusers live in ACE only; the labelled pair is
 * (confuser's ACE opportunity, target's Odoo lead) — or the AWS vendor partner for HN10.
 */
import { stream, type Rng } from '../rng';
import type { EntityRec } from '../model';
import type { HnFamily } from '../scale';
import { countryOf, drawPeople, drawStreet, joinName, localPart } from './naming';
import { drawCountry, INDUSTRIES } from './entities';
import { nounsFor, INDUSTRY_SECTOR } from '../text/names-latin';
import { typo } from '../text/ops';
import { hyphenSlug, slug, transliterate } from '../text/translit';
import type { HnPlan } from './plan';

const SUPERSET = ['Capital Partners', 'Digital Solutions', 'Consulting Group', 'Medical Systems', 'Logistics Services', 'Real Estate Holding'];
const LETTER_WORDS: Record<string, string[]> = {
  A: ['Arctic', 'Alpine', 'Atlas'], B: ['Blue', 'Bright', 'Bay'], C: ['Consulting', 'Capital', 'Cloud'], D: ['Delta', 'Digital', 'Data'],
  E: ['Eagle', 'East', 'Energy'], F: ['Fox', 'First', 'Foods'], G: ['Green', 'Global', 'Group'], H: ['Harbor', 'High', 'Health'],
  I: ['Iron', 'Inter', 'Industries'], K: ['Key', 'King', 'Kinetics'], L: ['Lake', 'Lion', 'Logistics'], M: ['Maple', 'Metro', 'Media'],
  N: ['North', 'Nova', 'Networks'], O: ['Oak', 'Ocean', 'Outfitters'], P: ['Pine', 'Prime', 'Partners'], R: ['River', 'Red', 'Resources'],
  S: ['Silver', 'Star', 'Systems'], T: ['Tower', 'True', 'Technologies'], V: ['Valley', 'Vertex', 'Ventures'], W: ['West', 'Wave', 'Works'],
};
const AWSISH: [string, string, string][] = [
  ['Amazonas Turismo', 'Ltda.', 'BR'], ['Cloud Nine Travel', 'Ltd', 'GB'], ['Amazonia Logistics', 'S.A.', 'BR'], ['Prime Web Services', 'LLC', 'US'],
  ['Nimbus Web Services', 'GmbH', 'DE'], ['Amazon River Foods', 'Ltda.', 'BR'], ['Amazone Mode', 'GmbH', 'DE'], ['AWS Wheel Systems', 'Inc.', 'US'],
  ['Cloudway Web Services', 'Inc.', 'US'], ['Amazonia Seguros', 'S.A.', 'BR'],
];
const OTHER_COUNTRY: Record<string, string> = { GB: 'US', US: 'GB', DE: 'AT', AT: 'CH', CH: 'DE', FR: 'BE', BE: 'FR', IE: 'GB', AU: 'GB', CA: 'US' };

function editCity(rng: Rng, city: string): string {
  const s = rng.pick(['in', 'e', 'n', 'burg'].map((x) => `${city}${x}`).concat([city.slice(0, -1)]).filter((x) => x.length >= 3 && x !== city));
  return s;
}

export function buildConfuser(seed: string, hn: HnPlan, target: EntityRec | null, vendorName: string): EntityRec {
  const rng = stream(seed, `entity|${hn.confuserId}`);
  const f: HnFamily = hn.family;
  const t = target;
  let c = t ? countryOf(t.countryCode) : drawCountry(rng, { template: null, rebrand: false, aws: false, latinOnly: true });
  let industry = t?.industry ?? rng.weighted(INDUSTRIES);
  let base = '';
  let form = c.forms[0] ?? '';
  let root = '';
  let noun: string | null = null;
  let domain: string | null = null;
  let individual = false;
  let person: { first: string; last: string } | null = null;
  let groupName: string | null = null;
  let groupDomain: string | null = null;
  let groupId = hn.confuserId;
  let acronym: string | null = null;
  if (f === 'HN1' && t) {
    // same root, different business
    const other = INDUSTRIES.map(([i]) => i).filter((i) => INDUSTRY_SECTOR[i] !== INDUSTRY_SECTOR[t.industry]);
    industry = rng.pick(other);
    root = t.root;
    const nouns = nounsFor(t.lang, INDUSTRY_SECTOR[industry] ?? 'software').filter((n) => n !== t.noun);
    noun = nouns.length > 0 ? rng.pick(nouns) : rng.pick(['Software', 'Consulting', 'Media', 'Foods'].filter((n) => n !== t.noun));
    base = `${root} ${noun}`;
    form = t.legalForm;
    domain = `${hyphenSlug(base)}.${c.tld}`;
  } else if (f === 'HN2' && t) {
    c = countryOf(OTHER_COUNTRY[t.countryCode] ?? (t.countryCode === 'US' ? 'GB' : 'US'));
    industry = rng.weighted(INDUSTRIES);
    root = t.root;
    noun = t.noun;
    base = t.baseLatin;
    form = c.forms[0] ?? '';
    domain = `${slug(root)}${rng.pick(['sys', 'group', 'hq', 'global', 'inc'])}.${c.code === 'US' ? 'com' : c.tld}`;
  } else if (f === 'HN3' && t) {
    const city = t.root;
    const edited = editCity(rng, city);
    base = t.base.replace(city, edited);
    root = edited;
    form = t.legalForm;
    domain = `${hyphenSlug(base)}.${c.tld}`;
  } else if (f === 'HN4' && t) {
    root = t.root;
    noun = rng.pick(SUPERSET);
    base = `${root} ${noun}`;
    form = t.legalForm;
    industry = rng.weighted(INDUSTRIES);
    domain = `${slug(base)}.${c.tld}`;
  } else if (f === 'HN5' && t) {
    const letters = [...(t.acronym ?? t.root)].slice(0, 3);
    base = letters.map((l) => rng.pick(LETTER_WORDS[l] ?? [`${l}ex`])).join(' ');
    acronym = letters.join('');
    root = base.split(' ')[0] ?? base;
    c = countryOf(rng.pick(['GB', 'US', 'IE', 'DE']));
    form = c.forms[0] ?? '';
    industry = 'Professional Services';
    domain = `${slug(base)}.com`;
  } else if (f === 'HN6' && t) {
    let r = t.root;
    for (let i = 0; i < 10 && (r === t.root || r.length < 4); i++) r = typo(t.root, rng) ?? `${t.root}q`;
    root = r.charAt(0).toUpperCase() + r.slice(1);
    noun = t.noun;
    base = noun ? `${root} ${noun}` : root;
    form = t.legalForm;
    domain = `${slug(root)}.${rng.pick(['io', 'com', c.tld])}`;
  } else if (f === 'HN7' && t) {
    individual = true;
    const p = t.person ?? { first: 'Markus', last: t.root };
    const first = rng.pick(['Markus', 'Martin', 'Michael', 'Maria', 'Monika', 'Max']).replace(/^./, p.first.charAt(0));
    person = { first: p.first.charAt(0) === first.charAt(0) ? first : p.first, last: p.last };
    base = `${person.first} ${person.last} ${rng.pick(['Consulting', 'IT-Service', 'Software'])}`;
    root = person.last;
    form = '';
    domain = null;
  } else if (f === 'HN9' && t) {
    root = t.root;
    noun = t.noun;
    const others = c.cities.filter((x) => !t.base.includes(x.name)).map((x) => x.name);
    const city = others.length > 0 ? rng.pick(others) : `${c.cities[0]?.name ?? 'City'} ${rng.pick(['Nord', 'West', 'East', 'Central'])}`;
    base = `${root} ${noun} ${city}`;
    form = t.legalForm;
    domain = t.primaryDomain;
  } else if (f === 'HN10') {
    const pick = AWSISH[(Number(hn.confuserId.slice(1)) + rng.int(0, 3)) % AWSISH.length] as [string, string, string];
    c = countryOf(pick[2]);
    base = pick[0];
    form = pick[1];
    root = base.split(' ')[0] ?? base;
    industry = base.includes('Travel') || base.includes('Turismo') ? 'Travel' : rng.weighted(INDUSTRIES);
    domain = `${slug(base)}.${c.tld}`;
  } else if (f === 'HN11' && t) {
    // B is now called what A used to be called
    const former = t.formerNames[0] ?? `${t.root} Classic ${t.legalForm}`;
    c = countryOf(OTHER_COUNTRY[t.countryCode] ?? t.countryCode);
    form = t.legalForm;
    base = former.endsWith(` ${form}`) ? former.slice(0, -form.length - 1) : former;
    root = base.split(' ')[0] ?? base;
    domain = `${slug(base)}${rng.pick(['pay', 'group', ''])}.${rng.pick(['ie', 'com', c.tld])}`;
  } else if (f === 'HN12' && t) {
    c = countryOf(rng.pick(['NL', 'FR', 'ES', 'IT', 'SE', 'PL'].filter((x) => x !== t.countryCode)));
    root = t.root;
    noun = t.noun;
    base = `${t.shortName} ${c.localName}`;
    form = c.forms[0] ?? '';
    groupName = t.groupName;
    groupDomain = t.groupDomain;
    groupId = t.groupId;
    domain = `${hyphenSlug(t.shortName)}.${c.tld}`;
  } else {
    // HN8 (and any family without a usable target): an unrelated company that owns an AWS account.
    c = drawCountry(rng, { template: null, rebrand: false, aws: true, latinOnly: true });
    root = rng.pick(['Greyrock', 'Silverfern', 'Tidewater', 'Brackenridge', 'Coldbrook', 'Marlowe', 'Ashcombe', 'Kestrel']);
    noun = rng.pick(nounsFor(c.lang, INDUSTRY_SECTOR[industry] ?? 'retail'));
    base = `${root} ${noun} ${hn.confuserId.slice(-3)}`.replace(/ \d+$/, '');
    form = c.forms[0] ?? '';
    domain = `${slug(base)}.${c.code === 'US' ? 'com' : c.tld}`;
  }
  const baseLatin = transliterate(base);
  const people = drawPeople(rng, c, 1 + rng.poisson(1.5), individual ? null : domain, groupDomain);
  if (person && people[0]) people[0] = { ...people[0], first: person.first, last: person.last, email: `${localPart(rng, person.first, person.last)}@gmail.com` };
  return {
    entityId: hn.confuserId,
    groupId,
    canonicalName: joinName(base, form),
    canonicalNameLatin: joinName(baseLatin, form),
    shortName: f === 'HN5' && acronym ? acronym : root,
    acronym,
    legalForm: form,
    countryCode: c.code,
    industry,
    primaryDomain: domain,
    otherDomains: [],
    formerNames: [],
    rebrandDate: null,
    isIndividual: individual,
    kind: 'confuser',
    lang: c.lang,
    base,
    baseLatin,
    root,
    noun,
    template: individual ? 'individual' : f === 'HN12' ? 'group_member' : 'root_noun',
    city: rng.pick(c.cities),
    street: drawStreet(rng, c.lang),
    groupName,
    groupDomain,
    tradingName: null,
    person,
    formerDomain: null,
    pool: 'ace',
    needsAws: f === 'HN8',
    hn: { family: f, targetId: hn.targetId, vendorPartnerName: f === 'HN10' ? vendorName : null },
    people,
  };
}
