/**
 * Top movers between two periods: which keys (accounts or products) changed most, by absolute change of
 * a figure (net cost by default). A key present in one period only moves from or to zero.
 */
export type Mover = { key: string; before: number; after: number; change: number; changePct: number | null };

export function topMovers(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>, limit: number): Mover[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const out: Mover[] = [];
  for (const key of keys) {
    const b = before.get(key) ?? 0;
    const a = after.get(key) ?? 0;
    const change = a - b;
    if (Math.abs(change) < 0.005) continue;
    out.push({ key, before: b, after: a, change, changePct: Math.abs(b) < 0.005 ? null : change / Math.abs(b) });
  }
  out.sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.key.localeCompare(y.key));
  return out.slice(0, limit);
}
