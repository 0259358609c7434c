/**
 * Seeded randomness for the synthetic sources (spec Appendix F).
 * Invariant: one independent stream per (table, logical key) — `stream(seed, 'cur|123456789012|2025-03')` —
 * so a record's values never depend on generation order. Never use Math.random in the generator.
 */

/** cyrb128: 128-bit string hash → four 32-bit seeds. */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 PRNG: uniform in [0, 1). */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export type Rng = {
  /** uniform [0, 1) */
  next(): number;
  uniform(min: number, max: number): number;
  /** integer in [min, max] inclusive */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** weighted choice; weights need not sum to 1 */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  normal(mean?: number, sd?: number): number;
  lognormal(mu: number, sigma: number): number;
  poisson(lambda: number): number;
  gamma(shape: number): number;
  dirichlet(alphas: readonly number[]): number[];
  /** Zipf over 1..max with exponent s */
  zipf(s: number, max: number): number;
  shuffle<T>(items: readonly T[]): T[];
};

export function stream(seed: string, name: string): Rng {
  const [a, b, c, d] = cyrb128(`${seed}|${name}`);
  const u = sfc32(a, b, c, d);
  // Warm up: the first outputs of sfc32 correlate with the seed words.
  for (let i = 0; i < 12; i++) u();
  return makeRng(u);
}

function makeRng(u: () => number): Rng {
  const rng: Rng = {
    next: u,
    uniform: (min, max) => min + (max - min) * u(),
    int: (min, max) => min + Math.floor(u() * (max - min + 1)),
    chance: (p) => u() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(u() * items.length)] as (typeof items)[number];
    },
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let x = u() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted choice from an empty list');
      return last[0];
    },
    normal: (mean = 0, sd = 1) => {
      // Box–Muller, one value per call (keeps streams simple to reason about).
      const u1 = 1 - u();
      const u2 = u();
      return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    lognormal: (mu, sigma) => Math.exp(rng.normal(mu, sigma)),
    poisson: (lambda) => {
      if (lambda <= 0) return 0;
      if (lambda >= 30) return Math.max(0, Math.round(rng.normal(lambda, Math.sqrt(lambda))));
      const l = Math.exp(-lambda);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= u();
      } while (p > l);
      return k - 1;
    },
    gamma: (shape) => {
      // Marsaglia–Tsang; shape < 1 boosted by u^(1/shape).
      if (shape < 1) return rng.gamma(shape + 1) * Math.pow(1 - u(), 1 / shape);
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        let x: number;
        let v: number;
        do {
          x = rng.normal();
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const w = 1 - u();
        if (w < 1 - 0.0331 * x * x * x * x) return d * v;
        if (Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
      }
    },
    dirichlet: (alphas) => {
      const g = alphas.map((a) => rng.gamma(a));
      const sum = g.reduce((s, x) => s + x, 0) || 1;
      return g.map((x) => x / sum);
    },
    zipf: (s, max) => {
      let total = 0;
      for (let k = 1; k <= max; k++) total += 1 / Math.pow(k, s);
      let x = u() * total;
      for (let k = 1; k <= max; k++) {
        x -= 1 / Math.pow(k, s);
        if (x < 0) return k;
      }
      return max;
    },
    shuffle: (items) => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(u() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
  };
  return rng;
}
