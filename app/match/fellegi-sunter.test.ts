import { describe, expect, it } from 'vitest';
import { estimateEm, fromLogit2, levelFrequencies, logit2, posterior } from './fellegi-sunter';

/** Deterministic uniform [0, 1) (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(r: () => number, probs: readonly number[]): number {
  let x = r();
  for (let i = 0; i < probs.length; i++) {
    x -= probs[i] as number;
    if (x < 0) return i;
  }
  return probs.length - 1;
}

const TRUE = {
  lambda: 0.2,
  comparisons: [
    { id: 'name', levels: ['exact', 'close', 'different'], m: [0.7, 0.2, 0.1], u: [0.01, 0.09, 0.9] },
    { id: 'domain', levels: ['same', 'different'], m: [0.85, 0.15], u: [0.05, 0.95] },
    { id: 'date', levels: ['near', 'mid', 'far'], m: [0.6, 0.3, 0.1], u: [0.1, 0.3, 0.6] },
  ],
};

function sample(n: number, seed: number, missing = 0): { patterns: number[][]; labels: boolean[] } {
  const r = rng(seed);
  const patterns: number[][] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const match = r() < TRUE.lambda;
    labels.push(match);
    patterns.push(TRUE.comparisons.map((c) => (r() < missing ? -1 : draw(r, match ? c.m : c.u))));
  }
  return { patterns, labels };
}

describe('EM without labels', () => {
  it('recovers known m, u and λ from synthetic pairs', () => {
    const { patterns } = sample(20_000, 7, 0.1);
    const fit = estimateEm({ comparisons: TRUE.comparisons, patterns });
    expect(fit.converged).toBe(true);
    expect(fit.lambda).toBeCloseTo(TRUE.lambda, 1);
    fit.comparisons.forEach((c, k) => {
      c.m.forEach((m, l) => expect(Math.abs(m - (TRUE.comparisons[k]?.m[l] as number))).toBeLessThan(0.04));
      c.u.forEach((u, l) => expect(Math.abs(u - (TRUE.comparisons[k]?.u[l] as number))).toBeLessThan(0.03));
    });
    // the log-likelihood never decreases (EM's monotonicity)
    for (let i = 1; i < fit.logLikelihood.length; i++) expect(fit.logLikelihood[i]).toBeGreaterThanOrEqual((fit.logLikelihood[i - 1] as number) - 1e-6);
  });

  it('estimates m and λ with u fixed from random pairs, and classifies like the true model', () => {
    const { patterns, labels } = sample(10_000, 11);
    const random = sample(20_000, 12).patterns.filter((_, i) => i % 5 !== 0);
    const u = levelFrequencies(random, TRUE.comparisons.map((c) => c.levels.length));
    const fit = estimateEm({ comparisons: TRUE.comparisons, patterns, u: TRUE.comparisons.map((c) => c.u) });
    expect(fit.lambda).toBeCloseTo(TRUE.lambda, 1);
    expect(u[0]?.[2]).toBeGreaterThan(0.7);
    let agree = 0;
    patterns.forEach((p) => (agree += (posterior(fit, p) >= 0.5) === (posterior(TRUE, p) >= 0.5) ? 1 : 0));
    expect(agree / patterns.length).toBeGreaterThan(0.99);
    let correct = 0;
    patterns.forEach((p, i) => (correct += (posterior(fit, p) >= 0.5) === labels[i] ? 1 : 0));
    expect(correct / patterns.length).toBeGreaterThan(0.9);
  });

  it('uses known labels as fixed classes and stays finite on degenerate input', () => {
    const fit = estimateEm({ comparisons: TRUE.comparisons, patterns: [[0, 0, 0], [2, 1, 2], [-1, -1, -1]], labels: new Map([[0, 1], [1, 0]]) });
    for (const c of fit.comparisons) for (const x of [...c.m, ...c.u]) expect(Number.isFinite(Math.log2(x))).toBe(true);
    expect(posterior(fit, [0, 0, 0])).toBeGreaterThan(posterior(fit, [2, 1, 2]));
    expect(fromLogit2(logit2(0.3))).toBeCloseTo(0.3, 10);
  });
});
