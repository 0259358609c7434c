/**
 * Named queries of the POD decisions (main/services/decide; migration 0007_decisions.sql): what the facts
 * are built from (core ACE opportunities with their match, billing per account and month, the
 * government-advising column where the ACE export has one), and the append-only decisions and events.
 */
import type { Queryable } from '../types';

export type AceFactRow = {
  source_id: string;
  customer_name: string | null;
  opportunity_ownership: string | null;
  opportunity_ownership_raw: string | null;
  stage: string | null;
  status: string | null;
  partner_acceptance_status: string | null;
  created_date: string | null;
  target_close_date: string | null;
  aws_account_raw: string | null;
  aws_account_ids: string[];
  normalized_domain: string | null;
  normalized_company_name: string | null;
  company_name_fold: string | null;
  end_user_id: number | null;
  customer_duns: string | null;
  match_status: string | null;
  match_probability: number | null;
  match_decided_by: string | null;
  odoo_source_id: number | null;
  odoo_name: string | null;
  odoo_domain: string | null;
  odoo_fold: string | null;
  odoo_company_name: string | null;
  odoo_accounts: string[] | null;
  odoo_customer_id: number | null;
};

/** Every ACE opportunity with the matcher's decision and the matched (or proposed) Odoo opportunity. */
export async function readAceFacts(db: Queryable): Promise<AceFactRow[]> {
  return (await db.query<AceFactRow>(`
    SELECT a.source_id, coalesce(a.account_name, a.customer_name) AS customer_name, a.opportunity_ownership, a.opportunity_ownership_raw,
           a.stage, a.status, a.partner_acceptance_status,
           to_char(a.aws_create_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS created_date, to_char(a.close_date, 'YYYY-MM-DD') AS target_close_date,
           a.aws_account_raw, a.aws_account_ids, a.normalized_domain, a.normalized_company_name, a.company_name_fold, a.end_user_id, a.customer_duns,
           m.status AS match_status, m.probability AS match_probability, m.decided_by AS match_decided_by,
           o.source_id AS odoo_source_id, o.name AS odoo_name, o.normalized_domain AS odoo_domain, o.company_name_fold AS odoo_fold, o.normalized_company_name AS odoo_company_name,
           o.aws_account_ids AS odoo_accounts, coalesce(o.commercial_partner_id, o.partner_id) AS odoo_customer_id
    FROM core.ace_opportunities a
    LEFT JOIN core.match_assignments m ON m.ace_source_id = a.source_id
    LEFT JOIN core.odoo_opportunities o ON o.source_id = m.odoo_source_id AND m.status <> 'no_match'
    ORDER BY a.source_id`)).rows;
}

/** AWS account ids per CRM customer (Odoo partner id), from core.aws_accounts. */
export async function readCustomerAccounts(db: Queryable, customers: readonly number[]): Promise<Map<number, string[]>> {
  if (customers.length === 0) return new Map();
  const rows = (await db.query<{ customer: number; ids: string[] }>(`
    SELECT c AS customer, array_agg(DISTINCT account_id ORDER BY account_id) AS ids
    FROM core.aws_accounts CROSS JOIN LATERAL (VALUES (partner_id), (company_id)) v(c)
    WHERE c = ANY($1::int[]) AND account_id_valid GROUP BY c`, [customers])).rows;
  return new Map(rows.map((r) => [Number(r.customer), r.ids]));
}

export type SpendRow = { account_id: string; month: string; gross: string; net: string; currency: string | null };

/** Billed AWS spend per account and month (YYYY-MM) from the cost rows, only for the pairs asked. */
export async function readSpend(db: Queryable, accounts: readonly string[], months: readonly string[]): Promise<SpendRow[]> {
  if (accounts.length === 0 || months.length === 0) return [];
  return (await db.query<SpendRow>(`
    SELECT usage_account_id AS account_id, to_char(usage_month, 'YYYY-MM') AS month,
           round(sum(gross_cost), 2)::text AS gross, round(sum(net_cost), 2)::text AS net, min(currency) AS currency
    FROM core.billing_costs
    WHERE usage_account_id = ANY($1::text[]) AND usage_month = ANY($2::date[])
    GROUP BY 1, 2`, [accounts, months.map((m) => `${m}-01`)])).rows;
}

/** Column names an ACE export may use for the government-advising answer (none of them today). */
const GOVERNMENT_ADVISING_COLUMNS = ['government_advising', 'is_government_advising', 'gov_advising', 'government_advisory'];

/** ACE id → the government-advising answer, or null when raw.apn_opportunity has no such column. */
export async function readGovernmentAdvising(db: Queryable): Promise<Map<string, string | null> | null> {
  const col = (await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = 'apn_opportunity' AND column_name = ANY($1::text[]) ORDER BY column_name LIMIT 1`,
    [GOVERNMENT_ADVISING_COLUMNS],
  )).rows[0]?.column_name;
  if (!col || !GOVERNMENT_ADVISING_COLUMNS.includes(col)) return null;
  // the column name comes from the fixed list above, never from data
  const rows = (await db.query<{ id: string; v: string | null }>(`SELECT apn_crm_unique_identifier AS id, "${col}"::text AS v FROM raw.apn_opportunity`)).rows;
  return new Map(rows.map((r) => [r.id, r.v]));
}

// ---- rule sets, runs, decisions, events ------------------------------------------------------------------

export async function saveRuleSet(db: Queryable, r: { hash: string; tenant: string; id: string; files: unknown; content: unknown }): Promise<void> {
  await db.query(
    'INSERT INTO ops.rule_sets (rule_set_hash, tenant, rule_set_id, files, content) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (rule_set_hash) DO NOTHING',
    [r.hash, r.tenant, r.id, JSON.stringify(r.files), JSON.stringify(r.content)],
  );
}

export type StoredRuleSet = { rule_set_hash: string; rule_set_id: string; files: { path: string; sha256: string }[]; content: unknown; used_at: Date };

/** The rule set of the tenant's last successful run (the "last good" one). */
export async function lastGoodRuleSet(db: Queryable, tenant: string): Promise<StoredRuleSet | null> {
  return (await db.query<StoredRuleSet>(`
    SELECT s.rule_set_hash, s.rule_set_id, s.files, s.content, r.started_at AS used_at
    FROM ops.decision_runs r JOIN ops.rule_sets s USING (rule_set_hash)
    WHERE r.tenant = $1 AND r.status = 'succeeded' ORDER BY r.started_at DESC LIMIT 1`, [tenant])).rows[0] ?? null;
}

export async function readRuleSet(db: Queryable, hash: string): Promise<StoredRuleSet | null> {
  return (await db.query<StoredRuleSet>('SELECT rule_set_hash, rule_set_id, files, content, first_used_at AS used_at FROM ops.rule_sets WHERE rule_set_hash = $1', [hash])).rows[0] ?? null;
}

export type CurrentKey = { ace_source_id: string; decision_id: string; facts_hash: string; rule_set_hash: string; program_version: string; outcome: string };

export async function currentDecisionKeys(db: Queryable, tenant: string): Promise<Map<string, CurrentKey>> {
  const rows = (await db.query<CurrentKey>(
    'SELECT ace_source_id, decision_id, facts_hash, rule_set_hash, program_version, outcome FROM ops.pod_decisions_current WHERE tenant = $1', [tenant],
  )).rows;
  return new Map(rows.map((r) => [r.ace_source_id, r]));
}

export type NewDecision = {
  decisionId: string; aceId: string; tenant: string; runId: string; ruleSetHash: string; programVersion: string; asOf: string;
  outcome: string; results: unknown; facts: unknown; factsHash: string;
};

export type DecisionRow = {
  decision_id: string; ace_source_id: string; tenant: string; run_id: string; rule_set_hash: string; program_version: string;
  as_of: Date; outcome: string; results: unknown; facts: unknown; facts_hash: string; decided_at: Date;
};

export async function readCurrentDecision(db: Queryable, tenant: string, aceId: string): Promise<DecisionRow | null> {
  return (await db.query<DecisionRow>('SELECT * FROM ops.pod_decisions_current WHERE tenant = $1 AND ace_source_id = $2', [tenant, aceId])).rows[0] ?? null;
}

export type EventRow = { event_id: string; ace_source_id: string; decision_id: string | null; action: string; reason: string; actor: string; created_at: Date };

/** The analyst event with this id (the idempotency key of insertEvent), or null. */
export async function readEventById(db: Queryable, eventId: string): Promise<(EventRow & { tenant: string }) | null> {
  return (await db.query<EventRow & { tenant: string }>(
    'SELECT event_id, tenant, ace_source_id, decision_id, action, reason, actor, created_at FROM ops.pod_decision_events WHERE event_id = $1::uuid', [eventId],
  )).rows[0] ?? null;
}

export async function readEvents(db: Queryable, tenant: string, aceIds: readonly string[] | null): Promise<EventRow[]> {
  return (await db.query<EventRow>(
    `SELECT event_id, ace_source_id, decision_id, action, reason, actor, created_at FROM ops.pod_decision_events
     WHERE tenant = $1 AND ($2::text[] IS NULL OR ace_source_id = ANY($2::text[])) ORDER BY seq`,
    [tenant, aceIds],
  )).rows;
}

/** `eventId` (client-generated, e.g. by the offline outbox) is the idempotency key; absent: the server makes one. */
export async function insertEvent(db: Queryable, e: { tenant: string; aceId: string; decisionId: string | null; action: string; reason: string; actor: string; eventId?: string | undefined; at?: string | undefined }): Promise<EventRow> {
  const row = (await db.query<EventRow>(
    `INSERT INTO ops.pod_decision_events (event_id, tenant, ace_source_id, decision_id, action, reason, actor, created_at)
     VALUES (coalesce($7::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, coalesce($8::timestamptz, now()))
     RETURNING event_id, ace_source_id, decision_id, action, reason, actor, created_at`,
    [e.tenant, e.aceId, e.decisionId, e.action, e.reason, e.actor, e.eventId ?? null, e.at ?? null],
  )).rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

export type ListRow = { decision_id: string; ace_source_id: string; outcome: string; program_version: string; rule_set_hash: string; as_of: Date; decided_at: Date; customer_name: string | null; failed: string[] };

/** Current decisions of a tenant with the ids of the rules that did not pass (for lists). */
export async function listCurrentDecisions(db: Queryable, tenant: string): Promise<ListRow[]> {
  return (await db.query<ListRow>(`
    SELECT d.decision_id, d.ace_source_id, d.outcome, d.program_version, d.rule_set_hash, d.as_of, d.decided_at,
           d.facts ->> 'customer_name' AS customer_name,
           coalesce((SELECT array_agg(r ->> 'id') FROM jsonb_array_elements(d.results) r WHERE r ->> 'status' IN ('fail', 'unknown')), '{}') AS failed
    FROM ops.pod_decisions_current d WHERE d.tenant = $1 ORDER BY d.ace_source_id`, [tenant])).rows;
}
