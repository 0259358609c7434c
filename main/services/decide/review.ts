/**
 * Reading and acting on POD decisions: the list, one decision explained (rules, facts, analyst trail,
 * history), analyst actions appended as events, and the rule set in force. Used by the CLI
 * (`revops explain`) and the contract channels (decision:*, rules:active).
 */
import type { DecisionExplain, DecisionList, DecisionSetResult, RulesActive } from '../../../app/contract';
import { HostError } from '../../../app/contract';
import type { AnalystAction, AutoOutcome, DecisionEvent, DecisionStateName, RuleProblem } from '../../../app/rules';
import { deriveState, refuseAction, RuleSetError } from '../../../app/rules';
import type { Db, Queryable } from '../../../db/types';
import type { EventRow } from '../../../db/queries/decide';
import { insertEvent, listCurrentDecisions, readCurrentDecision, readEventById, readEvents, readRuleSet } from '../../../db/queries/decide';
import { activeRuleSet, checkTenant } from './index';
import { rulesDir } from './rule-files';
import type { QueueFilter } from '../../../app/contract';
import { filterQueue, withQueueColumns } from '../match/review-queue';

const day = (d: Date) => d.toISOString().slice(0, 10);
const toEvent = (e: EventRow): DecisionEvent => ({ action: e.action as AnalystAction, reason: e.reason, actor: e.actor, at: e.created_at.toISOString(), decisionId: e.decision_id });

export async function listDecisions(db: Queryable, input: { tenant: string; state?: DecisionStateName | undefined; limit: number; offset: number } & QueueFilter): Promise<DecisionList> {
  const tenant = checkTenant(input.tenant);
  const rows = await listCurrentDecisions(db, tenant);
  const events = new Map<string, DecisionEvent[]>();
  for (const e of await readEvents(db, tenant, null)) events.set(e.ace_source_id, [...(events.get(e.ace_source_id) ?? []), toEvent(e)]);
  const decided = rows.map((r) => {
    const s = deriveState(r.outcome as AutoOutcome, r.decision_id, events.get(r.ace_source_id) ?? []);
    return {
      aceId: r.ace_source_id, customerName: r.customer_name, outcome: r.outcome as DecisionList['items'][number]['outcome'], state: s.state, by: s.by, stale: s.stale,
      open: r.failed, programVersion: r.program_version, asOf: day(r.as_of), decidedAt: r.decided_at.toISOString(),
    };
  });
  // the review queue's columns and filters (stage, owner, match score band, search): main/services/match/review-queue.ts
  const all = filterQueue(await withQueueColumns(db, decided), input);
  const counts: Record<string, number> = {};
  for (const x of all) counts[x.state] = (counts[x.state] ?? 0) + 1;
  const filtered = input.state ? all.filter((x) => x.state === input.state) : all;
  return { tenant, total: filtered.length, counts, items: filtered.slice(input.offset, input.offset + input.limit) };
}

export async function explainDecision(db: Queryable, tenantIn: string, aceId: string): Promise<DecisionExplain> {
  const tenant = checkTenant(tenantIn);
  const d = await readCurrentDecision(db, tenant, aceId);
  if (!d) {
    const known = (await db.query('SELECT 1 FROM core.ace_opportunities WHERE source_id = $1', [aceId])).rowCount > 0;
    throw new HostError({
      code: 'not_found',
      message: known ? `No POD decision for ${aceId} (tenant '${tenant}') yet.` : `No ACE opportunity ${aceId}.`,
      hint: known ? `Run \`revops decide${tenant === 'default' ? '' : ` --tenant ${tenant}`}\` first.` : 'ACE ids look like O4812093; `revops decide` lists how many there are.',
    });
  }
  const events = (await readEvents(db, tenant, [aceId])).map(toEvent);
  const s = deriveState(d.outcome as AutoOutcome, d.decision_id, events);
  const rs = await readRuleSet(db, d.rule_set_hash);
  const history = (await db.query<{ decision_id: string; outcome: string; rule_set_hash: string; as_of: Date; decided_at: Date }>(
    'SELECT decision_id, outcome, rule_set_hash, as_of, decided_at FROM ops.pod_decisions WHERE tenant = $1 AND ace_source_id = $2 AND decision_id <> $3 ORDER BY seq DESC LIMIT 20',
    [tenant, aceId, d.decision_id],
  )).rows;
  return {
    aceId, tenant, decisionId: d.decision_id, outcome: d.outcome as DecisionExplain['outcome'], state: s.state, by: s.by, stale: s.stale,
    programVersion: d.program_version, ruleSetHash: d.rule_set_hash, ruleSetFiles: rs?.files.map((f) => f.path) ?? [],
    asOf: day(d.as_of), decidedAt: d.decided_at.toISOString(),
    rules: d.results as DecisionExplain['rules'], facts: d.facts as Record<string, unknown>, events,
    history: history.map((h) => ({ decisionId: h.decision_id, outcome: h.outcome as DecisionExplain['outcome'], ruleSetHash: h.rule_set_hash, asOf: day(h.as_of), decidedAt: h.decided_at.toISOString() })),
  };
}

/** Appends an analyst event (approve / reject / reopen) and returns the derived state. */
export async function setDecision(db: Db, input: { aceId: string; tenant: string; action: AnalystAction; reason: string; user: string; eventId?: string | undefined }): Promise<DecisionSetResult> {
  const tenant = checkTenant(input.tenant);
  return db.transaction(async (tx) => {
    // one analyst action at a time per opportunity: the state check and the append must not interleave
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pod-decision|${tenant}|${input.aceId}`]);
    const d = await readCurrentDecision(tx, tenant, input.aceId);
    if (!d) throw new HostError({ code: 'not_found', message: `No POD decision for ${input.aceId} (tenant '${tenant}').`, hint: 'Run `revops decide` first.' });
    const events = (await readEvents(tx, tenant, [input.aceId])).map(toEvent);
    const current = deriveState(d.outcome as AutoOutcome, d.decision_id, events);
    // a retry of an event already applied (same client event id) answers the state instead of appending again
    const applied = input.eventId ? await readEventById(tx, input.eventId) : null;
    if (applied) {
      if (applied.tenant !== tenant || applied.ace_source_id !== input.aceId) throw new HostError({ code: 'bad_input', message: `Event id ${input.eventId} belongs to another opportunity.` });
      return { aceId: input.aceId, state: current.state, by: current.by, eventId: applied.event_id };
    }
    const why = refuseAction(current, input.action);
    if (why) throw new HostError({ code: 'bad_input', message: `Cannot ${input.action} ${input.aceId}: ${why}.` });
    const e = await insertEvent(tx, { tenant, aceId: input.aceId, decisionId: d.decision_id, action: input.action, reason: input.reason.trim(), actor: input.user.trim(), eventId: input.eventId });
    const next = deriveState(d.outcome as AutoOutcome, d.decision_id, [...events, toEvent(e)]);
    return { aceId: input.aceId, state: next.state, by: next.by, eventId: e.event_id };
  });
}

/** The rule set in force for a tenant: from the files, or the last good one with the files' problems. */
export async function rulesActive(db: Db, tenantIn: string, dir = rulesDir()): Promise<RulesActive> {
  const tenant = checkTenant(tenantIn);
  let active: Awaited<ReturnType<typeof activeRuleSet>> | null = null;
  let loadErrors: RuleProblem[] = [];
  try {
    active = await activeRuleSet(db, tenant, dir);
    loadErrors = active.fallback?.problems ?? [];
  } catch (err) {
    const cause = (err as Error).message;
    loadErrors = err instanceof RuleSetError ? [...err.problems] : [{ file: 'rules', rule: null, line: null, message: cause }];
  }
  if (!active) return { tenant, ruleSetHash: null, ruleSetId: null, title: null, files: [], fallback: false, loadErrors, versions: [] };
  const r = active.compiled.resolved;
  return {
    tenant, ruleSetHash: active.hash, ruleSetId: r.id, title: r.title, files: active.files.map((f) => f.path), fallback: active.fallback !== null, loadErrors,
    versions: r.versions.map((v) => ({
      id: v.id, title: v.title, from: v.from, to: v.to,
      rules: v.rules.map((x) => {
        const o = x.origins?.rule;
        return {
          id: x.id, title: x.title, description: x.description ?? null, severity: x.severity, enabled: x.enabled !== false,
          parameters: x.parameters ?? {}, condition: x.condition, explain: Object.fromEntries(Object.entries(x.explain).filter(([, t]) => t !== undefined)) as Record<string, string>,
          source: o ? `${o.file}${o.line ? `:${o.line}` : ''}` : null,
        };
      }),
    })),
  };
}
