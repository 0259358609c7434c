/**
 * Self-checks of the billing half (spec §7), run after loading and before the foreign keys are added.
 * Database checks run as ONE `DO` block that collects every failure and raises a single exception listing them
 * all (the SourceWriter only has `exec`); in-memory checks cover facts that need the universe (entities).
 * `runBillingChecks` throws an Error whose message lists every failed check.
 */
import type { SourceWriter } from '../universe-types';
import { FOREIGN_KEYS } from './ddl';

export type CheckExpectations = {
  curRows: number | null;
  moves: number | null;
  lines: { target: number; tolerance: number } | null;
  margin: { medianMin: number; medianMax: number; negativeMin: number; negativeMax: number };
};

type SqlCheck = { name: string; sql: string };

const RESALE_LINE = `l.line_type IN ('usage','support','marketplace','savings_plan','ri','credit','refund','spp_discount','adjustment') AND NOT (l.line_type = 'support' AND l.product_code = 'PLS-SUPPORT')`;
const AWS_ID = `'^[0-9]{12}$'`;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Each check yields (n bigint, info text); n <> 0 is a failure. */
export function sqlChecks(e: CheckExpectations): SqlCheck[] {
  const checks: SqlCheck[] = [];
  if (e.curRows !== null) checks.push({ name: 'CUR row count is exact', sql: `SELECT abs(count(*) - ${e.curRows}), 'rows ' || count(*) || ', expected ${e.curRows}' FROM c_billing_internal_cur` });
  if (e.moves !== null) checks.push({ name: 'account_move count is exact', sql: `SELECT abs(count(*) - ${e.moves}), 'moves ' || count(*) || ', expected ${e.moves}' FROM account_move` });
  if (e.lines) checks.push({ name: `account_move_line count within ±${e.lines.tolerance * 100}%`, sql: `SELECT CASE WHEN abs(count(*) - ${e.lines.target}) > ${Math.round(e.lines.target * e.lines.tolerance)} THEN count(*) ELSE 0 END, 'lines ' || count(*) || ', target ${e.lines.target}' FROM account_move_line` });
  checks.push(
    { name: 'balance = debit − credit, debit/credit not both set, never negative', sql: `SELECT count(*), min(id)::text FROM account_move_line WHERE balance <> debit - credit OR debit < 0 OR credit < 0 OR (debit > 0 AND credit > 0)` },
    { name: 'every move balances (Σ balance = 0)', sql: `SELECT count(*), min(move_id)::text FROM (SELECT move_id FROM account_move_line GROUP BY move_id HAVING sum(balance) <> 0) x` },
    { name: 'amount_untaxed = Σ product price_subtotal', sql: `SELECT count(*), min(m.id)::text FROM account_move m LEFT JOIN (SELECT move_id, sum(price_subtotal) s FROM account_move_line WHERE display_type = 'product' GROUP BY move_id) l ON l.move_id = m.id WHERE m.move_type <> 'entry' AND m.amount_untaxed <> coalesce(l.s, 0)` },
    { name: 'amount_tax = Σ tax lines', sql: `SELECT count(*), min(m.id)::text FROM account_move m LEFT JOIN (SELECT move_id, abs(sum(amount_currency)) s FROM account_move_line WHERE display_type = 'tax' GROUP BY move_id) l ON l.move_id = m.id WHERE m.move_type <> 'entry' AND m.amount_tax <> coalesce(l.s, 0)` },
    { name: 'amount_total = untaxed + tax = payment term amount', sql: `SELECT count(*), min(m.id)::text FROM account_move m JOIN (SELECT move_id, abs(sum(amount_currency)) s, sum(balance) b FROM account_move_line WHERE display_type = 'payment_term' GROUP BY move_id) l ON l.move_id = m.id WHERE m.amount_total <> m.amount_untaxed + m.amount_tax OR m.amount_total <> l.s OR m.amount_total_signed <> l.b` },
    { name: 'entries: amount_total = Σ debit', sql: `SELECT count(*), min(m.id)::text FROM account_move m JOIN (SELECT move_id, sum(debit) d FROM account_move_line GROUP BY move_id) l ON l.move_id = m.id WHERE m.move_type = 'entry' AND m.amount_total <> l.d` },
    { name: 'every move has lines', sql: `SELECT count(*), min(m.id)::text FROM account_move m WHERE NOT EXISTS (SELECT 1 FROM account_move_line l WHERE l.move_id = m.id)` },
    { name: 'no posted out_invoice with a negative total', sql: `SELECT count(*), min(id)::text FROM account_move WHERE move_type = 'out_invoice' AND state = 'posted' AND (amount_total < 0 OR amount_total_signed < 0)` },
    { name: 'posted move names unique per journal', sql: `SELECT count(*), min(name) FROM (SELECT journal_id, name FROM account_move WHERE state = 'posted' GROUP BY 1, 2 HAVING count(*) > 1) x` },
    { name: "drafts are named '/' and posted moves are not", sql: `SELECT count(*), min(id)::text FROM account_move WHERE (state = 'draft') <> (name = '/')` },
    { name: 'line parent_state and move_name follow the move', sql: `SELECT count(*), min(l.id)::text FROM account_move_line l JOIN account_move m ON m.id = l.move_id WHERE l.parent_state <> m.state OR l.move_name <> m.name` },
    { name: 'AWS account ids are 12-digit text', sql: `SELECT (SELECT count(*) FROM c_billing_internal_cur WHERE bill_payer_account_id !~ ${AWS_ID} OR line_item_usage_account_id !~ ${AWS_ID}) + (SELECT count(*) FROM c_billing_bill_line WHERE aws_account_id !~ ${AWS_ID}) + (SELECT count(*) FROM c_billing_spp_bill WHERE bill_payer_account_id !~ ${AWS_ID}) + (SELECT count(*) FROM c_billing_bill WHERE payer_account_id !~ ${AWS_ID}) + (SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND column_name IN ('bill_payer_account_id','line_item_usage_account_id','aws_account_id','payer_account_id') AND table_name LIKE 'c_billing%' AND (data_type <> 'character varying' OR character_maximum_length <> 12)), 'rows or columns violating'` },
    { name: 'an AWS id with a leading 0 in the CUR', sql: `SELECT CASE WHEN EXISTS (SELECT 1 FROM c_billing_internal_cur WHERE line_item_usage_account_id LIKE '0%') THEN 0 ELSE 1 END, 'none found'` },
    { name: 'an account under two payers in one month', sql: `SELECT CASE WHEN EXISTS (SELECT 1 FROM c_billing_internal_cur GROUP BY usage_month, line_item_usage_account_id HAVING count(DISTINCT bill_payer_account_id) > 1) THEN 0 ELSE 1 END, 'none found'` },
    { name: 'bill line cost = Σ unblended of its CUR rows', sql: `SELECT count(*), min(id)::text FROM (SELECT l.id, l.cost_amount, sum(c.line_item_unblended_cost) s FROM c_billing_bill_line l CROSS JOIN LATERAL unnest(l.cur_row_ids) u(cid) JOIN c_billing_internal_cur c ON c.id = u.cid GROUP BY l.id, l.cost_amount) x WHERE s <> cost_amount` },
    { name: 'AWS bill lines carry CUR provenance', sql: `SELECT count(*), min(id)::text FROM c_billing_bill_line l WHERE l.line_type NOT IN ('managed_fee','adjustment') AND l.product_code <> 'PLS-SUPPORT' AND coalesce(cardinality(l.cur_row_ids), 0) = 0` },
    { name: 'a CUR row feeds at most one bill line', sql: `SELECT count(*), min(cid)::text FROM (SELECT u.cid FROM c_billing_bill_line l CROSS JOIN LATERAL unnest(l.cur_row_ids) u(cid) GROUP BY u.cid HAVING count(*) > 1) x` },
    { name: 'bill totals = Σ bill lines', sql: `SELECT count(*), min(b.id)::text FROM c_billing_bill b JOIN (SELECT bill_id, sum(cost_amount) c, sum(list_amount) li, sum(billed_amount) bi, sum(margin_amount) ma FROM c_billing_bill_line GROUP BY bill_id) l ON l.bill_id = b.id WHERE b.amount_cost <> l.c OR b.amount_list <> l.li OR b.amount_billed <> l.bi OR b.amount_margin <> l.ma` },
    { name: 'invoiced bills point to their invoice', sql: `SELECT count(*), min(b.id)::text FROM c_billing_bill b LEFT JOIN account_move m ON m.id = b.account_move_id WHERE (b.state = 'invoiced') <> (b.account_move_id IS NOT NULL) OR (m.id IS NOT NULL AND (m.c_billing_bill_id IS DISTINCT FROM b.id OR m.partner_id IS DISTINCT FROM b.partner_id OR m.state = 'cancel'))` },
    { name: 'detailed invoice untaxed = bill billed amount in currency', sql: `SELECT count(*), min(m.id)::text FROM account_move m JOIN c_billing_bill b ON b.id = m.c_billing_bill_id WHERE abs(m.amount_untaxed) <> abs(b.amount_billed_currency)` },
    { name: 'payment term residual = header residual', sql: `SELECT count(*), min(m.id)::text FROM account_move m JOIN (SELECT move_id, abs(sum(amount_residual_currency)) r FROM account_move_line WHERE display_type = 'payment_term' GROUP BY move_id) l ON l.move_id = m.id WHERE m.amount_residual <> l.r` },
    { name: 'write_date ≥ create_date', sql: `SELECT (SELECT count(*) FROM account_move WHERE write_date < create_date) + (SELECT count(*) FROM account_move_line WHERE write_date < create_date) + (SELECT count(*) FROM c_billing_bill WHERE write_date < create_date) + (SELECT count(*) FROM c_billing_internal_cur WHERE write_date < create_date) + (SELECT count(*) FROM c_billing_spp_bill WHERE write_date < create_date), 'rows'` },
    {
      name: `resale margin median in [${pct(e.margin.medianMin)}, ${pct(e.margin.medianMax)}] and negative customer-months in [${pct(e.margin.negativeMin)}, ${pct(e.margin.negativeMax)}]`,
      sql: `SELECT CASE WHEN med BETWEEN ${e.margin.medianMin} AND ${e.margin.medianMax} AND neg BETWEEN ${e.margin.negativeMin} AND ${e.margin.negativeMax} THEN 0 ELSE 1 END, 'median ' || round((med * 100)::numeric, 2) || '%, negative ' || round((neg * 100)::numeric, 2) || '% of ' || n || ' bills'
        FROM (SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY pct), -1) med, coalesce(avg(CASE WHEN pct < 0 THEN 1.0 ELSE 0 END), -1) neg, count(*) n
          FROM (SELECT (sum(l.billed_amount) - sum(l.cost_amount)) / sum(l.billed_amount) pct FROM c_billing_bill_line l WHERE ${RESALE_LINE} GROUP BY l.bill_id HAVING sum(l.billed_amount) > 0) p) x`,
    },
  );
  for (const fk of FOREIGN_KEYS) {
    const sql = `SELECT count(*), min(t.id)::text FROM ${fk.table} t WHERE t.${fk.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${fk.ref} r WHERE r.id = t.${fk.column})`;
    checks.push({ name: `FK ${fk.table}.${fk.column} → ${fk.ref}${fk.external ? ' (CRM half)' : ''}`, sql: fk.external ? `EXTERNAL:${fk.ref}:${sql}` : sql });
  }
  return checks;
}

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** One DO block: every check runs; failures are concatenated and raised once. */
export function checksBlock(checks: readonly SqlCheck[]): string {
  const body = checks.map((c) => {
    if (c.sql.startsWith('EXTERNAL:')) {
      const [, ref, ...rest] = c.sql.split(':');
      return `  IF to_regclass(${q(ref ?? '')}) IS NOT NULL THEN
    EXECUTE ${q(rest.join(':'))} INTO _n, _info;
    IF _n <> 0 THEN _f := _f || E'\\n  - ' || ${q(c.name)} || ': ' || _n || ' (' || coalesce(_info, '') || ')'; END IF;
  END IF;`;
    }
    return `  SELECT * INTO _n, _info FROM (${c.sql}) q;
  IF _n <> 0 THEN _f := _f || E'\\n  - ' || ${q(c.name)} || ': ' || _n || ' (' || coalesce(_info, '') || ')'; END IF;`;
  });
  return `DO $checks$
DECLARE _f text := ''; _n bigint; _info text;
BEGIN
${body.join('\n')}
  IF _f <> '' THEN RAISE EXCEPTION 'billing self-checks failed:%', _f; END IF;
END
$checks$;`;
}

/** Runs the database checks and the in-memory failures; throws one Error listing all failures. */
export async function runBillingChecks(odoo: Pick<SourceWriter, 'exec'>, expectations: CheckExpectations, memoryFailures: readonly string[]): Promise<void> {
  const failures = [...memoryFailures];
  try {
    await odoo.exec(checksBlock(sqlChecks(expectations)));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const at = msg.indexOf('billing self-checks failed:');
    if (at < 0) throw err;
    failures.push(...msg.slice(at + 'billing self-checks failed:'.length).split('\n').map((s) => s.replace(/^\s*-\s*/, '').trim()).filter(Boolean));
  }
  if (failures.length > 0) throw new Error(`billing self-checks failed (${failures.length}):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
}
