/**
 * What the export reads: the current POD decisions of a tenant (ops.pod_decisions_current) with their
 * facts and per-rule results, the customer name of the matched Odoo opportunity, and the analyst state
 * derived from the events exactly as the review screen derives it (deriveState over readEvents).
 *
 * Decisions are read in pages in ACE-id order (keyset), so a large export never holds every decision's
 * facts and results at once; the events (small: analyst actions) are read once.
 */
import type { AutoOutcome, DecisionEvent, DecisionStateName, PodFacts, RuleResult } from '../../../app/rules';
import { deriveState } from '../../../app/rules';
import type { Queryable } from '../../../db/types';
import { readEvents } from '../../../db/queries/decide';

export const PAGE_SIZE = 1000;

export type ExportDecision = {
  aceId: string;
  decisionId: string;
  ruleSetHash: string;
  programVersion: string;
  asOf: Date;
  outcome: AutoOutcome;
  state: DecisionStateName;
  by: 'rules' | 'analyst';
  /** the analyst's word was given on an older automatic decision */
  stale: boolean;
  /** the automatic decision's time, or the analyst event's */
  decidedAt: Date;
  /** 'rules' or the analyst's name */
  decidedBy: string;
  /** the analyst's reason, else the explanations of the rules that did not pass */
  reason: string;
  odooCustomer: string | null;
  facts: PodFacts;
  results: RuleResult[];
};

type Row = {
  decision_id: string; ace_source_id: string; rule_set_hash: string; program_version: string; as_of: Date; outcome: string;
  results: RuleResult[]; facts: PodFacts; decided_at: Date; odoo_customer: string | null;
};

export type AnalystEvents = Map<string, DecisionEvent[]>;

/** Every analyst event of the tenant, per ACE opportunity, oldest first. */
export async function readAnalystEvents(db: Queryable, tenant: string): Promise<AnalystEvents> {
  const byAce: AnalystEvents = new Map();
  for (const e of await readEvents(db, tenant, null)) {
    const list = byAce.get(e.ace_source_id) ?? [];
    list.push({ action: e.action as DecisionEvent['action'], reason: e.reason, actor: e.actor, at: e.created_at.toISOString(), decisionId: e.decision_id });
    byAce.set(e.ace_source_id, list);
  }
  return byAce;
}

/** Why the rules decided as they did: the explanations of the rules that failed, then of the unknown ones. */
export function rulesReason(results: readonly RuleResult[]): string {
  const failed = results.filter((r) => r.status === 'fail');
  const unknown = results.filter((r) => r.status === 'unknown');
  const lines = [...failed, ...unknown].map((r) => r.explanation);
  return lines.length > 0 ? lines.join(' | ') : 'every rule passed';
}

function toExport(r: Row, events: AnalystEvents): ExportDecision {
  const s = deriveState(r.outcome as AutoOutcome, r.decision_id, events.get(r.ace_source_id) ?? []);
  const analyst = s.by === 'analyst' && s.lastEvent ? s.lastEvent : null;
  return {
    aceId: r.ace_source_id, decisionId: r.decision_id, ruleSetHash: r.rule_set_hash, programVersion: r.program_version, asOf: r.as_of,
    outcome: r.outcome as AutoOutcome, state: s.state, by: s.by, stale: s.stale,
    decidedAt: analyst ? new Date(analyst.at) : r.decided_at,
    decidedBy: analyst ? analyst.actor : 'rules',
    reason: analyst ? `${analyst.action === 'reopen' ? 'reopened' : `${analyst.action}d`} by ${analyst.actor}: ${analyst.reason}` : rulesReason(r.results),
    odooCustomer: r.odoo_customer, facts: r.facts, results: r.results,
  };
}

/**
 * The tenant's current decisions in ACE-id order, one page at a time, with the analyst state; only those
 * whose state is in `states` when given.
 */
export async function* readDecisionPages(db: Queryable, tenant: string, events: AnalystEvents, states?: readonly DecisionStateName[]): AsyncGenerator<ExportDecision[]> {
  let after = '';
  for (;;) {
    const rows = (await db.query<Row>(`
      SELECT d.decision_id, d.ace_source_id, d.rule_set_hash, d.program_version, d.as_of, d.outcome, d.results, d.facts, d.decided_at,
             coalesce(o.commercial_partner_name, o.partner_name, o.lead_partner_name) AS odoo_customer
      FROM ops.pod_decisions_current d
      LEFT JOIN core.odoo_opportunities o ON o.source_id = (d.facts ->> 'matched_odoo_id')::int
      WHERE d.tenant = $1 AND d.ace_source_id > $2
      ORDER BY d.ace_source_id LIMIT $3`, [tenant, after, PAGE_SIZE])).rows;
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.ace_source_id ?? after;
    const page = rows.map((r) => toExport(r, events));
    const kept = states ? page.filter((d) => states.includes(d.state)) : page;
    if (kept.length > 0) yield kept;
    if (rows.length < PAGE_SIZE) return;
  }
}

export type StoredRuleSetRow = { rule_set_hash: string; tenant: string; rule_set_id: string; files: { path: string; sha256: string }[]; content: unknown; first_used_at: Date };

/** The rule sets the tenant's current decisions were made with (newest first). */
export async function readUsedRuleSets(db: Queryable, tenant: string): Promise<StoredRuleSetRow[]> {
  return (await db.query<StoredRuleSetRow>(`
    SELECT s.rule_set_hash, s.tenant, s.rule_set_id, s.files, s.content, s.first_used_at
    FROM ops.rule_sets s
    WHERE s.rule_set_hash IN (SELECT DISTINCT rule_set_hash FROM ops.pod_decisions_current WHERE tenant = $1)
    ORDER BY s.first_used_at DESC, s.rule_set_hash`, [tenant])).rows;
}
