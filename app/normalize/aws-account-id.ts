/**
 * AWS account ids as people type them (spec §4.7): 12-digit strings, with leading zeros that an int cast
 * drops, dashes or spaces ("1234-5678-9012", "1234 5678 9012"), two ids in one field, aliases
 * ("acme_prod", allowed by the ACE API's `\w{1,12}`), placeholders ("N/A", "TBD", "new account").
 *
 * Invariants:
 * - `ids` only ever holds 12-digit strings; their order is the order in the field, without duplicates.
 * - 'ok' = already a bare 12-digit id; 'reformatted' = separators removed; 'padded' = 9–11 digits whose
 *   leading zeros were lost (restored); 'multiple' = two or more ids; 'alias' = a \w{1,12} word that is not
 *   an id; 'placeholder' / 'missing' = no id intended; 'malformed' = anything else (flagged by quality).
 */

export type AwsAccountIdStatus = 'ok' | 'reformatted' | 'padded' | 'multiple' | 'alias' | 'placeholder' | 'missing' | 'malformed';
export type AwsAccountIdResult = { ids: string[]; status: AwsAccountIdStatus; alias: string | null };

const PLACEHOLDER = /^(n\/?a|tbd|tba|tbc|none|null|unknown|new|new account|pending|not yet|-+|\?+|\.+|x+|0+)$/i;
const AWS_ID = /^\d{12}$/;

export function isAwsAccountId(value: string | null | undefined): boolean {
  return value != null && AWS_ID.test(value);
}

type Part = { id: string | null; status: AwsAccountIdStatus; alias: string | null };

function one(raw: string): Part {
  const t = raw.trim();
  if (t === '') return { id: null, status: 'missing', alias: null };
  if (PLACEHOLDER.test(t)) return { id: null, status: 'placeholder', alias: null };
  const digits = t.replace(/[\s\-.‐‑–]/g, '');
  if (/^\d+$/.test(digits)) {
    if (digits.length === 12) return { id: digits, status: digits === t ? 'ok' : 'reformatted', alias: null };
    if (digits.length >= 9 && digits.length < 12) return { id: digits.padStart(12, '0'), status: 'padded', alias: null };
    return { id: null, status: 'malformed', alias: null };
  }
  // The API allows \w{1,12}; legacy rows also carry hyphenated console aliases ("halle-prod").
  if (/^[A-Za-z_][\w-]{0,39}$/.test(t) && /[A-Za-z]/.test(t)) return { id: null, status: 'alias', alias: t };
  return { id: null, status: 'malformed', alias: null };
}

/** Normalizes one free-text account id field. */
export function normalizeAwsAccountId(value: string | null | undefined): AwsAccountIdResult {
  if (value == null) return { ids: [], status: 'missing', alias: null };
  const text = value.normalize('NFKC').trim();
  if (text === '' || PLACEHOLDER.test(text)) return { ids: [], status: text === '' ? 'missing' : 'placeholder', alias: null };
  let parts = text.split(/\s*[,;/|&+]\s*|\s+(?:and|und)\s+/i).filter((p) => p.trim() !== '');
  // "123456789012 210987654321": whitespace separates ids only when every piece is id-sized.
  if (parts.length === 1) {
    const ws = text.split(/\s+/);
    if (ws.length > 1 && ws.every((w) => /^\d{9,12}$/.test(w))) parts = ws;
  }
  if (parts.length <= 1) {
    const p = one(parts[0] ?? '');
    return { ids: p.id ? [p.id] : [], status: p.status, alias: p.alias };
  }
  const results = parts.map(one);
  const ids = [...new Set(results.flatMap((r) => (r.id ? [r.id] : [])))];
  if (ids.length >= 2) return { ids, status: 'multiple', alias: null };
  if (ids.length === 1) {
    // One id plus noise ("123456789012 / TBD"): the id stands, the field is still not clean.
    const only = results.find((r) => r.id) as Part;
    const others = results.filter((r) => !r.id);
    const clean = others.every((r) => r.status === 'placeholder' || r.status === 'missing');
    return { ids, status: clean ? (only.status === 'ok' ? 'reformatted' : only.status) : 'malformed', alias: null };
  }
  const alias = results.find((r) => r.status === 'alias');
  if (alias && results.every((r) => r.status === 'alias' || r.status === 'placeholder')) return { ids: [], status: 'alias', alias: alias.alias };
  return { ids: [], status: results.every((r) => r.status === 'placeholder' || r.status === 'missing') ? 'placeholder' : 'malformed', alias: null };
}
