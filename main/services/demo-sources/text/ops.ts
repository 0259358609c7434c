/**
 * Primitive string operators behind the name variations of spec §4.6 (Appendix A/B/C).
 * Each returns null when it does not apply, so the caller can draw another operator.
 */
import type { Rng } from '../rng';
import { transliterate, isNonAscii, isNonLatin } from './translit';

/** Legal-form variant groups (Appendix A); forms in one group are interchangeable renderings. */
const FORM_GROUPS: string[][] = [
  ['Inc.', 'Inc', 'Incorporated', 'LLC', 'L.L.C.', 'Corp.', 'Corporation'],
  ['Ltd', 'Ltd.', 'Limited'],
  ['PLC', 'plc'],
  ['GmbH', 'GmbH & Co. KG', 'Gesellschaft mit beschränkter Haftung'],
  ['AG', 'Aktiengesellschaft'],
  ['Co., Ltd.', 'Co., Ltd', 'Company Limited', 'Co. Ltd', 'K.K.'],
  ['Pvt. Ltd.', 'Private Limited', 'Pvt Ltd'],
  ['Pty Ltd', 'Pty. Ltd.', 'Proprietary Limited'],
  ['Pte. Ltd.', 'Pte Ltd', 'Private Limited'],
  ['B.V.', 'BV'],
  ['S.L.', 'SL', 'S.L.U.'],
  ['S.r.l.', 'Srl', 'S.R.L.'],
  ['S.p.A.', 'SpA'],
  ['Sp. z o.o.', 'sp. z o.o.', 'Sp.z.o.o.'],
  ['s.r.o.', 'spol. s r.o.'],
  ['A.Ş.', 'AS', 'Anonim Şirketi'],
  ['SAS', 'S.A.S.'],
  ['SARL', 'S.A.R.L.', 'Sàrl'],
  ['Ltda.', 'Ltda', 'Limitada'],
  ['S.A. de C.V.', 'SA de CV'],
  ['A/S', 'AS'],
  ['AB', 'Aktiebolag'],
  ['Oy', 'Oyj'],
  ['LLC', 'L.L.C.', 'FZ-LLC'],
];

export function swapForm(form: string, rng: Rng): string | null {
  const groups = FORM_GROUPS.filter((g) => g.includes(form));
  const options = [...new Set(groups.flat())].filter((f) => f !== form);
  return options.length > 0 ? rng.pick(options) : null;
}

/** Appendix B dictionary (long ↔ short). */
const ABBREVIATIONS: [string, string][] = [
  ['Corporation', 'Corp'], ['Incorporated', 'Inc'], ['Company', 'Co'], ['Limited', 'Ltd'], ['International', 'Intl'],
  ['Technologies', 'Tech'], ['Technology', 'Tech'], ['Manufacturing', 'Mfg'], ['Services', 'Svcs'], ['Solutions', 'Sol.'],
  ['Systems', 'Sys'], ['Management', 'Mgmt'], ['Holdings', 'Hldgs'], ['Brothers', 'Bros'], ['Associates', 'Assoc'],
  ['Laboratories', 'Labs'], ['Pharmaceuticals', 'Pharma'], ['Gesellschaft', 'Ges.'], ['and', '&'], ['Saint', 'St'],
  ['Mount', 'Mt'], ['University', 'Univ.'], ['Engineering', 'Eng.'], ['Logistics', 'Log.'], ['Software', 'SW'],
];

export function abbreviate(name: string, rng: Rng): string | null {
  const options: string[] = [];
  for (const [long, short] of ABBREVIATIONS) {
    const longRe = new RegExp(`\\b${escape(long)}\\b`);
    const shortRe = new RegExp(`(^|\\s)${escape(short)}(?=\\s|$)`);
    if (longRe.test(name)) options.push(name.replace(longRe, short));
    else if (shortRe.test(name)) options.push(name.replace(shortRe, `$1${long}`));
  }
  return options.length > 0 ? rng.pick(options) : null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function acronymOf(words: string): string | null {
  const caps = words.split(/\s+/).filter((w) => /^[A-ZÄÖÜ]/.test(w) && w.length > 1);
  return caps.length >= 3 ? caps.map((w) => w.charAt(0)).join('').toUpperCase() : null;
}

/** case / space / punctuation variants */
export function casePunct(name: string, rng: Rng): string {
  const variants = [
    name.toUpperCase(),
    name.toLowerCase(),
    `${name.replace(/ /, '  ')} `,
    name.replace(/[.,]/g, ''),
    name.includes('&') ? name.replace('&', 'and') : name.replace(/ and /, ' & '),
    name.replace(/\b(\p{L})(\p{L}*)/gu, (_m, a: string, b: string) => a.toUpperCase() + b.toLowerCase()),
  ].filter((v) => v !== name);
  return variants.length > 0 ? rng.pick(variants) : name.toUpperCase();
}

export function translit(name: string, rng: Rng): string | null {
  if (!isNonAscii(name) || isNonLatin(name)) return null;
  const out = transliterate(name, rng.chance(0.6) ? 'expand' : 'strip');
  return out === name ? null : out;
}

const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function neighbour(ch: string, rng: Rng): string {
  const lower = ch.toLowerCase();
  for (let r = 0; r < KEYBOARD.length; r++) {
    const row = KEYBOARD[r] ?? '';
    const i = row.indexOf(lower);
    if (i < 0) continue;
    const cands = [row[i - 1], row[i + 1], KEYBOARD[r - 1]?.[i], KEYBOARD[r + 1]?.[i]].filter((x): x is string => !!x);
    const out = rng.pick(cands);
    return ch === lower ? out : out.toUpperCase();
  }
  return 'e';
}

/** One keyboard typo (substitution, deletion, insertion, transposition); names ≥ 6 letters only. */
export function typo(name: string, rng: Rng): string | null {
  const letters = [...name].map((ch, i) => ({ ch, i })).filter((x) => /[a-z]/i.test(x.ch));
  if (letters.length < 6) return null;
  const chars = [...name];
  // never in the first letter for 80% of typos
  const pool = rng.chance(0.8) ? letters.slice(1) : letters;
  const at = rng.pick(pool).i;
  const kind = rng.weighted([['sub', 3], ['del', 3], ['ins', 2], ['swap', 2]] as const);
  const ch = chars[at] ?? 'e';
  if (kind === 'sub') chars[at] = neighbour(ch, rng);
  else if (kind === 'del') chars.splice(at, 1);
  else if (kind === 'ins') chars.splice(at, 0, neighbour(ch, rng));
  else {
    const next = chars[at + 1];
    if (next === undefined || !/[a-z]/i.test(next) || next === ch) chars.splice(at, 1);
    else [chars[at], chars[at + 1]] = [next, ch];
  }
  const out = chars.join('');
  return out === name ? null : out;
}

export function wordOrder(name: string, rng: Rng): string | null {
  let m = /^Bank of (.+)$/.exec(name);
  if (m) return `${m[1]} Bank`;
  m = /^(.+) Bank$/.exec(name);
  if (m) return `Bank of ${m[1]}`;
  m = /^The (.+)$/.exec(name);
  if (m?.[1]) return m[1];
  m = /^(\S+) & (\S+)(.*)$/.exec(name);
  if (m) return `${m[2]} & ${m[1]}${m[3]}`;
  if (/ Group$/.test(name) && rng.chance(0.5)) return `The ${name}`;
  return null;
}
