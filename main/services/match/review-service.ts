/**
 * The match review channels for the handler registry: match:candidates (ACE vs its Odoo candidates with
 * scores and signal contributions) and match:choose (the analyst picks the match or "no match").
 *
 * Invariant: a choice is applied the way the matcher applies analyst decisions (app/match/assign.ts:
 * matched / no_match, decided by 'analyst', the chosen target kept), in the same transaction as the
 * appended decision, so the next decide already sees it and the next match run reproduces it.
 */
import type { InvokeOutput, MatchContribution, ParsedInput } from '../../../app/contract';
import { HostError } from '../../../app/contract';
import { assign, DEFAULT_THRESHOLDS } from '../../../app/match/assign';
import { explainAssignment } from '../../../app/match/explain';
import type { Db } from '../../../db/types';
import {
  applyChoiceToAssignment, insertMatchChoice, readAceRecord, readAssignment, readCandidates, readMatchDecisions, readOdooRecords, readRunSemantic,
} from './review-queries';

export type MatchReviewDeps = { warehouse: () => Promise<Db> };

const unknownAce = (aceId: string) => new HostError({ code: 'not_found', message: `No ACE opportunity ${aceId}.`, hint: 'ACE ids look like O4812093; sync and match first.' });

export async function matchCandidates(db: Db, aceId: string): Promise<InvokeOutput<'match:candidates'>> {
  const ace = await readAceRecord(db, aceId);
  if (!ace) throw unknownAce(aceId);
  const [assignment, rows, decisions] = await Promise.all([readAssignment(db, aceId), readCandidates(db, aceId), readMatchDecisions(db, aceId)]);
  const linked = new Set(assignment?.odoo_source_ids ?? []);
  const odoo = await readOdooRecords(db, [...new Set([...rows.map((r) => r.odoo_source_id), ...linked])]);
  const semantic = await readRunSemantic(db, assignment?.run_id ?? rows[0]?.run_id ?? null);
  return {
    aceId,
    ace,
    assignment: assignment && {
      status: assignment.status, decidedBy: assignment.decided_by, odooIds: assignment.odoo_source_ids, probability: Number(assignment.probability),
      noMatchProbability: Number(assignment.no_match_probability), candidateCount: assignment.candidate_count, explanation: assignment.explanation,
    },
    candidates: rows.map((r) => {
      const o = odoo.get(r.odoo_source_id);
      return {
        odooId: r.odoo_source_id, name: o?.name ?? `Odoo #${r.odoo_source_id}`, rank: r.rank, probability: Number(r.probability), companyProbability: Number(r.company_probability),
        matchWeight: Number(r.match_weight), blockKeys: r.block_keys, levels: r.levels, contributions: r.contributions as MatchContribution[], fields: o?.fields ?? [],
        assigned: assignment?.status !== 'no_match' && linked.has(r.odoo_source_id),
      };
    }),
    semantic,
    decisions: decisions.map((d) => ({ decision: d.decision, odooId: d.odoo_source_id, by: d.decided_by, at: d.decided_at.toISOString(), note: d.note, superseded: d.superseded_at !== null })),
  };
}

export async function matchChoose(db: Db, input: ParsedInput<'match:choose'>): Promise<InvokeOutput<'match:choose'>> {
  return db.transaction(async (tx) => {
    // one choice at a time per opportunity: the supersede and the append must not interleave
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`match:${input.aceId}`]);
    if (!(await readAceRecord(tx, input.aceId))) throw unknownAce(input.aceId);
    const rows = await readCandidates(tx, input.aceId);
    const current = await readAssignment(tx, input.aceId);
    if (input.odooId !== null) {
      const exists = (await tx.query('SELECT 1 FROM core.odoo_opportunities WHERE source_id = $1', [input.odooId])).rowCount > 0;
      if (!exists) throw new HostError({ code: 'not_found', message: `No Odoo opportunity #${input.odooId}.` });
    }
    const decisionId = await insertMatchChoice(tx, { aceId: input.aceId, odooId: input.odooId, by: input.user.trim(), note: input.reason.trim() });
    const cands = rows.map((r) => ({ odoo: String(r.odoo_source_id), p: Number(r.probability), leadName: '', companyId: null, created: null }));
    const a = assign(cands, Number(current?.no_match_probability ?? 0), DEFAULT_THRESHOLDS,
      input.odooId === null ? { decision: 'no_match' } : { decision: 'accept', odoo: String(input.odooId) });
    const name = input.odooId === null ? null : ((await readOdooRecords(tx, [input.odooId])).get(input.odooId)?.name ?? null);
    if (current) await applyChoiceToAssignment(tx, { aceId: input.aceId, odooId: input.odooId, probability: a.probability, explanation: explainAssignment(a, undefined, name) });
    return { aceId: input.aceId, status: input.odooId === null ? 'no_match' : 'matched', odooId: input.odooId, decisionId };
  });
}

export function createMatchReviewService(deps: MatchReviewDeps) {
  return {
    'match:candidates': async (input: ParsedInput<'match:candidates'>) => matchCandidates(await deps.warehouse(), input.aceId),
    'match:choose': async (input: ParsedInput<'match:choose'>) => matchChoose(await deps.warehouse(), input),
  };
}
