/**
 * The whole ACE ↔ Odoo matching run on rows already read: prepare, block, compare, estimate u from random
 * pairs, fit the two-stage model by EM, score, rank and assign.
 *
 * Invariants: pure and deterministic (random pairs come from a fixed-seed generator), so the same core
 * rows and decisions give the same results, and re-running is idempotent.
 */
import { candidatesFor, dealIdf, indexOdoo, nameIdf, type BlockKey } from './blocking';
import { COMPANY_COMPARISONS, DEAL_COMPARISONS, compareAll, type CompareContext } from './compare';
import { SEMANTIC_COMPARISONS, semanticU, type PairSimilarity, type SimilarityLookup } from './semantic';
import { levelFrequencies, logit2 } from './fellegi-sunter';
import { assign, DEFAULT_THRESHOLDS, rankCandidates, type AnalystDecision, type Assignment, type MatchThresholds } from './assign';
import { fitModel, scoreAce, type AceCandidates, type Contribution, type MatchModel, type ScoredAce } from './model';
import { calibrate, fitCalibration, type Calibration } from './calibrate';
import { prepareAce, prepareOdoo } from './prepare';
import type { AceOpportunityInput, OdooOpportunityInput, Prepared } from './types';

export type EngineOptions = {
  thresholds?: MatchThresholds;
  /** candidates kept per ACE opportunity in the results (ranked) */
  keep?: number;
  randomPairs?: number;
  /** analyst decisions by ACE id: accept one Odoo id, reject some, or no match */
  decisions?: ReadonlyMap<string, { accept?: string; rejects?: readonly string[]; none?: boolean }>;
  /** semantic neighbours (Odoo source ids) by ACE id, when embeddings exist */
  semantic?: ReadonlyMap<string, readonly string[]>;
  /**
   * Entity matching (`revops match csv` on company / person tables): one stage, P(same entity) from the
   * company comparisons; the deal stage is not used (no deal comparisons, no mixture weight to estimate).
   */
  entity?: boolean;
  /**
   * Embedding similarities (semantic signal on): adds the dense and sparse comparisons to the company
   * stage. Only through `planEngine(...).finish(similarities)`, which knows the blocked pairs.
   */
};

/** Embedding similarities of the plan's blocked pairs (in `pairs` order) and of sampled random pairs. */
export type SemanticSimilarities = { pairs: readonly PairSimilarity[]; randomSample: readonly PairSimilarity[] };

/**
 * A run split at the blocking: the service reads the blocked pairs, fetches their embedding similarities
 * (set-based, one query per chunk) and finishes the run with them.
 */
export type EnginePlan = {
  /** every blocked pair as (ACE key, Odoo key) */
  pairs: readonly (readonly [string, string])[];
  finish(similarities?: SemanticSimilarities): EngineResult;
};

export type RankedCandidate = {
  odoo: string;
  rank: number;
  p: number;
  company: number;
  weight: number;
  keys: BlockKey[];
  levels: Record<string, string | null>;
  contributions: Contribution[];
};

export type AceResult = { ace: string; candidates: RankedCandidate[]; candidateCount: number; none: number; assignment: Assignment };

export type EngineResult = {
  results: AceResult[];
  model: MatchModel;
  calibration: Calibration;
  stats: { ace: number; odoo: number; pairs: number; withCandidates: number; byKey: Record<string, number>; randomPairs: number };
};

/**
 * One live ACE registration per Odoo deal: when several automatically matched ACE opportunities claim the
 * same Odoo opportunity, the most probable keeps it and the others go to review (a channel conflict or a
 * duplicate registration needs a person). Rejected ACE opportunities do not compete: a deal resubmitted
 * after a rejection has both registrations linked (spec §4.4 re-submissions).
 */
function resolveClaims(results: AceResult[], aceRows: readonly AceOpportunityInput[]): void {
  const rejected = new Set(aceRows.filter((a) => (a.status ?? '').toLowerCase() === 'rejected').map((a) => a.sourceId));
  const claims = new Map<string, AceResult[]>();
  for (const r of results) {
    if (r.assignment.status !== 'matched' || r.assignment.decidedBy !== 'auto' || rejected.has(r.ace)) continue;
    for (const o of r.assignment.odoo) claims.set(o, [...(claims.get(o) ?? []), r]);
  }
  for (const [odooId, list] of claims) {
    if (list.length < 2) continue;
    const ranked = [...list].sort((a, b) => b.assignment.probability - a.assignment.probability || a.ace.localeCompare(b.ace));
    for (const r of ranked.slice(1)) {
      if (r.assignment.status !== 'matched') continue;
      r.assignment = { ...r.assignment, status: 'review', decidedBy: null, conflict: { odoo: odooId, ace: (ranked[0] as AceResult).ace } };
    }
  }
}

/** Fetches the similarities of every blocked pair in one call and serves them by (ACE key, Odoo key). */
function similarityLookup(pairs: readonly (readonly [string, string])[], got: readonly PairSimilarity[]): SimilarityLookup {
  if (got.length !== pairs.length) throw new Error(`Expected ${pairs.length} pair similarities, got ${got.length}`);
  const byPair = new Map<string, PairSimilarity>();
  pairs.forEach((p, j) => {
    const s = got[j];
    if (s) byPair.set(`${p[0]}\u0000${p[1]}`, s);
  });
  return (ace, odooKey) => byPair.get(`${ace}\u0000${odooKey}`);
}

/** sfc32-style small PRNG with a fixed seed: the random pairs are the same on every run. */
function prng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = 1;
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

export function runEngine(odooRows: readonly OdooOpportunityInput[], aceRows: readonly AceOpportunityInput[], opts: EngineOptions = {}): EngineResult {
  return planEngine(odooRows, aceRows, opts).finish();
}

export function planEngine(odooRows: readonly OdooOpportunityInput[], aceRows: readonly AceOpportunityInput[], opts: EngineOptions = {}): EnginePlan {
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const keep = opts.keep ?? 20;
  const odoo = odooRows.map(prepareOdoo);
  const aces = aceRows.map(prepareAce);
  const odooById = new Map(odoo.map((o, i) => [o.key, i]));
  const all = [...odoo, ...aces];
  const nIdf = nameIdf(all);
  const dIdf = dealIdf(all);
  const leadsByCompany = new Map<string, Set<number>>();
  for (const o of odoo) {
    if (!o.companyId) continue;
    const s = leadsByCompany.get(o.companyId) ?? new Set<number>();
    for (const id of o.leadRefs) s.add(id);
    leadsByCompany.set(o.companyId, s);
  }
  const empty = new Set<number>();
  const ctx: CompareContext = {
    nameIdf: nIdf,
    dealIdf: dIdf,
    companyLeads: (o: Prepared) => (o.companyId ? (leadsByCompany.get(o.companyId) ?? empty) : new Set(o.leadRefs)),
  };
  const index = indexOdoo(odoo);
  const byKey: Record<string, number> = {};
  let pairs = 0;
  let withCandidates = 0;
  const blockedKeys = aces.map((a) => {
    const extra = (opts.semantic?.get(a.key) ?? []).map((id) => odooById.get(id)).filter((i): i is number => i !== undefined);
    const cands = candidatesFor(a, index, nIdf, {}, extra);
    pairs += cands.length;
    if (cands.length > 0) withCandidates++;
    for (const c of cands) for (const k of c.keys) byKey[k] = (byKey[k] ?? 0) + 1;
    return cands;
  });
  const pairKeys: [string, string][] = [];
  aces.forEach((a, i) => {
    for (const c of blockedKeys[i] ?? []) pairKeys.push([a.key, (odoo[c.odoo] as Prepared).key]);
  });
  return { pairs: pairKeys, finish: (similarities) => finishEngine(similarities) };

  function finishEngine(similarities: SemanticSimilarities | undefined): EngineResult {
    const dealList = opts.entity ? [] : DEAL_COMPARISONS;
    const companyList = similarities ? [...COMPANY_COMPARISONS, ...SEMANTIC_COMPARISONS] : COMPANY_COMPARISONS;
    const ctxRun: CompareContext = similarities ? { ...ctx, similarity: similarityLookup(pairKeys, similarities.pairs) } : ctx;
    const blocked = aces.map((a, i) =>
      (blockedKeys[i] ?? []).map((c) => {
        const o = odoo[c.odoo] as Prepared;
        return { odoo: c.odoo, keys: c.keys, company: compareAll(a, o, ctxRun, companyList), deal: compareAll(a, o, ctx, dealList) };
      }),
    );
    // u: level frequencies among random pairs (almost all of them are different customers and deals).
  const randomPairs = Math.min(opts.randomPairs ?? 40_000, aces.length * odoo.length);
    const rand = prng(20_261_129);
    const uc: Int8Array[] = [];
    const ud: Int8Array[] = [];
    for (let i = 0; i < randomPairs; i++) {
      const a = aces[Math.floor(rand() * aces.length)] as Prepared;
      const o = odoo[Math.floor(rand() * odoo.length)] as Prepared;
      uc.push(compareAll(a, o, ctx, companyList));
      ud.push(compareAll(a, o, ctx, dealList));
    }
    const uCompany = levelFrequencies(uc, companyList.map((c) => c.levels.length));
    // Random pairs have no fetched similarity (level -1): their u starts from the sampled random pairs.
    if (similarities) uCompany.splice(COMPANY_COMPARISONS.length, SEMANTIC_COMPARISONS.length, ...semanticU(similarities.randomSample));
    const uDeal = levelFrequencies(ud, dealList.map((c) => c.levels.length));
    const fitInput: AceCandidates[] = aces.map((a, i) => {
      const cands = blocked[i] ?? [];
      const d = opts.decisions?.get(a.key);
      const pos = (id: string | undefined) => (id === undefined ? -1 : cands.findIndex((c) => (odoo[c.odoo] as Prepared).key === id));
      const accept = pos(d?.accept);
      const rejects = new Set((d?.rejects ?? []).map((r) => pos(r)).filter((x) => x >= 0));
      return { pairs: cands, accept: accept >= 0 ? accept : undefined, rejects, none: d?.none ?? false };
    });
    const model = fitModel({ aces: fitInput, uCompany, uDeal, companyComparisons: companyList, entity: opts.entity });
    const scoredAll = aces.map((_, i) => scoreAce(model, blocked[i] ?? []));
    const calibration = fitCalibration(calibrationPoints(aces, blocked, scoredAll, odoo, opts.decisions));
    if (calibration.fitted) for (const s of scoredAll) applyCalibration(calibration, s);
    const results = aces.map((a, i): AceResult => {
      const cands = blocked[i] ?? [];
      const scored = scoredAll[i] as ScoredAce;
      const d = opts.decisions?.get(a.key);
      const rejects = new Set(d?.rejects ?? []);
      const all = cands.map((c, j) => {
        const o = odoo[c.odoo] as Prepared;
        const s = scored.candidates[j] as (typeof scored.candidates)[number];
        const levels: Record<string, string | null> = {};
        companyList.forEach((cmp, k) => (levels[cmp.id] = (c.company[k] as number) < 0 ? null : (cmp.levels[c.company[k] as number] ?? null)));
        dealList.forEach((cmp, k) => (levels[cmp.id] = (c.deal[k] as number) < 0 ? null : (cmp.levels[c.deal[k] as number] ?? null)));
        return { odoo: o.key, p: rejects.has(o.key) ? 0 : s.p, company: s.company, weight: s.weight, keys: c.keys, levels, contributions: s.contributions, idx: c.odoo };
      });
      const ranked = rankCandidates(all);
      const analyst: AnalystDecision | undefined = d?.none ? { decision: 'no_match' } : d?.accept ? { decision: 'accept', odoo: d.accept } : undefined;
      const assignment = assign(
        ranked.map((c) => {
          const row = odooRows[c.idx] as OdooOpportunityInput;
          return { odoo: c.odoo, p: c.p, leadName: row.name, companyId: (odoo[c.idx] as Prepared).companyId, created: row.created, revenue: row.expectedRevenue };
        }),
        scored.none, thresholds, analyst,
      );
      return {
        ace: a.key,
        candidates: ranked.slice(0, keep).map((c, r) => ({ odoo: c.odoo, rank: r + 1, p: c.p, company: c.company, weight: c.weight, keys: c.keys, levels: c.levels, contributions: c.contributions })),
        candidateCount: cands.length,
        none: scored.none,
        assignment,
      };
    });
    resolveClaims(results, aceRows);
    return { results, model, calibration, stats: { ace: aces.length, odoo: odoo.length, pairs, withCandidates, byKey, randomPairs } };
  }
}

/** Analyst-labelled pairs with the model's log-odds: accepted = 1, rejected = 0, "no match" = 0 for its top candidate. */
function calibrationPoints(
  aces: readonly Prepared[], blocked: readonly { odoo: number }[][], scored: readonly ScoredAce[], odoo: readonly Prepared[], decisions: EngineOptions['decisions'],
): { x: number; y: 0 | 1 }[] {
  const out: { x: number; y: 0 | 1 }[] = [];
  if (!decisions || decisions.size === 0) return out;
  const lo = (p: number): number => Math.log(Math.max(1e-15, p) / Math.max(1e-15, 1 - p));
  aces.forEach((a, i) => {
    const d = decisions.get(a.key);
    if (!d) return;
    const cands = blocked[i] ?? [];
    const s = scored[i] as ScoredAce;
    cands.forEach((c, j) => {
      const key = (odoo[c.odoo] as Prepared).key;
      const p = s.candidates[j]?.p ?? 0;
      if (d.accept === key) out.push({ x: lo(p), y: 1 });
      else if (d.rejects?.includes(key)) out.push({ x: lo(p), y: 0 });
    });
    if (d.none) {
      const best = s.candidates.reduce((m, c) => Math.max(m, c.p), 0);
      if (cands.length > 0) out.push({ x: lo(best), y: 0 });
    }
  });
  return out;
}

/** Calibrated probabilities (and a 'calibration' contribution, so the bits still add up); Σ p ≤ 1 kept. */
function applyCalibration(c: Calibration, s: ScoredAce): void {
  const cal = s.candidates.map((x) => calibrate(c, x.p));
  const sum = cal.reduce((t, x) => t + x, 0);
  const scale = sum > 1 ? 1 / sum : 1;
  s.candidates.forEach((x, j) => {
    const p = (cal[j] as number) * scale;
    const bits = logit2(p) - logit2(x.p);
    x.contributions = [...x.contributions, { id: 'calibration', label: 'Calibration from analyst decisions', stage: 'prior', level: null, bits }];
    x.weight += bits;
    x.p = p;
  });
  s.none = Math.max(0, 1 - cal.reduce((t, x) => t + x * scale, 0));
}
