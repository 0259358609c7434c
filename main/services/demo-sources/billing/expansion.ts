/**
 * Invoice expansion (spec §5.7): an AWS usage bill line becomes n invoice lines, one per usage type
 * ("EUC1-BoxUsage:m5.large – 123456789012 – 2025-03"), n = round(expansion(product) × f(S) × G) with
 * f(S) = clamp(0.4 + 0.25·log10(S + 1), 0.4, 2) and G calibrated so Σ lines ≈ the target; the amount is split with
 * Dirichlet(1) weights and rounded per line with the residual on the largest. Other line types stay one line.
 */
import { stream } from '../rng';
import { AWS_PRODUCT_BY_CODE } from './aws-products';
import type { BillLineCalc } from './bills';
import { splitInt } from './money';

export const LINE_TARGETS = { tiny: 8_000, small: 120_000, prod: 2_400_000 } as const;

const REGION_CODE: Record<string, string> = {
  '': 'us-east-1', 'USW2-': 'us-west-2', 'USE2-': 'us-east-2', 'EUC1-': 'eu-central-1', 'EU-': 'eu-west-1', 'EUW2-': 'eu-west-2', 'EUN1-': 'eu-north-1',
  'APN1-': 'ap-northeast-1', 'APS2-': 'ap-southeast-2', 'APS1-': 'ap-southeast-1', 'APS3-': 'ap-south-1',
};
const AZ = ['a', 'b', 'c'];

export function spendFactor(usd: number): number {
  return Math.min(2, Math.max(0.4, 0.4 + 0.25 * Math.log10(usd + 1)));
}

/** Expansion inputs of a bill line: base e (0 = always one line) and the cap on n. */
export function expansionInputs(line: BillLineCalc, amountCents: number): { e: number; cap: number } {
  const product = AWS_PRODUCT_BY_CODE.get(line.productCode);
  if (line.lineType !== 'usage' || !product || !line.model) return { e: 0, cap: 1 };
  const labels = line.model.regions.length * product.usageTypes.length * (1 + AZ.length);
  // At least ~$0.50 per line: tiny amounts are not spread over dozens of usage types.
  return { e: product.expansion * spendFactor(line.spendUsd), cap: Math.max(1, Math.min(labels, Math.floor(Math.abs(amountCents) / 50))) };
}

export function lineCount(e: number, cap: number, g: number): number {
  return e <= 0 ? 1 : Math.min(cap, Math.max(1, Math.round(e * g)));
}

/** The n usage-type labels and amounts of one bill line (stream keyed by the bill line id). */
export function expand(seed: string, line: BillLineCalc, billLineId: number, amountCents: number, n: number): { usageType: string | null; cents: number }[] {
  const product = AWS_PRODUCT_BY_CODE.get(line.productCode);
  if (n <= 1 || !product || !line.model) return [{ usageType: null, cents: amountCents }];
  const r = stream(seed, `aml|${billLineId}`);
  const base = r.shuffle(line.model.regions.flatMap((prefix) => product.usageTypes.map((t) => `${prefix}${t}`)));
  const labels: string[] = base.slice(0, n);
  for (let z = 0; labels.length < n && z < AZ.length; z++) {
    for (const b of base) {
      if (labels.length >= n) break;
      const prefix = line.model.regions.find((p) => p !== '' && b.startsWith(p)) ?? '';
      labels.push(`${b} (${REGION_CODE[prefix] ?? 'us-east-1'}${AZ[z]})`);
    }
  }
  const weights = labels.map(() => r.gamma(1));
  const parts = splitInt(amountCents, weights);
  return labels.map((usageType, i) => ({ usageType, cents: parts[i] ?? 0 }));
}
