/**
 * Transliteration (spec Appendix C) and slugs for domains.
 * Two variants where the spec lists two: 'expand' (ä→ae, ø→oe, å→aa) and 'strip' (ä→a, ø→o, å→a).
 * Non-Latin scripts are never machine-transliterated: entities carry a stored Latin alias.
 */

const COMMON: Record<string, string> = {
  ß: 'ss', é: 'e', è: 'e', ê: 'e', ë: 'e', É: 'E', È: 'E', à: 'a', â: 'a', À: 'A', ç: 'c', Ç: 'C', ñ: 'n', Ñ: 'N',
  ã: 'a', õ: 'o', ł: 'l', Ł: 'L', ż: 'z', ź: 'z', Ż: 'Z', Ź: 'Z', ś: 's', Ś: 'S', ą: 'a', ę: 'e', ć: 'c', ń: 'n',
  ó: 'o', Ó: 'O', č: 'c', Č: 'C', ř: 'r', Ř: 'R', š: 's', Š: 'S', ž: 'z', Ž: 'Z', ý: 'y', á: 'a', Á: 'A', í: 'i',
  ú: 'u', ů: 'u', ğ: 'g', ş: 's', Ş: 'S', ı: 'i', İ: 'I', ő: 'o', ű: 'u', æ: 'ae', Æ: 'Ae', đ: 'd', Đ: 'D',
  ô: 'o', î: 'i', ï: 'i', û: 'u', ù: 'u', œ: 'oe', ì: 'i', ò: 'o', ē: 'e', ā: 'a',
};

const EXPAND: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', å: 'aa', Å: 'Aa', ø: 'oe', Ø: 'Oe' };
const STRIP: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', Ä: 'A', Ö: 'O', Ü: 'U', å: 'a', Å: 'A', ø: 'o', Ø: 'O' };

export type TranslitVariant = 'expand' | 'strip';

export function transliterate(text: string, variant: TranslitVariant = 'expand'): string {
  const special = variant === 'expand' ? EXPAND : STRIP;
  let out = '';
  for (const ch of text) out += special[ch] ?? COMMON[ch] ?? ch;
  // Whatever is left (Vietnamese stacked marks, rare accents): strip combining marks.
  return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** true when the text has any character outside printable ASCII */
export function isNonAscii(text: string): boolean {
  return /[^\u0020-\u007e]/.test(text);
}

/** true when the text has letters outside the Latin script (kana, hanzi, hangul, Greek, Arabic …) */
export function isNonLatin(text: string): boolean {
  return /[\u0370-\u03ff\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(text);
}

/** Lower-case ASCII slug of letters and digits (domain labels): "Müller & Söhne" → "muellersoehne". */
export function slug(text: string, variant: TranslitVariant = 'expand'): string {
  return transliterate(text, variant)
    .toLowerCase()
    .replace(/&/g, '')
    .replace(/[^a-z0-9]+/g, '');
}

/** Hyphenated slug: "Nordlicht Logistik" → "nordlicht-logistik". */
export function hyphenSlug(text: string, variant: TranslitVariant = 'expand'): string {
  return transliterate(text, variant)
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
