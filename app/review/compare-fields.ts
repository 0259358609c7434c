/**
 * ACE vs Odoo side by side: pairs the two records' fields by key and says which differ, after the
 * normalizations an analyst would apply by eye (case, spacing, punctuation, a leading "www.", legal
 * suffixes are NOT dropped: "Acme Inc" vs "Acme GmbH" is a difference worth seeing).
 */
import type { MatchField } from '../contract';

export type FieldComparison = { key: string; label: string; ace: string | null; odoo: string | null; state: 'same' | 'different' | 'missing' };

export function normalizeForCompare(v: string): string {
  return v
    .toLowerCase()
    .replace(/^(https?:\/\/)?(www\.)?/, '')
    .replace(/[\s.,;:'"()/_-]+/g, ' ')
    .trim();
}

/** Sets of values (e.g. AWS account lists "1, 2") compare as sets. */
function sameValue(a: string, b: string): boolean {
  const na = normalizeForCompare(a);
  const nb = normalizeForCompare(b);
  if (na === nb) return true;
  const split = (s: string) => new Set(s.split(' ').filter((x) => x));
  if (!a.includes(',') && !b.includes(',')) return false;
  const sa = split(na);
  const sb = split(nb);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** Rows in the ACE record's field order, then Odoo-only fields; `missing` when either side has no value. */
export function compareFields(ace: readonly MatchField[], odoo: readonly MatchField[]): FieldComparison[] {
  const odooByKey = new Map(odoo.map((f) => [f.key, f]));
  const rows: FieldComparison[] = ace.map((f) => {
    const o = odooByKey.get(f.key)?.value ?? null;
    return { key: f.key, label: f.label, ace: f.value, odoo: o, state: f.value === null || o === null ? 'missing' : sameValue(f.value, o) ? 'same' : 'different' };
  });
  const aceKeys = new Set(ace.map((f) => f.key));
  for (const f of odoo) if (!aceKeys.has(f.key)) rows.push({ key: f.key, label: f.label, ace: null, odoo: f.value, state: 'missing' });
  return rows;
}
