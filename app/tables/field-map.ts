/**
 * Any two tables → the matcher's inputs (`revops match csv`). Each compared field has a role — what the
 * engine (app/match) knows how to compare — and a column on each side:
 *
 *   name     company / account / customer names      domain   websites, URLs, domains
 *   email    e-mail addresses (their domains count)  account  AWS account ids (12 digits, any spelling)
 *   country  ISO country codes                       person   contact names
 *   text     deal title, description, notes          amount   money amounts
 *   date     a date (created / close)
 *
 * `--fields` items are `[role:]left_column[=right_column]`; without a role it is inferred from the column
 * name, then from the values. The left table plays the ACE side (each left row is matched to at most one
 * right row), the right table the Odoo side (the records searched).
 *
 * Invariant: pure and total — any cell text (any script, any length, empty) maps to an input; never throws
 * on data. Bad options throw FieldSpecError.
 */
import { domainFromWebsite, normalizeAwsAccountId } from '../normalize';
import type { AceOpportunityInput, OdooOpportunityInput } from '../match/types';

export const FIELD_ROLES = ['name', 'domain', 'email', 'account', 'country', 'person', 'text', 'amount', 'date'] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

export type FieldSpec = { role: FieldRole; left: string; right: string };
export type FieldRequest = { role: FieldRole | null; left: string; right: string };

export class FieldSpecError extends Error {
  override name = 'FieldSpecError';
}

/** `name:Company=Account Name,website,email` → requests (columns may contain spaces; commas separate items). */
export function parseFieldsOption(value: string): FieldRequest[] {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new FieldSpecError('--fields is empty: name the columns to compare, e.g. --fields name,website,email');
  return items.map((item) => {
    const m = /^([a-z]+):(.*)$/.exec(item);
    let role: FieldRole | null = null;
    let cols = item;
    if (m && (FIELD_ROLES as readonly string[]).includes(m[1]!)) {
      role = m[1] as FieldRole;
      cols = m[2]!;
    } else if (m && !/\s/.test(m[1]!)) {
      throw new FieldSpecError(`--fields: unknown role "${m[1]}" in "${item}" (roles: ${FIELD_ROLES.join(', ')})`);
    }
    const [left, right, extra] = cols.split('=').map((s) => s.trim());
    if (!left || extra !== undefined || right === '') throw new FieldSpecError(`--fields: "${item}" is not [role:]column or [role:]left_column=right_column`);
    return { role, left, right: right ?? left };
  });
}

const BY_NAME: [FieldRole, RegExp][] = [
  ['account', /\baws\b|account[\s_-]*(id|number|no)\b|^acct/i],
  ['email', /e-?mail|\bmail\b/i],
  ['domain', /domain|web\s*site|website|\burl\b|homepage|\bweb\b|\bsite\b/i],
  ['country', /country|\bland\b|\bpays\b|\bnation\b/i],
  ['person', /contact|person|owner|\brep\b|first[\s_-]*name|last[\s_-]*name|full[\s_-]*name|surname/i],
  ['text', /title|descr|notes?\b|subject|opportunit|\bdeal\b|project|comment|summary/i],
  ['amount', /amount|revenue|value|price|budget|spend|\bmrr\b|\barr\b|total|\bacv\b/i],
  ['date', /date|created|closed?\b|_at$|\btime\b|\bday\b/i],
  ['name', /name|company|customer|account|organi[sz]ation|\borg\b|firma|client|partner|vendor|supplier|entity|business|legal/i],
];

const share = (values: readonly string[], test: (v: string) => boolean): number => {
  const filled = values.filter((v) => v.trim() !== '');
  return filled.length === 0 ? 0 : filled.filter(test).length / filled.length;
};

/** The role of a column from its name, else from (a sample of) its values; 'text' when nothing fits. */
export function inferRole(column: string, values: readonly string[]): FieldRole {
  for (const [role, re] of BY_NAME) if (re.test(column)) return role;
  const sample = values.slice(0, 500);
  if (share(sample, (v) => normalizeAwsAccountId(v).ids.length > 0) >= 0.8) return 'account';
  if (share(sample, (v) => /@[^@\s]+\.[a-z]{2,}/i.test(v)) >= 0.8) return 'email';
  if (share(sample, (v) => !/\s/.test(v.trim()) && domainFromWebsite(v).domain !== null) >= 0.8) return 'domain';
  if (share(sample, (v) => /^[A-Za-z]{2}$/.test(v.trim())) >= 0.9) return 'country';
  if (share(sample, (v) => parseAmount(v) !== null) >= 0.9) return 'amount';
  if (share(sample, (v) => parseDate(v) !== null) >= 0.9) return 'date';
  return 'text';
}

/** "1,234.50", "1.234,50", "$ 12 000", "-5" → number; null when not a number. */
export function parseAmount(value: string): number | null {
  const t = value.trim().replace(/[\s\u00a0'’]/g, '').replace(/^[^\d+-]+|[^\d]+$/g, '');
  if (!/^[+-]?\d[\d.,]*$/.test(t)) return null;
  const dots = (t.match(/\./g) ?? []).length;
  const commas = (t.match(/,/g) ?? []).length;
  let plain: string;
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal separator.
    plain = t.lastIndexOf('.') > t.lastIndexOf(',') ? t.replace(/,/g, '') : t.replace(/\./g, '').replace(',', '.');
  } else if (commas > 0) {
    // "1,234" / "1,234,567" group thousands; "12,5" is a decimal comma.
    plain = commas === 1 && !/,\d{3}$/.test(t) ? t.replace(',', '.') : t.replace(/,/g, '');
  } else {
    plain = dots > 1 ? t.replace(/\./g, '') : t;
  }
  const n = Number(plain);
  return Number.isFinite(n) ? n : null;
}

/** ISO dates (2026-03-01, with time) and day-first dates (01.03.2026, 01/03/2026) → epoch ms UTC; else null. */
export function parseDate(value: string): number | null {
  const t = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t);
  if (m) return utc(+m[3]!, +m[2]!, +m[1]!, 0, 0, 0);
  return null;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(ms).getUTCDate() === d ? ms : null;
}

/** The values of one role in a row (columns by index), empty cells dropped. */
type Cells = (role: FieldRole) => string[];

function cellsOf(row: readonly string[], idx: ReadonlyMap<FieldRole, number[]>): Cells {
  return (role) => (idx.get(role) ?? []).map((i) => (row[i] ?? '').trim()).filter((v) => v !== '');
}

function common(c: Cells) {
  const accounts = [...new Set(c('account').flatMap((v) => normalizeAwsAccountId(v).ids))];
  const countries = c('country').filter((v) => /^[A-Za-z]{2}$/.test(v));
  const amount = c('amount').map(parseAmount).find((x) => x !== null) ?? null;
  const dates = c('date').map(parseDate).filter((x): x is number => x !== null);
  return {
    names: c('name'),
    domains: c('domain'),
    emails: c('email').join(' ') || null,
    person: c('person').join(' ') || null,
    text: c('text').join('\n'),
    accounts,
    country: countries[0]?.toUpperCase() ?? null,
    amount,
    created: dates[0] ?? null,
    close: dates[1] ?? null,
  };
}

export type ColumnIndex = ReadonlyMap<FieldRole, number[]>;

/** Column positions per role for one side, from the fields and that side's header. */
export function columnIndex(fields: readonly FieldSpec[], header: readonly string[], side: 'left' | 'right'): ColumnIndex {
  const idx = new Map<FieldRole, number[]>();
  for (const f of fields) {
    const i = header.indexOf(side === 'left' ? f.left : f.right);
    // A column named twice for one role (e.g. first and last name both on one "Contact" column) counts once.
    if (i >= 0 && !(idx.get(f.role) ?? []).includes(i)) idx.set(f.role, [...(idx.get(f.role) ?? []), i]);
  }
  return idx;
}

/** A left row as the query side of the engine (the ACE role). */
export function leftInput(id: string, row: readonly string[], idx: ColumnIndex): AceOpportunityInput {
  const x = common(cellsOf(row, idx));
  const extraDomain = x.domains[1] ? domainFromWebsite(x.domains[1]).domain : null;
  return {
    sourceId: id,
    name: x.text,
    accountName: x.names[0] ?? null,
    endUserCompanyName: x.names[1] ?? null,
    countryCode: x.country,
    website: x.domains[0] ?? null,
    customerEmail: x.emails,
    customerName: x.person,
    normalizedDomain: extraDomain,
    ownerName: null,
    ownerEmail: null,
    awsAccountIds: x.accounts,
    partnerCrmLeadId: null,
    status: null,
    stage: null,
    mrr: x.amount,
    created: x.created,
    targetClose: x.close,
  };
}

/** A right row as the searched side of the engine (the Odoo role); `seq` is its 1-based row number. */
export function rightInput(seq: number, row: readonly string[], idx: ColumnIndex): OdooOpportunityInput {
  const x = common(cellsOf(row, idx));
  return {
    sourceId: seq,
    name: x.text,
    status: null,
    companyName: x.names[0] ?? null,
    partnerName: x.names[1] ?? null,
    commercialPartnerName: x.names[2] ?? null,
    leadPartnerName: x.names[3] ?? null,
    commercialPartnerId: null,
    countryCode: x.country,
    website: x.domains[0] ?? null,
    partnerWebsite: x.domains[1] ?? null,
    emailFrom: x.emails,
    partnerEmail: null,
    normalizedDomain: null,
    contactName: x.person,
    userName: null,
    userEmail: null,
    awsAccountIds: x.accounts,
    aceRef: null,
    description: null,
    referred: null,
    expectedRevenue: x.amount,
    recurringMonthly: null,
    created: x.created,
    deadline: x.close,
  };
}

/** Roles the engine can find candidates with (blocking keys); a run needs at least one. */
export const BLOCKING_ROLES: readonly FieldRole[] = ['name', 'domain', 'email', 'account'];
