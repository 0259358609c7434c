/**
 * Calibration of the model's probabilities from analyst decisions (Platt scaling on the log-odds).
 *
 * The Fellegi–Sunter posterior is calibrated when its assumptions hold (conditionally independent
 * comparisons); real data bend them, usually towards overconfidence. Once analysts have decided enough
 * pairs both ways, p' = σ(a · logit(p) + b) is fitted to their labels (logistic regression with a weak
 * prior pulling towards the identity a = 1, b = 0, so a few labels cannot swing it). Until then the
 * identity is used.
 *
 * Invariant: pure; the identity map is returned unless both classes have at least MIN_PER_CLASS labels.
 */

export type Calibration = { a: number; b: number; labels: number; fitted: boolean };

export const IDENTITY: Calibration = { a: 1, b: 0, labels: 0, fitted: false };
export const MIN_PER_CLASS = 10;

const clampLogit = (x: number): number => Math.max(-30, Math.min(30, x));

/** x = natural log-odds of the model probability, y = the analyst's label. */
export function fitCalibration(points: readonly { x: number; y: 0 | 1 }[], prior = 1): Calibration {
  const pos = points.filter((p) => p.y === 1).length;
  const neg = points.length - pos;
  if (pos < MIN_PER_CLASS || neg < MIN_PER_CLASS) return { ...IDENTITY, labels: points.length };
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    // Newton step on the penalized negative log-likelihood (penalty prior/2 · ((a − 1)² + b²)).
    let ga = prior * (a - 1);
    let gb = prior * b;
    let haa = prior;
    let hab = 0;
    let hbb = prior;
    for (const { x: x0, y } of points) {
      const x = clampLogit(x0);
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const w = p * (1 - p);
      ga += (p - y) * x;
      gb += p - y;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  if (!Number.isFinite(a) || !Number.isFinite(b) || a <= 0) return { ...IDENTITY, labels: points.length };
  return { a, b, labels: points.length, fitted: true };
}

/** The calibrated probability of a model probability. */
export function calibrate(c: Calibration, p: number): number {
  if (!c.fitted) return p;
  const q = Math.min(1 - 1e-15, Math.max(1e-15, p));
  return 1 / (1 + Math.exp(-(c.a * clampLogit(Math.log(q / (1 - q))) + c.b)));
}
