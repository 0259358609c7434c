/**
 * Blocking: which Odoo opportunities an ACE opportunity is compared with. Several independent keys, so
 * one dirty field cannot hide a pair: AWS account id, registered domain (and its label under another
 * suffix), explicit CRM references, distinctive name tokens, name trigrams (typos, transliterations),
 * acronyms, semantic neighbours when embeddings exist — then every opportunity of a company found that way
 * (the deal stage needs all of a customer's deals).
 *
 * Invariant: pure and deterministic; candidates are returned in a stable order.
 */
import type { Prepared } from './types';

export type BlockKey = 'account' | 'domain' | 'domain_label' | 'crm_ref' | 'name_token' | 'name_trigram' | 'acronym' | 'semantic' | 'same_company';

export type Candidate = { odoo: number; keys: BlockKey[] };

export type BlockingOptions = {
  /** most name-similar opportunities kept per ACE record from the name keys */
  nameTopK?: number;
  /** a key value shared by more records than this is too generic to block on */
  maxPosting?: number;
  /** lowest trigram similarity for a name candidate */
  minTrigram?: number;
};

export type TokenStats = { idf(token: string): number };

/** IDF of name tokens over both sides (a record = a document). */
export function nameIdf(records: readonly Prepared[]): (token: string) => number {
  const df = new Map<string, number>();
  for (const r of records) {
    const seen = new Set<string>();
    for (const n of r.names) for (const t of n.tokenSet) seen.add(t);
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = Math.max(1, records.length);
  return (t) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1));
}

/** IDF of deal words over both sides. */
export function dealIdf(records: readonly Prepared[]): (token: string) => number {
  const df = new Map<string, number>();
  for (const r of records) for (const t of r.dealTokens) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(1, records.length);
  return (t) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1));
}

function push<K>(map: Map<K, number[]>, key: K, v: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== v) list.push(v);
  } else map.set(key, [v]);
}

function trigramsOf(fold: string): string[] {
  const p = ` ${fold.slice(0, 120)} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  return [...out];
}

export type OdooIndex = {
  records: readonly Prepared[];
  byAccount: Map<string, number[]>;
  byDomain: Map<string, number[]>;
  byLabel: Map<string, number[]>;
  byLead: Map<number, number[]>;
  byAce: Map<string, number[]>;
  byToken: Map<string, number[]>;
  byTrigram: Map<string, number[]>;
  trigramCount: Map<number, number>;
  byShort: Map<string, number[]>;
  byInitials: Map<string, number[]>;
  byCompany: Map<string, number[]>;
};

export function indexOdoo(records: readonly Prepared[]): OdooIndex {
  const ix: OdooIndex = {
    records, byAccount: new Map(), byDomain: new Map(), byLabel: new Map(), byLead: new Map(), byAce: new Map(), byToken: new Map(),
    byTrigram: new Map(), trigramCount: new Map(), byShort: new Map(), byInitials: new Map(), byCompany: new Map(),
  };
  records.forEach((r, i) => {
    for (const a of r.accounts) push(ix.byAccount, a, i);
    for (const d of r.domains) push(ix.byDomain, d, i);
    for (const d of r.domainLabels) if (d.length >= 3) push(ix.byLabel, d, i);
    for (const id of r.leadRefs) push(ix.byLead, id, i);
    for (const id of r.aceRefs) push(ix.byAce, id, i);
    if (r.companyId) push(ix.byCompany, r.companyId, i);
    const grams = new Set<string>();
    for (const n of r.names) {
      for (const t of n.tokenSet) push(ix.byToken, t, i);
      for (const g of trigramsOf(n.fold)) grams.add(g);
      if (n.tokens.length === 1) push(ix.byShort, n.tokens[0] as string, i);
      if (n.initials.length >= 2) push(ix.byInitials, n.initials, i);
    }
    for (const g of grams) push(ix.byTrigram, g, i);
    for (const t of r.titleTokens) push(ix.byToken, t, i);
    ix.trigramCount.set(i, grams.size);
  });
  return ix;
}

/** Candidates of one ACE record, with the keys that found each. `extra` = semantic neighbours (indexes). */
export function candidatesFor(ace: Prepared, ix: OdooIndex, idf: (t: string) => number, opts: BlockingOptions = {}, extra: readonly number[] = []): Candidate[] {
  const maxPosting = opts.maxPosting ?? 200;
  const topK = opts.nameTopK ?? 30;
  const minTrigram = opts.minTrigram ?? 0.3;
  const found = new Map<number, Set<BlockKey>>();
  const add = (list: readonly number[] | undefined, key: BlockKey, limit = maxPosting): void => {
    if (!list || list.length > limit) return;
    for (const i of list) {
      const s = found.get(i) ?? new Set<BlockKey>();
      s.add(key);
      found.set(i, s);
    }
  };
  for (const a of ace.accounts) add(ix.byAccount.get(a), 'account');
  for (const d of ace.domains) add(ix.byDomain.get(d), 'domain');
  for (const d of ace.domainLabels) if (d.length >= 3) add(ix.byLabel.get(d), 'domain_label');
  for (const id of ace.leadRefs) add(ix.byLead.get(id), 'crm_ref', Infinity);
  for (const id of ace.aceRefs) add(ix.byAce.get(id), 'crm_ref', Infinity);
  add(extra, 'semantic', Infinity);
  // Name keys: score each Odoo record by shared distinctive tokens and shared trigrams, keep the best.
  const score = new Map<number, number>();
  const keyOf = new Map<number, BlockKey>();
  for (const n of ace.names) {
    for (const t of n.tokenSet) {
      const w = idf(t);
      if (w < 2.5) continue;
      const list = ix.byToken.get(t);
      if (!list || list.length > maxPosting * 2) continue;
      for (const i of list) {
        score.set(i, (score.get(i) ?? 0) + w);
        keyOf.set(i, 'name_token');
      }
    }
    const grams = trigramsOf(n.fold);
    const shared = new Map<number, number>();
    for (const g of grams) for (const i of ix.byTrigram.get(g) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    for (const [i, s] of shared) {
      const sim = s / (grams.length + (ix.trigramCount.get(i) ?? 0) - s);
      if (sim < minTrigram) continue;
      const v = sim * 10;
      if (v > (score.get(i) ?? 0)) {
        score.set(i, v);
        if (!keyOf.has(i)) keyOf.set(i, 'name_trigram');
      }
    }
    if (n.tokens.length === 1) add(ix.byInitials.get(n.tokens[0] as string), 'acronym');
    if (n.initials.length >= 2) add(ix.byShort.get(n.initials), 'acronym');
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, topK);
  for (const [i] of ranked) add([i], keyOf.get(i) ?? 'name_token', Infinity);
  // Every opportunity of a company already found.
  for (const i of [...found.keys()]) {
    const c = ix.records[i]?.companyId;
    if (!c) continue;
    for (const j of ix.byCompany.get(c) ?? []) if (!found.has(j)) found.set(j, new Set<BlockKey>(['same_company']));
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([odoo, keys]) => ({ odoo, keys: [...keys].sort() }));
}
