/**
 * Date arithmetic for the generator. Invariant: every date is an offset from asOf (spec §4.1), in UTC;
 * times are epoch milliseconds internally and rendered as text without a time zone for Odoo
 * (`timestamp`) and with '+00' for APN (`timestamptz`), so COPY output never depends on the session zone.
 */

export const DAY = 86_400_000;

export type Clock = {
  /** asOf 00:00:00 UTC */
  asOf: number;
  /** last instant of the snapshot: asOf 23:59:59 UTC */
  end: number;
  /** first day of the history window (36 or 12 months ending with asOf's month) */
  historyStart: number;
};

export function makeClock(asOf: string, historyMonths: number): Clock {
  const t = Date.parse(`${asOf}T00:00:00Z`);
  const d = new Date(t);
  const historyStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (historyMonths - 1), 1);
  return { asOf: t, end: t + DAY - 1000, historyStart };
}

export function addDays(t: number, days: number): number {
  return t + Math.round(days) * DAY;
}

/** 'YYYY-MM-DD' */
export function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Odoo `timestamp without time zone` text: 'YYYY-MM-DD HH:MM:SS' (UTC, whole seconds). */
export function odooTs(t: number): string {
  return new Date(Math.floor(t / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `timestamptz` text in UTC: 'YYYY-MM-DD HH:MM:SS+00'. */
export function tsTz(t: number): string {
  return `${odooTs(t)}+00`;
}

export function dateOnly(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** 'YYYY-MM-01' of the month containing t */
export function monthStart(t: number): string {
  const d = new Date(t);
  return isoDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export function addMonths(t: number, months: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, Math.min(d.getUTCDate(), 28));
}

/** Add n business days (Mon–Fri). */
export function addBusinessDays(t: number, n: number): number {
  let x = t;
  let left = n;
  while (left > 0) {
    x += DAY;
    const wd = new Date(x).getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return x;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: number, b: number): number {
  return Math.round((dateOnly(b) - dateOnly(a)) / DAY);
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
