/**
 * Fellegi–Sunter match weights and their estimation without labels (EM).
 *
 * Model: a pair is a match (M) or not (U); comparison k falls in level l with probability m_k(l) under M and
 * u_k(l) under U, independently given the class. A level's match weight is log2(m/u) (bits of evidence);
 * a missing comparison (level -1) weighs 0. The posterior of a pair is
 *   logit2(P(M | levels)) = log2(λ / (1 − λ)) + Σ_k w_k(l_k).
 *
 * Invariants:
 * - u can be fixed (estimated from random pairs, which are almost all non-matches) while EM estimates m
 *   and λ; or both are estimated.
 * - Probabilities are smoothed (never 0 or 1), so every weight is finite.
 * - Pairs with a known label (analyst decisions) enter the E-step with that label instead of a posterior.
 * - Deterministic: identical inputs give identical parameters.
 */

export type LevelProbs = number[];

export type ComparisonParams = { id: string; levels: readonly string[]; m: LevelProbs; u: LevelProbs };

export type FsModel = { lambda: number; comparisons: ComparisonParams[] };

export type EmResult = FsModel & { iterations: number; converged: boolean; logLikelihood: number[] };

const EPS = 1e-6;

export function logit2(p: number): number {
  const q = Math.min(1 - 1e-15, Math.max(1e-15, p));
  return Math.log2(q / (1 - q));
}

export function fromLogit2(x: number): number {
  return 1 / (1 + 2 ** -x);
}

/** Normalizes counts into smoothed probabilities (a pseudo-count `alpha` per level). */
export function normalize(counts: readonly number[], alpha = 0.5): LevelProbs {
  const total = counts.reduce((s, c) => s + c, 0) + alpha * counts.length;
  return counts.map((c) => Math.max(EPS, (c + alpha) / total));
}

/** Match weight (bits) of one comparison level; 0 for a missing comparison. */
export function weight(c: ComparisonParams, level: number): number {
  if (level < 0) return 0;
  return Math.log2((c.m[level] as number) / (c.u[level] as number));
}

/** Sum of match weights of a pattern. */
export function totalWeight(model: FsModel, levels: ArrayLike<number>): number {
  let s = 0;
  model.comparisons.forEach((c, k) => (s += weight(c, levels[k] as number)));
  return s;
}

export function posterior(model: FsModel, levels: ArrayLike<number>): number {
  return fromLogit2(logit2(model.lambda) + totalWeight(model, levels));
}

/** Level frequencies of patterns (e.g. of random pairs: the u estimate). */
export function levelFrequencies(patterns: readonly ArrayLike<number>[], levelCounts: readonly number[]): LevelProbs[] {
  const counts = levelCounts.map((n) => new Array<number>(n).fill(0));
  for (const p of patterns) {
    levelCounts.forEach((_, k) => {
      const l = p[k] as number;
      if (l >= 0) (counts[k] as number[])[l]! += 1;
    });
  }
  return counts.map((c) => normalize(c));
}

/** Initial m: agreement levels (low index) likely, the last (disagreement) unlikely. */
export function initialM(levels: number): LevelProbs {
  const raw = Array.from({ length: levels }, (_, l) => (l === levels - 1 ? 0.05 : 2 ** -l));
  const s = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / s);
}

export type EmInput = {
  comparisons: { id: string; levels: readonly string[] }[];
  /** one level pattern per pair (Int8Array or number[]) */
  patterns: readonly ArrayLike<number>[];
  /** u per comparison (from random pairs): fixed, or the starting point when `estimateU` */
  u?: LevelProbs[];
  /** estimate u by EM as well (e.g. on blocked candidates, whose non-matches differ from random pairs) */
  estimateU?: boolean;
  /** known labels by pattern index: 1 = match, 0 = non-match */
  labels?: ReadonlyMap<number, 0 | 1>;
  lambda0?: number;
  maxIterations?: number;
  tolerance?: number;
};

/** Groups identical patterns: EM then costs per distinct pattern, not per pair. */
function distinct(patterns: readonly ArrayLike<number>[], labels: ReadonlyMap<number, 0 | 1> | undefined): { rows: number[][]; counts: number[]; fixed: (0 | 1 | null)[] } {
  const index = new Map<string, number>();
  const rows: number[][] = [];
  const counts: number[] = [];
  const fixed: (0 | 1 | null)[] = [];
  patterns.forEach((p, i) => {
    const label = labels?.get(i);
    const key = `${label ?? ''}|${Array.prototype.join.call(p, ',')}`;
    const at = index.get(key);
    if (at !== undefined) counts[at]! += 1;
    else {
      index.set(key, rows.length);
      rows.push(Array.from(p));
      counts.push(1);
      fixed.push(label ?? null);
    }
  });
  return { rows, counts, fixed };
}

export function estimateEm(input: EmInput): EmResult {
  const K = input.comparisons.length;
  const { rows, counts, fixed } = distinct(input.patterns, input.labels);
  let m = input.comparisons.map((c) => initialM(c.levels.length));
  let u = input.u ? input.u.map((x) => [...x]) : input.comparisons.map((c) => c.levels.map(() => 1 / c.levels.length));
  let lambda = input.lambda0 ?? 0.1;
  const maxIterations = input.maxIterations ?? 200;
  const tolerance = input.tolerance ?? 1e-7;
  const trace: number[] = [];
  let converged = false;
  let iterations = 0;
  for (let it = 0; it < maxIterations; it++) {
    iterations = it + 1;
    const mc = input.comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
    const uc = input.comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
    let matched = 0;
    let total = 0;
    let ll = 0;
    rows.forEach((row, r) => {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let k = 0; k < K; k++) {
        const l = row[k] as number;
        if (l < 0) continue;
        pm *= (m[k] as number[])[l] as number;
        pu *= (u[k] as number[])[l] as number;
      }
      const n = counts[r] as number;
      ll += n * Math.log(pm + pu);
      const f = fixed[r];
      const g = f === null || f === undefined ? pm / (pm + pu) : f;
      matched += n * g;
      total += n;
      for (let k = 0; k < K; k++) {
        const l = row[k] as number;
        if (l < 0) continue;
        (mc[k] as number[])[l]! += n * g;
        (uc[k] as number[])[l]! += n * (1 - g);
      }
    });
    trace.push(ll);
    const nextLambda = Math.min(1 - EPS, Math.max(EPS, matched / Math.max(1, total)));
    const nextM = mc.map((c) => normalize(c, 0.01));
    const nextU = input.u && !input.estimateU ? u : uc.map((c) => normalize(c, 0.01));
    let delta = Math.abs(nextLambda - lambda);
    nextM.forEach((row, k) => row.forEach((x, l) => (delta = Math.max(delta, Math.abs(x - ((m[k] as number[])[l] as number))))));
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (delta < tolerance) {
      converged = true;
      break;
    }
  }
  return {
    lambda,
    comparisons: input.comparisons.map((c, k) => ({ id: c.id, levels: c.levels, m: m[k] as number[], u: u[k] as number[] })),
    iterations,
    converged,
    logLikelihood: trace,
  };
}
