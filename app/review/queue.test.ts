import { describe, expect, it } from 'vitest';
import type { DecisionListItem } from '../contract';
import { compareQueue, distinctValues, queuePredicate, scoreBand } from './queue';

const item = (aceId: string, over: Partial<DecisionListItem> = {}): DecisionListItem => ({
  aceId, customerName: `Customer ${aceId}`, outcome: 'needs_review', state: 'needs_review', by: 'rules', stale: false, open: [], programVersion: 'p', asOf: '2026-06-30',
  decidedAt: '2026-06-30T00:00:00Z', stage: 'Qualified', owner: 'Ana', matchStatus: 'review', matchProbability: 0.6, odooId: 7, odooName: 'Acme renewal', ...over,
});

describe('review queue', () => {
  it('bands match probabilities at 0.9 and 0.5; no probability is its own band', () => {
    expect([0.95, 0.9, 0.89, 0.5, 0.49, 0, null, undefined].map(scoreBand)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low', 'none', 'none']);
  });

  it('orders needs review first, then by state, then by ACE id', () => {
    const items = [item('O3', { state: 'approved' }), item('O2'), item('O1', { state: 'auto_reject' }), item('O0')];
    expect(items.sort(compareQueue).map((i) => i.aceId)).toEqual(['O0', 'O2', 'O1', 'O3']);
  });

  it('filters on every set filter at once; search is case-insensitive over id, customer, Odoo and owner', () => {
    const items = [item('O1'), item('O2', { stage: 'Launched', owner: 'Bo', matchProbability: 0.95 }), item('O3', { matchProbability: null, odooName: null, odooId: null })];
    const ids = (f: Parameters<typeof queuePredicate>[0]) => items.filter(queuePredicate(f)).map((i) => i.aceId);
    expect(ids({})).toEqual(['O1', 'O2', 'O3']);
    expect(ids({ band: 'high' })).toEqual(['O2']);
    expect(ids({ band: 'none' })).toEqual(['O3']);
    expect(ids({ stage: 'Qualified', owner: 'Ana' })).toEqual(['O1', 'O3']);
    expect(ids({ q: 'ACME' })).toEqual(['O1', 'O2']);
    expect(ids({ q: 'bo' })).toEqual(['O2']);
    expect(ids({ q: '#7' })).toEqual(['O1', 'O2']);
    expect(ids({ state: 'approved' })).toEqual([]);
  });

  it('lists distinct values for the filter menus', () => {
    expect(distinctValues([item('O1'), item('O2', { owner: 'Bo' }), item('O3', { owner: null })], (i) => i.owner)).toEqual(['Ana', 'Bo']);
  });
});
