/**
 * Period arithmetic for the cost explorer: months as 'YYYY-MM', buckets by month / quarter / year, and the
 * screen's date presets. Pure (the caller passes "today"), so the renderer, the CLI and tests agree.
 *
 * Invariants:
 * - A range is inclusive on both ends and made of whole months: { from: 'YYYY-MM', to: 'YYYY-MM' }, from ≤ to.
 * - Period keys sort chronologically as strings: '2026-03', '2026-Q1', '2026'.
 */

export type Granularity = 'month' | 'quarter' | 'year';
export type MonthRange = { from: string; to: string };

export const GRANULARITIES: readonly Granularity[] = ['month', 'quarter', 'year'];
export const PRESETS = ['this-month', 'last-3-months', 'last-6-months', 'last-12-months', 'this-quarter', 'last-quarter', 'this-year', 'last-year'] as const;
export type Preset = (typeof PRESETS)[number];

export const PRESET_LABELS: Record<Preset, string> = {
  'this-month': 'This month',
  'last-3-months': 'Last 3 months',
  'last-6-months': 'Last 6 months',
  'last-12-months': 'Last 12 months',
  'this-quarter': 'This quarter',
  'last-quarter': 'Last quarter',
  'this-year': 'This year',
  'last-year': 'Last year',
};

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' or 'YYYY-MM-DD' (any day) → 'YYYY-MM'; null when it is not a date of that shape. */
export function parseMonth(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(t);
  if (!m) return null;
  const month = `${m[1]}-${m[2]}`;
  if (!MONTH.test(month)) return null;
  if (m[3] !== undefined) {
    const d = Number(m[3]);
    if (d < 1 || d > daysIn(month)) return null;
  }
  return month;
}

function daysIn(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(range: MonthRange): string[] {
  const out: string[] = [];
  for (let m = range.from; m <= range.to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function periodOf(month: string, by: Granularity): string {
  if (by === 'month') return month;
  const [y, m] = month.split('-') as [string, string];
  return by === 'year' ? y : `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}

/** Every period key the range touches, in order (including periods without data). */
export function periodsOf(range: MonthRange, by: Granularity): string[] {
  const keys: string[] = [];
  for (const m of monthsBetween(range)) {
    const k = periodOf(m, by);
    if (keys[keys.length - 1] !== k) keys.push(k);
  }
  return keys;
}

/** First and last month of a period key. */
export function periodRange(key: string): MonthRange {
  if (/^\d{4}$/.test(key)) return { from: `${key}-01`, to: `${key}-12` };
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) {
    const first = (Number(q[2]) - 1) * 3 + 1;
    return { from: `${q[1]}-${String(first).padStart(2, '0')}`, to: `${q[1]}-${String(first + 2).padStart(2, '0')}` };
  }
  if (MONTH.test(key)) return { from: key, to: key };
  throw new RangeError(`not a period key: ${key}`);
}

/** Sums rows keyed by month into periods; `add` folds a row into an accumulator. */
export function bucket<R extends { month: string }, A>(rows: readonly R[], by: Granularity, init: () => A, add: (acc: A, row: R) => void): Map<string, A> {
  const out = new Map<string, A>();
  for (const r of rows) {
    const k = periodOf(r.month, by);
    let acc = out.get(k);
    if (!acc) {
      acc = init();
      out.set(k, acc);
    }
    add(acc, r);
  }
  return out;
}

/** The months a preset covers, seen from `today` (YYYY-MM-DD). */
export function presetRange(preset: Preset, today: string): MonthRange {
  const now = parseMonth(today);
  if (!now) throw new RangeError(`not a date: ${today}`);
  const q = periodRange(periodOf(now, 'quarter'));
  const y = now.slice(0, 4);
  switch (preset) {
    case 'this-month': return { from: now, to: now };
    case 'last-3-months': return { from: addMonths(now, -2), to: now };
    case 'last-6-months': return { from: addMonths(now, -5), to: now };
    case 'last-12-months': return { from: addMonths(now, -11), to: now };
    case 'this-quarter': return q;
    case 'last-quarter': return { from: addMonths(q.from, -3), to: addMonths(q.from, -1) };
    case 'this-year': return { from: `${y}-01`, to: `${y}-12` };
    case 'last-year': return { from: `${Number(y) - 1}-01`, to: `${Number(y) - 1}-12` };
  }
}

/** A range from user text; throws RangeError with what is wrong. */
export function parseRange(from: string, to: string): MonthRange {
  const f = parseMonth(from);
  const t = parseMonth(to);
  if (!f) throw new RangeError(`from: expected YYYY-MM or YYYY-MM-DD, got '${from}'`);
  if (!t) throw new RangeError(`to: expected YYYY-MM or YYYY-MM-DD, got '${to}'`);
  if (f > t) throw new RangeError(`from (${f}) is after to (${t})`);
  return { from: f, to: t };
}
