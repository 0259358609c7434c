/**
 * String similarity primitives for the matcher. Pure, total functions: any input (empty, any script, any
 * length) returns a number in [0, 1] or a boolean and never throws.
 *
 * Invariants:
 * - Inputs are the normalizer's output (lower-case ASCII tokens) in practice, but nothing here assumes it.
 * - Cost is bounded: Jaro–Winkler compares at most MAX_LEN characters of each side, so a pathological
 *   100 kB name costs the same as a long one.
 */

const MAX_LEN = 200;

/** Jaro–Winkler similarity (prefix scale 0.1, up to 4 prefix characters). */
export function jaroWinkler(a: string, b: string): number {
  const s = a.length > MAX_LEN ? a.slice(0, MAX_LEN) : a;
  const t = b.length > MAX_LEN ? b.slice(0, MAX_LEN) : b;
  if (s === t) return s.length === 0 ? 0 : 1;
  if (s.length === 0 || t.length === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const sm = new Uint8Array(s.length);
  const tm = new Uint8Array(t.length);
  let matches = 0;
  for (let i = 0; i < s.length; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(t.length - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (tm[j] || s.charCodeAt(i) !== t.charCodeAt(j)) continue;
      sm[i] = 1;
      tm[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < s.length; i++) {
    if (!sm[i]) continue;
    while (!tm[k]) k++;
    if (s.charCodeAt(i) !== t.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / s.length + m / t.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < s.length && prefix < t.length && s[prefix] === t[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Character trigrams of a key, padded so short keys still have some ("ab" → " ab", "ab "). */
export function trigrams(key: string): Set<string> {
  const out = new Set<string>();
  const k = key.length > MAX_LEN * 4 ? key.slice(0, MAX_LEN * 4) : key;
  if (k.length === 0) return out;
  const p = ` ${k} `;
  for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  return out;
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** |A ∩ B| / min(|A|, |B|): 1 when one set contains the other; 0 when either is empty. */
export function containment<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / small.size;
}

/** Trigram similarity of two keys (the pg_trgm definition: Jaccard of padded trigram sets). */
export function trigramSimilarity(a: string, b: string): number {
  return jaccard(trigrams(a), trigrams(b));
}

/** Initials of a token list ("nordic freight solutions" → "nfs"); '' for fewer than two tokens. */
export function initials(tokens: readonly string[]): string {
  return tokens.length < 2 ? '' : tokens.map((t) => t.charAt(0)).join('');
}

/**
 * Does `short` look like the acronym of `tokens`? Either the initials of all tokens or of the tokens
 * without a trailing generic word ("ABC" ↔ "Arctic Blue Consulting", "IBM" ↔ "International Business
 * Machines"). Only for acronyms of 2–6 letters.
 */
export function isAcronymOf(short: string, tokens: readonly string[]): boolean {
  if (short.length < 2 || short.length > 6 || !/^[a-z]+$/.test(short)) return false;
  const full = initials(tokens);
  if (full === short) return true;
  return tokens.length > 2 && initials(tokens.slice(0, -1)) === short;
}

/** Damerau–Levenshtein (optimal string alignment) distance, capped: returns cap+1 once it exceeds `cap`. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  if (a.length > MAX_LEN || b.length > MAX_LEN) return a === b ? 0 : cap + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(n + 1).fill(0);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    prev2 = prev;
    prev = cur;
  }
  const d = prev[n] as number;
  return d > cap ? cap + 1 : d;
}
