/**
 * Company-name templates of spec §4.3 and the small helpers every entity needs (domains, people, streets).
 */
import type { Rng } from '../rng';
import type { Template, Person } from '../model';
import { country, type Country } from '../reference/countries';
import { CIVIC, FIRST_NAMES, INDUSTRY_SECTOR, ROOTS, SURNAMES, listFor, nounsFor, type Lang } from '../text/names-latin';
import { scriptName } from '../text/names-script';
import { syllableRoot } from '../text/syllables';
import { hyphenSlug, slug, transliterate } from '../text/translit';

export type NameDraw = {
  template: Template;
  base: string;
  baseLatin: string;
  root: string;
  noun: string | null;
  form: string;
  shortName: string;
  person: { first: string; last: string } | null;
};

/** Curated roots are used once each among customers; `used` tracks them across entities. */
export function drawRoot(rng: Rng, lang: Lang, used: Set<string>): string {
  const curated = (ROOTS[lang] ?? []).filter((r) => !used.has(r));
  if (curated.length > 0 && rng.chance(0.3)) {
    const r = rng.pick(curated);
    used.add(r);
    return r;
  }
  return syllableRoot(rng);
}

export function drawNoun(rng: Rng, lang: Lang, industry: string): string {
  return rng.pick(nounsFor(lang, INDUSTRY_SECTOR[industry] ?? 'services'));
}

export function drawPersonName(rng: Rng, lang: Lang): { first: string; last: string } {
  return { first: rng.pick(listFor(FIRST_NAMES, lang)), last: rng.pick(listFor(SURNAMES, lang)) };
}

const INDIVIDUAL_TRADES: Partial<Record<Lang, string[]>> = {
  de: ['IT-Beratung', 'IT-Service', 'Softwareentwicklung', 'Consulting', 'IT'],
  en: ['Consulting', 'IT Services', 'Digital', 'Software'],
};

/** Draws a name for the template; `forced` wins over the §4.3 template weights. */
export function drawName(rng: Rng, c: Country, industry: string, used: Set<string>, forced: Template | null): NameDraw {
  const lang = c.lang;
  const form = c.forms[0] ?? '';
  if (!forced && (lang === 'ja' || lang === 'zh' || lang === 'ko' || lang === 'el' || lang === 'ar')) {
    const s = scriptName(lang, (n) => rng.int(0, n - 1), rng.next());
    if (s) {
      const baseLatin = `${s.root} ${s.noun}`;
      return { template: 'script', base: s.native, baseLatin, root: s.root, noun: s.noun, form: s.form, shortName: s.root, person: null };
    }
  }
  const template: Template =
    forced ??
    rng.weighted<Template>([
      ['root_noun', 55], ['root_only', 20], ['surnames', 8], ['civic', CIVIC[lang] ? 7 : 0], ['one_word', 6], ['acronym', 4],
    ]);
  const noun = drawNoun(rng, lang, industry);
  switch (template) {
    case 'individual': {
      const person = drawPersonName(rng, lang);
      const trade = rng.pick(INDIVIDUAL_TRADES[lang] ?? INDIVIDUAL_TRADES.en ?? ['Consulting']);
      const style = rng.int(0, 2);
      const who = style === 0 ? `Dr. ${person.first} ${person.last}` : style === 1 ? `${person.first} ${person.last}` : `${person.first.charAt(0)}. ${person.last}`;
      const base = `${who} ${trade}`;
      return { template, base, baseLatin: transliterate(base), root: person.last, noun: trade, form: '', shortName: `${person.first} ${person.last}`, person };
    }
    case 'civic': {
      const civic = CIVIC[lang] ?? CIVIC.en;
      const city = rng.pick(c.cities).name.replace(/ \(.*\)$/, '');
      const usePrefix = (civic?.prefix.length ?? 0) > 0 && (rng.chance(0.7) || (civic?.suffix.length ?? 0) === 0);
      const base = usePrefix ? `${rng.pick(civic?.prefix ?? ['City of'])} ${city}` : `${city} ${rng.pick(civic?.suffix ?? ['Authority'])}`;
      return { template, base, baseLatin: transliterate(base), root: city, noun: null, form: lang === 'de' ? 'GmbH' : '', shortName: base, person: null };
    }
    case 'surnames': {
      const a = rng.pick(listFor(SURNAMES, lang));
      const b = rng.pick(listFor(SURNAMES, lang).filter((x) => x !== a));
      const base = rng.chance(0.6) ? `${a} & ${b}` : `${a} ${noun}`;
      return { template, base, baseLatin: transliterate(base), root: a, noun, form, shortName: base, person: null };
    }
    case 'one_word': {
      const root = drawRoot(rng, lang, used);
      const base = `${root}${noun.split(' ')[0]?.toLowerCase() ?? ''}`;
      return { template, base, baseLatin: transliterate(base), root, noun: null, form, shortName: base, person: null };
    }
    case 'acronym': {
      const letters = 'ABCDEFGHIKLMNOPRSTVW';
      const aaa = Array.from({ length: 3 }, () => rng.pick([...letters])).join('');
      const base = `${aaa} ${noun}`;
      return { template, base, baseLatin: transliterate(base), root: aaa, noun, form, shortName: aaa, person: null };
    }
    case 'root_only': {
      const root = drawRoot(rng, lang, used);
      return { template, base: root, baseLatin: transliterate(root), root, noun: null, form, shortName: root, person: null };
    }
    default: {
      const root = drawRoot(rng, lang, used);
      const base = `${root} ${noun}`;
      return { template: 'root_noun', base, baseLatin: transliterate(base), root, noun, form, shortName: root, person: null };
    }
  }
}

export function joinName(base: string, form: string): string {
  return form ? `${base} ${form}` : base;
}

/** Domain per spec §4.3: slug of root(+noun), hyphen 15%, local TLD 60% / .com 40%. */
export function drawDomain(rng: Rng, c: Country, root: string, noun: string | null): string {
  const words = noun && rng.chance(0.5) ? `${root} ${noun}` : root;
  const label = rng.chance(0.15) ? hyphenSlug(words) : slug(words);
  const tld = c.code === 'US' || rng.chance(0.4) ? 'com' : c.tld;
  return `${label || 'company'}.${tld}`;
}

export const GENERIC_MAIL = ['gmail.com', 'outlook.com', 'gmx.de', 'web.de', 'yahoo.co.uk', 'qq.com', 'naver.com', 'hotmail.com', 'icloud.com'];
export const TYPO_MAIL = ['gmai.com', 'gamil.com', 'gmial.com', 'gmail.con', 'gmail.com '];

const TITLES = ['CTO', 'Head of IT', 'IT Manager', 'CIO', 'Cloud Architect', 'Procurement Manager', 'CFO', 'Head of Infrastructure', 'DevOps Lead', 'Managing Director', 'Data Engineer', 'IT-Leiter'];

export function localPart(rng: Rng, first: string, last: string): string {
  const f = slug(first);
  const l = slug(last);
  return rng.weighted([[`${f}.${l}`, 55], [`${f.charAt(0)}.${l}`, 20], [`${f.charAt(0)}${l}`, 15], [f, 10]]);
}

export function phoneFor(rng: Rng, c: Country): string {
  const digits = Array.from({ length: 9 }, () => rng.int(0, 9)).join('');
  return rng.chance(0.7) ? `${c.phone} ${digits.slice(0, 3)} ${digits.slice(3)}` : `${c.phone}${digits}`;
}

/** People of a company; emails per spec §4.5 (entity domain 85%, generic 8%, group 5%, typo 2%). */
export function drawPeople(rng: Rng, c: Country, n: number, domain: string | null, groupDomain: string | null): Person[] {
  const out: Person[] = [];
  for (let i = 0; i < n; i++) {
    const { first, last } = drawPersonName(rng, c.lang === 'ja' || c.lang === 'zh' || c.lang === 'ko' ? c.lang : c.lang);
    const lp = localPart(rng, first, last);
    const kind = rng.weighted([['own', 85], ['generic', 8], ['group', 5], ['typo', 2]] as const);
    const d = kind === 'generic' || !domain ? rng.pick(GENERIC_MAIL) : kind === 'group' && groupDomain ? groupDomain : kind === 'typo' ? rng.pick(TYPO_MAIL) : domain;
    out.push({ first, last, email: `${lp}@${d}`, phone: phoneFor(rng, c), title: rng.pick(TITLES) });
  }
  return out;
}

const STREETS: Partial<Record<Lang, string[]>> = {
  de: ['Hauptstraße', 'Bahnhofstraße', 'Industriestraße', 'Am Hafen', 'Gartenweg', 'Schillerstraße', 'Königsallee'],
  fr: ['rue de la Paix', 'avenue Victor Hugo', 'boulevard Haussmann', 'rue du Commerce'],
  en: ['Market Street', 'High Street', 'Park Avenue', 'Station Road', 'Harbour Way', 'Main Street'],
  es: ['Calle Mayor', 'Avenida de la Constitución', 'Calle del Prado'],
  it: ['Via Roma', 'Corso Italia', 'Via Garibaldi'],
};

export function drawStreet(rng: Rng, lang: Lang): string {
  const names = STREETS[lang] ?? STREETS.en ?? ['Main Street'];
  const no = rng.int(1, 180);
  return lang === 'de' || lang === 'es' || lang === 'it' ? `${rng.pick(names)} ${no}` : `${no} ${rng.pick(names)}`;
}

export function countryOf(code: string): Country {
  return country(code);
}
