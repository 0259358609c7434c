/**
 * Run parameters of the synthetic source generator (spec §4.1), validated BEFORE anything is written.
 * Invariant: every failure is a `UsageError` whose message is one line a CLI can print as-is.
 */
import { z } from 'zod';
import type { GenParams, Scale } from './universe-types';

export const SCALES = ['tiny', 'small', 'prod'] as const satisfies readonly Scale[];
export const DEFAULT_AS_OF = '2026-06-30';

/** A bad command-line value: the CLI prints the message and exits non-zero; nothing has been written. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type RawParams = { scale?: unknown; seed?: unknown; asOf?: unknown };

const scaleSchema = z.enum(SCALES);

// Printable = no control characters; the seed ends up in the manifest and in stream names.
const seedSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), 'must be printable (no control characters)')
  .refine((s) => s.trim() === s, 'must not start or end with whitespace');

const asOfSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a calendar date')
  .refine((s) => s >= '2000-01-01' && s <= '2099-12-31', 'must be between 2000-01-01 and 2099-12-31');

function describe(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}

/** Parses and validates; throws UsageError naming the bad value and what was expected. */
export function parseParams(raw: RawParams): GenParams {
  const scale = scaleSchema.safeParse(raw.scale);
  if (!scale.success) {
    if (raw.scale === undefined) throw new UsageError('Missing --scale (expected tiny, small or prod)');
    throw new UsageError(`Unknown scale ${describe(raw.scale)} (expected tiny, small or prod)`);
  }
  if (raw.seed === undefined) throw new UsageError('Missing --seed (any printable text up to 64 characters)');
  const seed = seedSchema.safeParse(raw.seed);
  if (!seed.success) {
    throw new UsageError(`Bad seed ${describe(raw.seed)}: ${seed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const asOfRaw = raw.asOf ?? DEFAULT_AS_OF;
  const asOf = asOfSchema.safeParse(asOfRaw);
  if (!asOf.success) {
    throw new UsageError(`Bad --as-of ${describe(asOfRaw)}: ${asOf.error.issues[0]?.message ?? 'invalid'}`);
  }
  return {
    seed: seed.data,
    scale: scale.data,
    asOf: asOf.data,
    // tiny is a 12-month golden fixture (spec §4.2: ≈ 900 CUR rows over 12 months, 12 SPP bills)
    historyMonths: scale.data === 'tiny' ? 12 : 36,
    companyCurrency: 'EUR',
    exactCounts: true,
  };
}
