/**
 * One daily change set of the deltas mode (DELTAS.md): the day's clock, its random streams and the operations it
 * produces. Day d (1, 2, …) is the calendar day asOf + d; its changes are a pure function of (seed, d, the state of
 * the databases after day d − 1), so the same seed and day sequence always give the same data.
 *
 * Invariants:
 * - Randomness comes from streams keyed by (day, table, record id), never by draw order (spec Appendix F).
 * - Planning only reads; the day's operations are applied later, one transaction per database.
 * - Every timestamp lies inside day d (UTC), so write_date only moves forward and stays ≥ create_date.
 */
import { stream, type Rng } from '../rng';
import { DAY, isoDate, odooTs, tsTz } from '../dates';
import type { Scale } from '../universe-types';

export type DayContext = {
  seed: string;
  scale: Scale;
  day: number;
  /** 00:00:00 UTC of the day (epoch ms) */
  start: number;
  /** 'YYYY-MM-DD' */
  date: string;
  rng(key: string): Rng;
  /** epoch ms of a second of the day */
  at(seconds: number): number;
  /** a random business-hours instant of the day (08:00–18:00), from the given stream */
  businessHours(rng: Rng): number;
};

export function dayContext(seed: string, scale: Scale, asOf: string, day: number): DayContext {
  const start = Date.parse(`${asOf}T00:00:00Z`) + day * DAY;
  return {
    seed, scale, day, start, date: isoDate(start),
    rng: (key) => stream(seed, `delta|${day}|${key}`),
    at: (seconds) => start + seconds * 1000,
    businessHours: (rng) => start + rng.int(8 * 3600, 18 * 3600 - 1) * 1000,
  };
}

/** A statement of the day for one database, with the rows it touches for the per-table counts. */
export type Op = {
  /** when it happens (epoch ms): a database applies its ops in this order (stable), so write_date only grows */
  at: number;
  sql: string;
  params?: unknown[];
  table: string;
  kind: 'insert' | 'update' | 'delete';
  /** primary keys of the touched rows (counted once per table and kind) */
  ids: readonly (number | string)[];
};

export type DayPlan = { odoo: Op[]; apn: Op[]; truth: Op[] };

export function emptyPlan(): DayPlan {
  return { odoo: [], apn: [], truth: [] };
}

/** Per-table distinct row counts of a day (a row inserted or deleted that day is not also counted as updated). */
export type TableCounts = Record<string, { inserted: number; updated: number; deleted: number }>;

export function countOps(ops: readonly Op[], prefix: string, out: TableCounts = {}): TableCounts {
  const sets = new Map<string, { inserted: Set<string>; updated: Set<string>; deleted: Set<string> }>();
  for (const op of ops) {
    const key = `${prefix}.${op.table}`;
    let s = sets.get(key);
    if (!s) sets.set(key, (s = { inserted: new Set(), updated: new Set(), deleted: new Set() }));
    const target = op.kind === 'insert' ? s.inserted : op.kind === 'delete' ? s.deleted : s.updated;
    for (const id of op.ids) target.add(String(id));
  }
  for (const [key, s] of sets) {
    const updated = [...s.updated].filter((id) => !s.inserted.has(id) && !s.deleted.has(id)).length;
    const prev = out[key] ?? { inserted: 0, updated: 0, deleted: 0 };
    out[key] = { inserted: prev.inserted + s.inserted.size, updated: prev.updated + updated, deleted: prev.deleted + [...s.deleted].filter((id) => !s.inserted.has(id)).length };
  }
  return out;
}

/** Odoo `timestamp` text of an instant. */
export const ots = odooTs;
/** APN `timestamptz` text of an instant. */
export const tts = tsTz;

/** Poisson count of events for one day, at least `min` (tests need every kind of change on day 1). */
export function eventsToday(rng: Rng, lambda: number, min = 0): number {
  return Math.max(min, rng.poisson(lambda));
}

/** Rows per scale for daily event rates given "per 14-day window" shares of the spec. */
export function windowRate(share: number, population: number): number {
  return (share * population) / 14;
}
