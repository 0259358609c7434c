/**
 * Company name normalization for matching (spec §4.6 operators, Appendix A legal forms, Appendix C
 * transliteration): the same company written by two systems should give the same `normalized` (readable
 * key) or at least the same `fold` (aggressive key).
 *
 * Invariants:
 * - Pure and deterministic: same input and country → same output, on every platform.
 * - `normalized` is lower-case ASCII words separated by one space, without legal form, punctuation or "the".
 *   German-speaking countries (and unknown ones) spell umlauts ae/oe/ue (Müller → mueller), others drop the
 *   mark (Güneş → gunes). Non-Latin scripts are transliterated with any-ascii after their legal forms
 *   (株式会社, 有限公司, 주식회사 …) are removed.
 * - `fold` also removes spaces and "and", and folds ae/oe/ue to a/o/u, so "Mueller", "Müller" and "Muller"
 *   agree whatever the country.
 * - A legal form is only stripped when at least one other word remains ("AG" alone stays "ag").
 */
import anyAscii from 'any-ascii';
import { LEGAL_FORMS, PREFIX_FORMS, SCRIPT_FORMS } from './legal-forms';

export type NormalizedCompanyName = {
  normalized: string;
  fold: string;
  /** the legal form found at the end (or start) of the name, as conventionally written, e.g. "GmbH & Co. KG" */
  legalForm: string | null;
};

const GERMANIC = new Set(['DE', 'AT', 'CH', 'LI', 'LU']);
const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'SS' };
const PLACEHOLDER = /^(n\/?a|tbd|tba|none|null|unknown|test|-+|\?+|\.+)$/i;

/** ASCII transliteration; umlauts as ae/oe/ue for German-speaking (or unknown) countries. */
export function asciiFold(text: string, country?: string | null): string {
  let t = text.normalize('NFKC');
  if (!country || GERMANIC.has(country.toUpperCase())) t = t.replace(/[äöüÄÖÜßẞ]/g, (c) => UMLAUTS[c] as string);
  return anyAscii(t);
}

/** Lower-case word tokens: dots, slashes and apostrophes join ("S.p.A." → "spa"), '&'/'+' mean "and". */
export function nameTokens(ascii: string): string[] {
  return ascii
    .toLowerCase()
    .replace(/[.'’`´/]/g, '')
    .replace(/[&+]/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

type Form = { tokens: string[]; label: string; byCountry: Map<string, string> };

function buildForms(): { suffixes: Form[]; prefixes: Form[] } {
  const build = (entries: readonly (readonly [string | null, string])[]): Form[] => {
    const byKey = new Map<string, Form>();
    for (const [country, label] of entries) {
      // Each form also as written without umlaut expansion ("haftungsbeschrankt").
      for (const foldCountry of [country, 'XX']) {
        const tokens = nameTokens(asciiFold(label, foldCountry)).map((t) => (t === 'und' ? 'and' : t));
        if (tokens.length === 0) continue;
        const key = tokens.join(' ');
        const form = byKey.get(key) ?? { tokens, label, byCountry: new Map<string, string>() };
        if (country && !form.byCountry.has(country)) form.byCountry.set(country, label);
        byKey.set(key, form);
      }
    }
    // Longest first, so "gmbh and co kg" wins over "kg".
    return [...byKey.values()].sort((a, b) => b.tokens.length - a.tokens.length);
  };
  const suffixes = build(Object.entries(LEGAL_FORMS).flatMap(([c, forms]) => forms.map((f) => [c, f] as const)));
  const prefixes = build(PREFIX_FORMS.map((f) => [null, f] as const));
  return { suffixes, prefixes };
}

const FORMS = buildForms();
const SCRIPT_FORM_RE = new RegExp(`(${SCRIPT_FORMS.map((f) => f.replace(/[()]/g, '\\$&')).join('|')})`, 'g');

function endsWith(tokens: readonly string[], form: readonly string[]): boolean {
  if (tokens.length <= form.length) return false;
  const off = tokens.length - form.length;
  return form.every((t, i) => tokens[off + i] === t);
}

function startsWith(tokens: readonly string[], form: readonly string[]): boolean {
  return tokens.length > form.length && form.every((t, i) => tokens[i] === t);
}

/** Removes legal forms at the end (repeatedly: "Acme Holding GmbH & Co. KG") and at the start. */
function stripLegalForms(input: string[], country: string | null): { tokens: string[]; legalForm: string | null } {
  let tokens = input;
  let legalForm: string | null = null;
  for (let changed = true; changed; ) {
    changed = false;
    // A dangling "and" (from "Smith & Co." once "co" is gone) or a leading "the" carry no identity.
    if (tokens.length > 1 && tokens[tokens.length - 1] === 'and') {
      tokens = tokens.slice(0, -1);
      changed = true;
    }
    if (tokens.length > 1 && tokens[0] === 'the') {
      tokens = tokens.slice(1);
      changed = true;
    }
    const suffix = FORMS.suffixes.find((f) => endsWith(tokens, f.tokens));
    if (suffix) {
      tokens = tokens.slice(0, tokens.length - suffix.tokens.length);
      legalForm ??= (country ? suffix.byCountry.get(country) : undefined) ?? suffix.label;
      changed = true;
    }
    const prefix = FORMS.prefixes.find((f) => startsWith(tokens, f.tokens));
    if (prefix) {
      tokens = tokens.slice(prefix.tokens.length);
      legalForm ??= prefix.label;
      changed = true;
    }
  }
  return { tokens, legalForm };
}

/** Aggressive key: no spaces, no "and", umlaut spellings folded (mueller/muller → muller). */
export function foldTokens(tokens: readonly string[]): string {
  return tokens
    .filter((t) => t !== 'and')
    .join('')
    .replace(/([aou])e/g, '$1');
}

/** Normalizes a company name; null when there is no usable name (empty, "n/a", "-" …). */
export function normalizeCompanyName(name: string | null | undefined, country?: string | null): NormalizedCompanyName | null {
  if (name == null) return null;
  const trimmed = name.normalize('NFKC').trim();
  if (trimmed === '' || PLACEHOLDER.test(trimmed)) return null;
  // Non-Latin legal forms go before transliteration: any-ascii would turn 株式会社 into "ZhuShiHuiShe".
  let scriptForm: string | null = null;
  const withoutScriptForms = trimmed.replace(SCRIPT_FORM_RE, (m) => {
    scriptForm ??= m;
    return ' ';
  });
  const base = withoutScriptForms.trim() === '' ? trimmed : withoutScriptForms;
  const tokens = nameTokens(asciiFold(base, country)).map((t) => (t === 'und' ? 'and' : t));
  if (tokens.length === 0) return null;
  const stripped = stripLegalForms(tokens, country ? country.toUpperCase() : null);
  return {
    normalized: stripped.tokens.join(' '),
    fold: foldTokens(stripped.tokens),
    legalForm: scriptForm ?? stripped.legalForm,
  };
}
