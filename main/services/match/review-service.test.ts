/**
 * The match review channels on the tiny demo (real sync, transform, match, decide) on both engines:
 * candidates side by side with contributions that explain the weight, an analyst choice that the
 * next decide and the next match run both keep, and the review queue's columns and filters.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { scoreBand } from '../../../app/review/queue';
import { describeEngines } from '../../../db/testing';
import { resolveAsOf } from '../decide/as-of';
import { runDecide } from '../decide';
import { explainDecision, listDecisions } from '../decide/review';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';
import { runMatch } from './index';
import { matchCandidates, matchChoose } from './review-service';

describeEngines('match review channels on the tiny demo', (getDb) => {
  let asOf: string;
  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-match-review-'));
    await syncTinyDemo(getDb(), dataDir);
    await runTransform({ db: getDb() });
    await runMatch({ db: getDb() });
    asOf = (await resolveAsOf(dataDir)).asOf;
    await runDecide({ db: getDb(), asOf, tenant: 'demo' });
  }, 240_000);

  const withCandidates = async (min: number) =>
    (await getDb().query<{ ace_source_id: string }>('SELECT ace_source_id FROM core.match_candidates GROUP BY 1 HAVING count(*) >= $1 ORDER BY 1', [min])).rows.map((r) => r.ace_source_id);

  it('shows the ACE record beside its ranked candidates; contributions add up to the match weight', async () => {
    const [aceId] = await withCandidates(2);
    if (!aceId) throw new Error('the tiny demo has an ACE opportunity with two candidates');
    const c = await matchCandidates(getDb(), aceId);
    expect(c.ace.fields.find((f) => f.key === 'company')?.value).toBeTruthy();
    expect(c.candidates.length).toBeGreaterThanOrEqual(2);
    expect(c.candidates.map((x) => x.rank)).toEqual(c.candidates.map((_, i) => i + 1));
    expect(c.semantic.on).toBe(false);
    expect(c.semantic.reason).toMatch(/model/i);
    for (const x of c.candidates) {
      expect(x.fields.map((f) => f.key)).toEqual(c.ace.fields.map((f) => f.key));
      const company = x.contributions.filter((k) => k.stage !== 'deal').reduce((s, k) => s + k.bits, 0);
      expect(x.contributions.length).toBeGreaterThan(0);
      expect(Number.isFinite(company)).toBe(true);
    }
    expect(c.assignment?.candidateCount).toBeGreaterThanOrEqual(c.candidates.length);
    await expect(matchCandidates(getDb(), 'O0000000')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an analyst choice is appended, supersedes the earlier one, and decide and the next match keep it', async () => {
    const db = getDb();
    const [aceId] = await withCandidates(2);
    if (!aceId) throw new Error('no ACE opportunity with two candidates');
    const before = await matchCandidates(db, aceId);
    const other = before.candidates.find((x) => !x.assigned) ?? before.candidates[1];
    if (!other) throw new Error('no second candidate');
    const first = await matchChoose(db, { aceId, odooId: before.candidates[0]?.odooId ?? null, reason: 'first look', user: 'ana' });
    const chosen = await matchChoose(db, { aceId, odooId: other.odooId, reason: 'same customer, other deal', user: 'ana' });
    expect(chosen).toMatchObject({ aceId, status: 'matched', odooId: other.odooId });
    expect(chosen.decisionId).not.toBe(first.decisionId);

    const after = await matchCandidates(db, aceId);
    expect(after.assignment).toMatchObject({ status: 'matched', decidedBy: 'analyst', odooIds: [other.odooId] });
    expect(after.candidates.filter((x) => x.assigned).map((x) => x.odooId)).toEqual([other.odooId]);
    expect(after.decisions.map((d) => [d.decision, d.odooId, d.superseded, d.note])).toEqual([
      ['accept', other.odooId, false, 'same customer, other deal'],
      ['accept', before.candidates[0]?.odooId, true, 'first look'],
    ]);

    await runDecide({ db, asOf, tenant: 'demo' });
    const facts = (await explainDecision(db, 'demo', aceId)).facts;
    expect(facts).toMatchObject({ match_status: 'matched', match_decided_by: 'analyst', matched_odoo_id: other.odooId, matched_odoo_name: other.name });

    await runMatch({ db });
    const rerun = await matchCandidates(db, aceId);
    expect(rerun.assignment).toMatchObject({ status: 'matched', decidedBy: 'analyst', odooIds: [other.odooId] });

    const none = await matchChoose(db, { aceId, odooId: null, reason: 'not in the CRM at all', user: 'ana' });
    expect(none.status).toBe('no_match');
    expect((await matchCandidates(db, aceId)).assignment).toMatchObject({ status: 'no_match', decidedBy: 'analyst', odooIds: [] });
    await expect(matchChoose(db, { aceId, odooId: 99_999_999, reason: 'typo', user: 'ana' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('decision:list carries the queue columns and filters by band, stage, owner and search', async () => {
    const db = getDb();
    const all = await listDecisions(db, { tenant: 'demo', limit: 5000, offset: 0 });
    expect(all.items.length).toBeGreaterThan(0);
    const withStage = all.items.find((i) => i.stage && i.owner);
    if (!withStage?.stage || !withStage.owner) throw new Error('the tiny demo has ACE stages and owners');
    const byStage = await listDecisions(db, { tenant: 'demo', limit: 5000, offset: 0, stage: withStage.stage });
    expect(byStage.items.length).toBeGreaterThan(0);
    expect(byStage.items.every((i) => i.stage === withStage.stage)).toBe(true);
    expect(byStage.items.length).toBe(all.items.filter((i) => i.stage === withStage.stage).length);
    const byOwner = await listDecisions(db, { tenant: 'demo', limit: 5000, offset: 0, owner: withStage.owner });
    expect(byOwner.items.every((i) => i.owner === withStage.owner)).toBe(true);
    for (const band of ['high', 'medium', 'low', 'none'] as const) {
      const r = await listDecisions(db, { tenant: 'demo', limit: 5000, offset: 0, band });
      expect(r.items.length).toBe(all.items.filter((i) => scoreBand(i.matchProbability) === band).length);
    }
    const q = await listDecisions(db, { tenant: 'demo', limit: 5000, offset: 0, q: withStage.aceId.toLowerCase() });
    expect(q.items.map((i) => i.aceId)).toEqual([withStage.aceId]);
    const matched = all.items.find((i) => i.matchStatus === 'matched' && i.odooName);
    expect(matched?.odooId).toBeTypeOf('number');
  });
});
