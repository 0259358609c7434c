/**
 * The two-stage match model.
 *
 * 1. Company stage (Fellegi–Sunter, EM): P(same customer) of each candidate pair from the company
 *    comparisons; m, u and λ by EM on the blocked candidates, u starting from random pairs. (u must be
 *    re-estimated here: blocking on names makes the candidates' non-matches share name words far more often
 *    than random pairs do, and a u fixed from random pairs lets EM call "shares a word" a match.)
 * 2. Deal stage (a mixture per ACE opportunity): with probability π the ACE deal is one of the Odoo
 *    opportunities of its customer, each equally likely a priori; deal comparisons (m by EM, u from random
 *    pairs) re-weigh them. For candidate j with company probability c_j and deal likelihood ratio LR_j,
 *    with K = Σ c_k and N = max(K, 1):
 *      P(j) = (π c_j LR_j / N) / (1 − π K / N + π Σ_k c_k LR_k / N),   P(none) = 1 − Σ_j P(j).
 *    So an ACE opportunity whose customer is in Odoo with other deals only still gets "no match".
 *
 * Invariants: pure and deterministic; every probability is finite and in [0, 1]; per ACE, Σ P(j) ≤ 1.
 * Analyst decisions enter as known labels (accept: that pair is the match; reject: it is not;
 * no_match: none of its candidates is).
 */
import { COMPANY_COMPARISONS, COMPARISONS, DEAL_COMPARISONS, type Comparison } from './compare';
import { SEMANTIC_COMPARISONS } from './semantic';
import { estimateEm, fromLogit2, logit2, normalize, posterior, weight, type ComparisonParams, type FsModel, type LevelProbs } from './fellegi-sunter';

export type ScoredPairInput = { company: ArrayLike<number>; deal: ArrayLike<number> };

export type AceCandidates = { pairs: ScoredPairInput[]; accept?: number; rejects?: ReadonlySet<number>; none?: boolean };

export type DealModel = { pi: number; comparisons: ComparisonParams[]; iterations: number; converged: boolean };

export type MatchModel = {
  company: FsModel & { iterations: number; converged: boolean };
  deal: DealModel;
};

export type FitInput = {
  aces: readonly AceCandidates[];
  uCompany: LevelProbs[];
  uDeal: LevelProbs[];
  maxIterations?: number;
  /** company comparisons in pattern order (default COMPANY_COMPARISONS; + SEMANTIC_COMPARISONS with embeddings) */
  companyComparisons?: readonly Comparison[];
  /**
   * Entity matching (two tables of companies, people, …): one stage. The deal stage is not used — no deal
   * comparisons, π = 1 (a record is at most one of its same-entity candidates), so P(j) = c_j / max(Σ c, 1).
   */
  entity?: boolean;
};

const LABELS = new Map([...COMPARISONS, ...SEMANTIC_COMPARISONS].map((c) => [c.id, c.label]));

export type Contribution = { id: string; label: string; stage: 'company' | 'deal' | 'prior'; level: string | null; bits: number };

function dealLr(deal: readonly ComparisonParams[], levels: ArrayLike<number>): number {
  let s = 0;
  deal.forEach((c, k) => (s += weight(c, levels[k] as number)));
  return 2 ** Math.max(-60, Math.min(60, s));
}

/** Posterior over the candidates of one ACE record (and "none"), given company probabilities. */
export function dealPosterior(pi: number, deal: readonly ComparisonParams[], c: readonly number[], pairs: readonly ScoredPairInput[]): { p: number[]; none: number } {
  const K = c.reduce((s, x) => s + x, 0);
  const N = Math.max(K, 1);
  const lr = pairs.map((x) => dealLr(deal, x.deal));
  let sum = 0;
  lr.forEach((v, j) => (sum += (c[j] as number) * v));
  const z = 1 - (pi * K) / N + (pi * sum) / N;
  const p = lr.map((v, j) => (z > 0 ? (pi * (c[j] as number) * v) / N / z : 0));
  const total = p.reduce((s, x) => s + x, 0);
  return { p, none: Math.max(0, 1 - total) };
}

export function fitModel(input: FitInput): MatchModel {
  const maxIterations = input.maxIterations ?? 200;
  // Company stage: every candidate pair is a pattern; accepted pairs are known matches.
  const patterns: ArrayLike<number>[] = [];
  const labels = new Map<number, 0 | 1>();
  for (const a of input.aces) {
    a.pairs.forEach((x, j) => {
      if (a.accept === j) labels.set(patterns.length, 1);
      patterns.push(x.company);
    });
  }
  const em = estimateEm({
    comparisons: (input.companyComparisons ?? COMPANY_COMPARISONS).map((c) => ({ id: c.id, levels: c.levels })),
    patterns, u: input.uCompany, estimateU: true, labels, lambda0: 0.05, maxIterations,
  });
  const company: MatchModel['company'] = { lambda: em.lambda, comparisons: em.comparisons, iterations: em.iterations, converged: em.converged };
  const cs = input.aces.map((a) => a.pairs.map((x, j) => (a.accept === j ? 1 : posterior(company, x.company))));
  if (input.entity) return { company, deal: { pi: 1, comparisons: [], iterations: 0, converged: true } };
  // Deal stage: EM of the per-ACE mixture (m and π; u fixed from random pairs).
  let pi = 0.5;
  let deal: ComparisonParams[] = DEAL_COMPARISONS.map((c, k) => ({
    id: c.id, levels: c.levels, m: normalize(c.levels.map((_, l) => (l === c.levels.length - 1 ? 0.1 : 2 ** -l)), 0), u: input.uDeal[k] as number[],
  }));
  let iterations = 0;
  let converged = false;
  for (let it = 0; it < maxIterations; it++) {
    iterations = it + 1;
    const counts = DEAL_COMPARISONS.map((c) => new Array<number>(c.levels.length).fill(0));
    let matched = 0;
    let present = 0;
    input.aces.forEach((a, i) => {
      const c = cs[i] as number[];
      let p: number[];
      if (a.accept !== undefined) p = a.pairs.map((_, j) => (j === a.accept ? 1 : 0));
      else if (a.none) p = a.pairs.map(() => 0);
      else {
        p = dealPosterior(pi, deal, c, a.pairs).p;
        if (a.rejects) p = p.map((x, j) => (a.rejects?.has(j) ? 0 : x));
      }
      const K = c.reduce((s, x) => s + x, 0);
      present += K / Math.max(K, 1);
      a.pairs.forEach((x, j) => {
        const g = p[j] as number;
        if (g <= 0) return;
        matched += g;
        DEAL_COMPARISONS.forEach((_, k) => {
          const l = x.deal[k] as number;
          if (l >= 0) (counts[k] as number[])[l]! += g;
        });
      });
    });
    const nextPi = Math.min(0.99, Math.max(0.01, matched / Math.max(1e-9, present)));
    const next = deal.map((d, k) => ({ ...d, m: normalize(counts[k] as number[], 0.05) }));
    let delta = Math.abs(nextPi - pi);
    next.forEach((d, k) => d.m.forEach((x, l) => (delta = Math.max(delta, Math.abs(x - ((deal[k] as ComparisonParams).m[l] as number))))));
    deal = next;
    pi = nextPi;
    if (delta < 1e-7) {
      converged = true;
      break;
    }
  }
  return { company, deal: { pi, comparisons: deal, iterations, converged } };
}

export type ScoredCandidate = { p: number; company: number; weight: number; contributions: Contribution[] };

export type ScoredAce = { candidates: ScoredCandidate[]; none: number };

/** Scores the candidates of one ACE record; contributions (bits) add up to logit2 of each probability. */
export function scoreAce(model: MatchModel, pairs: readonly ScoredPairInput[]): ScoredAce {
  const company = pairs.map((x) => posterior(model.company, x.company));
  const { p, none } = dealPosterior(model.deal.pi, model.deal.comparisons, company, pairs);
  const candidates = pairs.map((x, j): ScoredCandidate => {
    const contributions: Contribution[] = [{ id: 'company_prior', label: 'Prior: same customer', stage: 'prior', level: null, bits: logit2(model.company.lambda) }];
    model.company.comparisons.forEach((c, k) => {
      const l = x.company[k] as number;
      contributions.push({ id: c.id, label: LABELS.get(c.id) ?? c.id, stage: 'company', level: l < 0 ? null : (c.levels[l] ?? null), bits: weight(c, l) });
    });
    let dealBits = 0;
    model.deal.comparisons.forEach((c, k) => {
      const l = x.deal[k] as number;
      const bits = weight(c, l);
      dealBits += bits;
      contributions.push({ id: c.id, label: LABELS.get(c.id) ?? c.id, stage: 'deal', level: l < 0 ? null : (c.levels[l] ?? null), bits });
    });
    const pj = p[j] as number;
    const residual = logit2(pj) - logit2(company[j] as number) - dealBits;
    contributions.push({ id: 'deal_prior', label: "Prior: one of the customer's deals, other candidates", stage: 'prior', level: null, bits: residual });
    const total = contributions.reduce((s, c) => s + c.bits, 0);
    return { p: pj, company: company[j] as number, weight: total, contributions };
  });
  return { candidates, none };
}

export { fromLogit2 };
