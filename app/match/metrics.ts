/**
 * Evaluation of matcher results against labelled truth (the demo generator's ground truth, or any labelled
 * set): candidate recall@k, top-1 on answerable ACE opportunities, no-match precision/recall, pairwise
 * P/R/F1, expected calibration error, the automatic share and the precision of automatic accepts — overall
 * and per variation family / difficulty / kind of non-answerable record.
 *
 * Definitions (documented in `revops eval match --help` and the README):
 * - answerable = the ACE opportunity has at least one true match among the Odoo opportunities.
 * - recall@k = answerable whose true match is ranked ≤ k; candidate_recall = … among all its candidates.
 * - auto_share = answerable accepted automatically / answerable; auto_precision = automatic accepts whose
 *   primary link is a true match / automatic accepts (over all ACE opportunities).
 * - no-match precision/recall: automatic "no match" decisions vs ACE opportunities without a true match.
 * - pairwise: predicted pairs = the links of every decision whose probability ≥ 0.5 (the model's own best
 *   guess, automatic or not) vs all true match pairs.
 * - ECE: 10 equal-width bins of the top-1 candidate's probability vs "the top-1 candidate is a true match".
 */

export type TruthAce = { ace: string; matches: ReadonlySet<string>; difficulty: string; family: string; kind: string };

export type Prediction = {
  ace: string;
  ranked: readonly string[];
  top1p: number;
  candidateCount: number;
  allCandidates?: ReadonlySet<string>;
  status: 'matched' | 'review' | 'no_match';
  decidedBy: 'auto' | 'analyst' | null;
  links: readonly string[];
  probability: number;
};

export type GroupMetrics = {
  n: number; answerable: number; recall_at_1: number | null; recall_at_20: number | null; top1: number | null;
  auto_share: number | null; auto_accepts: number; auto_precision: number | null; nomatch_auto: number; false_accepts: number;
};

export type Metrics = {
  ace: number; answerable: number; unanswerable: number;
  candidate_recall: number; recall_at_1: number; recall_at_5: number; recall_at_20: number; top1_answerable: number;
  nomatch_precision: number; nomatch_recall: number; pair_precision: number; pair_recall: number; pair_f1: number; ece: number;
  auto_share: number; auto_precision: number; auto_accepts: number; auto_no_match: number; review: number;
  by_difficulty: Record<string, GroupMetrics>; by_family: Record<string, GroupMetrics>; by_kind: Record<string, GroupMetrics>;
};

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const maybe = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function group(items: readonly { t: TruthAce; p: Prediction | undefined }[]): GroupMetrics {
  const ans = items.filter((x) => x.t.matches.size > 0);
  const at = (x: { t: TruthAce; p: Prediction | undefined }, k: number) => (x.p?.ranked.slice(0, k) ?? []).some((id) => x.t.matches.has(id));
  const autoAcc = items.filter((x) => x.p?.status === 'matched' && x.p.decidedBy === 'auto');
  const good = autoAcc.filter((x) => x.t.matches.has(x.p?.links[0] ?? ''));
  return {
    n: items.length, answerable: ans.length,
    recall_at_1: maybe(ans.filter((x) => at(x, 1)).length, ans.length), recall_at_20: maybe(ans.filter((x) => at(x, 20)).length, ans.length),
    top1: maybe(ans.filter((x) => at(x, 1)).length, ans.length),
    auto_share: maybe(ans.filter((x) => x.p?.status === 'matched' && x.p.decidedBy === 'auto').length, ans.length),
    auto_accepts: autoAcc.length, auto_precision: maybe(good.length, autoAcc.length),
    nomatch_auto: items.filter((x) => x.p?.status === 'no_match' && x.p.decidedBy === 'auto').length,
    false_accepts: autoAcc.length - good.length,
  };
}

function groupBy(items: readonly { t: TruthAce; p: Prediction | undefined }[], key: (t: TruthAce) => string): Record<string, GroupMetrics> {
  const m = new Map<string, { t: TruthAce; p: Prediction | undefined }[]>();
  for (const x of items) m.set(key(x.t), [...(m.get(key(x.t)) ?? []), x]);
  return Object.fromEntries([...m.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k, group(v)]));
}

export function expectedCalibrationError(points: readonly { p: number; y: boolean }[], bins = 10): number {
  if (points.length === 0) return 0;
  const sum = new Array<number>(bins).fill(0);
  const hit = new Array<number>(bins).fill(0);
  const cnt = new Array<number>(bins).fill(0);
  for (const { p, y } of points) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    sum[b]! += p;
    hit[b]! += y ? 1 : 0;
    cnt[b]! += 1;
  }
  let e = 0;
  for (let b = 0; b < bins; b++) if ((cnt[b] as number) > 0) e += Math.abs((hit[b] as number) - (sum[b] as number)) / points.length;
  return e;
}

export function evaluate(truth: readonly TruthAce[], predictions: readonly Prediction[]): Metrics {
  const byAce = new Map(predictions.map((p) => [p.ace, p]));
  const items = truth.map((t) => ({ t, p: byAce.get(t.ace) }));
  const ans = items.filter((x) => x.t.matches.size > 0);
  const un = items.filter((x) => x.t.matches.size === 0);
  const within = (x: (typeof items)[number], k: number) => (x.p?.ranked.slice(0, k) ?? []).some((id) => x.t.matches.has(id));
  const inCands = (x: (typeof items)[number]) => (x.p?.allCandidates ? [...x.t.matches].some((id) => x.p?.allCandidates?.has(id)) : within(x, Infinity));
  const noMatch = items.filter((x) => x.p?.status === 'no_match' && x.p.decidedBy === 'auto');
  const noMatchTrue = noMatch.filter((x) => x.t.matches.size === 0);
  let tp = 0;
  let predicted = 0;
  let truePairs = 0;
  for (const x of items) {
    truePairs += x.t.matches.size;
    if (!x.p || x.p.probability < 0.5 || x.p.status === 'no_match') continue;
    predicted += x.p.links.length;
    tp += x.p.links.filter((id) => x.t.matches.has(id)).length;
  }
  const pp = ratio(tp, predicted);
  const pr = ratio(tp, truePairs);
  const autoAcc = items.filter((x) => x.p?.status === 'matched' && x.p.decidedBy === 'auto');
  const autoGood = autoAcc.filter((x) => x.t.matches.has(x.p?.links[0] ?? ''));
  const calib = items.filter((x) => x.p && x.p.ranked.length > 0).map((x) => ({ p: x.p?.top1p ?? 0, y: x.t.matches.has(x.p?.ranked[0] ?? '') }));
  return {
    ace: items.length, answerable: ans.length, unanswerable: un.length,
    candidate_recall: ratio(ans.filter(inCands).length, ans.length),
    recall_at_1: ratio(ans.filter((x) => within(x, 1)).length, ans.length),
    recall_at_5: ratio(ans.filter((x) => within(x, 5)).length, ans.length),
    recall_at_20: ratio(ans.filter((x) => within(x, 20)).length, ans.length),
    top1_answerable: ratio(ans.filter((x) => within(x, 1)).length, ans.length),
    nomatch_precision: ratio(noMatchTrue.length, noMatch.length), nomatch_recall: ratio(noMatchTrue.length, un.length),
    pair_precision: pp, pair_recall: pr, pair_f1: pp + pr === 0 ? 0 : (2 * pp * pr) / (pp + pr),
    ece: expectedCalibrationError(calib),
    auto_share: ratio(ans.filter((x) => x.p?.status === 'matched' && x.p.decidedBy === 'auto').length, ans.length),
    auto_precision: ratio(autoGood.length, autoAcc.length), auto_accepts: autoAcc.length, auto_no_match: noMatch.length,
    review: items.filter((x) => x.p?.status === 'review').length,
    by_difficulty: groupBy(ans, (t) => t.difficulty), by_family: groupBy(ans, (t) => t.family), by_kind: groupBy(un, (t) => t.kind),
  };
}
