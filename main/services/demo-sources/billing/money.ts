/**
 * Exact money arithmetic for the billing generator.
 * Invariant: amounts are safe integers in a fixed unit — CUR and staging-bill amounts in micro-USD (1e-6),
 * invoice amounts in cents of the document or company currency. Sums are exact, so "Σ lines = header"
 * holds to the last digit in PostgreSQL numeric, and text output is byte-identical across runs.
 */

export const MICROS_PER_UNIT = 1_000_000;
export const MICROS_PER_CENT = 10_000;

/** Round half away from zero (what Odoo's float_round does for HALF-UP on positive and negative amounts). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

export function usdToMicros(usd: number): number {
  return roundHalfAway(usd * MICROS_PER_UNIT);
}

export function microsToCents(micros: number): number {
  return roundHalfAway(micros / MICROS_PER_CENT);
}

/** Exact decimal text of an integer amount scaled by 10^decimals: fmtScaled(-12345, 2) = '-123.45'. */
export function fmtScaled(n: number, decimals: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`money amount is not a safe integer: ${n}`);
  const abs = Math.abs(n).toString().padStart(decimals + 1, '0');
  const head = abs.slice(0, abs.length - decimals);
  const tail = abs.slice(abs.length - decimals);
  return `${n < 0 ? '-' : ''}${head}${decimals > 0 ? `.${tail}` : ''}`;
}

export const fmtMicros = (micros: number): string => fmtScaled(micros, 6);
export const fmtCents = (cents: number): string => fmtScaled(cents, 2);

/**
 * Split an integer total over weights; each share is rounded and the residual goes to the largest weight
 * (the spec's "round per line, residual on the largest"), so the parts always sum to the total exactly.
 */
export function splitInt(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  let sum = 0;
  let largest = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    sum += w;
    if (w > (weights[largest] ?? 0)) largest = i;
  }
  const parts = weights.map((w) => (sum > 0 ? roundHalfAway((total * w) / sum) : 0));
  if (sum <= 0) parts[largest] = total;
  let used = 0;
  for (const p of parts) used += p;
  parts[largest] = (parts[largest] ?? 0) + (total - used);
  return parts;
}

/** Decimal text of a float with a fixed number of decimals, rounding half away from zero first. */
export function fmtFloat(x: number, decimals: number): string {
  return fmtScaled(roundHalfAway(x * 10 ** decimals), decimals);
}
