/**
 * Calendar helpers for billing: ISO dates 'YYYY-MM-DD' (UTC) and months as their first day 'YYYY-MM-01'.
 * Pure string/UTC arithmetic so results never depend on the machine's time zone.
 */

export type IsoDate = string;
/** A month, always its first day: 'YYYY-MM-01'. */
export type Month = string;

const DAY_MS = 86_400_000;

export function parseIso(date: IsoDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not an ISO date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function isoOf(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoOf(parseIso(date) + days * DAY_MS);
}

/** b − a in whole days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((parseIso(b) - parseIso(a)) / DAY_MS);
}

export function monthOf(date: IsoDate): Month {
  return `${date.slice(0, 7)}-01`;
}

export function addMonths(month: Month, n: number): Month {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-01`;
}

export function daysInMonth(month: Month): number {
  return daysBetween(month, addMonths(month, 1));
}

export function monthEnd(month: Month): IsoDate {
  return addDays(addMonths(month, 1), -1);
}

/** 'YYYY-MM' label used in stream keys, refs and labels. */
export function ym(month: Month): string {
  return month.slice(0, 7);
}

/** Calendar month index of the year, 1–12. */
export function monthNumber(month: Month): number {
  return Number(month.slice(5, 7));
}

/** The `count` calendar months ending with the month of `asOf`, oldest first. */
export function historyMonths(asOf: IsoDate, count: number): Month[] {
  const last = monthOf(asOf);
  const out: Month[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(addMonths(last, -i));
  return out;
}

/** Months between two month starts (b − a). */
export function monthDiff(a: Month, b: Month): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** Odoo timestamp text (timestamp without time zone, UTC): 'YYYY-MM-DD HH:MM:SS'. */
export function timestamp(date: IsoDate, secondsOfDay: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(secondsOfDay)));
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${date} ${hh}:${mm}:${ss}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'March 2025' */
export function monthLabel(month: Month): string {
  return `${MONTH_NAMES[monthNumber(month) - 1] ?? '?'} ${month.slice(0, 4)}`;
}
