/**
 * Daily billing changes in the Odoo source (spec §5.10):
 * - CUR: the current month is re-emitted every night at 03:00:00 (one import batch, every row the same write_date;
 *   values grow with the days elapsed); on the 1st the new month starts; on the 5th the previous month becomes final
 *   (≤ ±0.5% change, bill_invoice_id set); late refunds/credits for m−1 and m−2 arrive as new rows.
 * - Invoices: drafts are posted (named from the journal sequence), and the nightly bank reconciliation (23:15:00)
 *   changes payment_state and amount_residual, so write_date moves without any economic change.
 * Staging bills and invoices of the months that close during the deltas are not created (DELTAS.md).
 */
import type { Queryable } from '../../../../db/types';
import { stream } from '../rng';
import { isoDate } from '../dates';
import { ODOO_IDS } from '../universe-types';
import { eventsToday, ots, type DayContext, type Op } from './day';

const LATE_ROWS = { tiny: 0.1, small: 0.3, prod: 2 } as const;
const CUR_COLS = [
  'usage_month', 'bill_billing_period_start_date', 'bill_billing_period_end_date', 'bill_payer_account_id', 'line_item_usage_account_id', 'c_aws_account_id',
  'line_item_product_code', 'product_product_name', 'product_servicecode', 'line_item_line_item_type', 'bill_billing_entity', 'line_item_legal_entity',
  'line_item_usage_amount', 'line_item_unblended_cost', 'pricing_public_on_demand_cost', 'line_item_net_unblended_cost', 'line_item_currency_code',
  'bill_invoice_id', 'is_final', 'import_batch', 'create_uid', 'create_date', 'write_uid', 'write_date',
] as const;

type CurAmounts = { id: number; u: string | null; c: string | null; p: string | null; n: string | null };

const ym = (month: string): string => month.slice(0, 7);
const monthOf = (date: string): string => `${date.slice(0, 7)}-01`;
function daysIn(month: string): number {
  const d = new Date(`${month}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}
function addMonth(month: string, k: number): string {
  const d = new Date(`${month}T00:00:00Z`);
  return isoDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1));
}
function monthEnd(month: string): string {
  return `${month.slice(0, 8)}${String(daysIn(month)).padStart(2, '0')}`;
}
/** numeric text × factor, 6 decimals (the CUR's precision); NULL stays NULL */
const scale = (v: string | null, f: number): string | null => (v === null ? null : (Number(v) * f).toFixed(6));

const AMOUNTS = `id, line_item_usage_amount::text AS u, line_item_unblended_cost::text AS c, pricing_public_on_demand_cost::text AS p, line_item_net_unblended_cost::text AS n`;

function amountsUpdate(at: number, rows: CurAmounts[], set: string, extra: unknown[]): Op {
  return {
    at, table: 'c_billing_internal_cur', kind: 'update', ids: rows.map((r) => r.id),
    sql: `UPDATE c_billing_internal_cur t SET line_item_usage_amount = v.u::numeric, line_item_unblended_cost = v.c::numeric, pricing_public_on_demand_cost = v.p::numeric,
            line_item_net_unblended_cost = v.n::numeric, ${set}, write_uid = ${ODOO_IDS.odooBotUser}
          FROM (SELECT unnest($1::int[]) AS id, unnest($2::text[]) AS u, unnest($3::text[]) AS c, unnest($4::text[]) AS p, unnest($5::text[]) AS n) v WHERE t.id = v.id`,
    params: [rows.map((r) => r.id), rows.map((r) => r.u), rows.map((r) => r.c), rows.map((r) => r.p), rows.map((r) => r.n), ...extra],
  };
}

export async function planCur(odoo: Queryable, ctx: DayContext, out: Op[]): Promise<void> {
  const today = monthOf(ctx.date);
  const dom = Number(ctx.date.slice(8, 10));
  const open = (await odoo.query<{ m: string; batch: string }>(
    `SELECT usage_month::text AS m, max(import_batch) AS batch FROM c_billing_internal_cur WHERE NOT is_final AND import_batch ~ '^cur-[0-9]{4}-[0-9]{2}-d[0-9]{2}$' GROUP BY 1 ORDER BY 1`)).rows;
  const current = open[open.length - 1];
  let nextId = Number((await odoo.query<{ m: number | null }>('SELECT max(id) AS m FROM c_billing_internal_cur')).rows[0]?.m ?? 0);
  const reemit = ctx.at(3 * 3600);
  if (current && current.m === today) {
    // the current month again, with the days elapsed since the last export
    const elapsed = Number(current.batch.slice(-2));
    const rows = (await odoo.query<CurAmounts>(`SELECT ${AMOUNTS} FROM c_billing_internal_cur WHERE usage_month = $1::date AND import_batch = $2 ORDER BY id`, [current.m, current.batch])).rows;
    const grown = rows.map((r) => {
      const f = (dom / Math.max(1, elapsed)) * Math.min(1.03, Math.max(0.97, 1 + ctx.rng(`cur|${r.id}`).normal(0, 0.01)));
      return { id: r.id, u: scale(r.u, f), c: scale(r.c, f), p: scale(r.p, f), n: scale(r.n, f) };
    });
    if (rows.length > 0 && dom !== elapsed) out.push(amountsUpdate(reemit, grown, `import_batch = $6, write_date = $7::timestamp`, [`cur-${ym(today)}-d${ctx.date.slice(8, 10)}`, ots(reemit)]));
  } else if (current && current.m < today) {
    // a new month: the accounts active last month start it (1 day of usage so far)
    const rows = (await odoo.query<CurAmounts>(`SELECT ${AMOUNTS} FROM c_billing_internal_cur WHERE usage_month = $1::date AND import_batch = $2 ORDER BY id`, [current.m, current.batch])).rows;
    const fresh = rows.map((r) => {
      const f = (dom / daysIn(current.m)) * Math.min(1.1, Math.max(0.9, 1 + ctx.rng(`cur-new|${r.id}`).normal(0, 0.03)));
      return { src: r.id, id: ++nextId, u: scale(r.u, f), c: scale(r.c, f), p: scale(r.p, f), n: scale(r.n, f) };
    });
    if (fresh.length > 0) {
      const cols = CUR_COLS.map((c) => `"${c}"`).join(', ');
      out.push({
        at: reemit, table: 'c_billing_internal_cur', kind: 'insert', ids: fresh.map((r) => r.id),
        sql: `INSERT INTO c_billing_internal_cur (id, ${cols})
              SELECT v.id, $7::date, $7::date, $8::date, c.bill_payer_account_id, c.line_item_usage_account_id, c.c_aws_account_id, c.line_item_product_code, c.product_product_name,
                     c.product_servicecode, c.line_item_line_item_type, c.bill_billing_entity, c.line_item_legal_entity, v.u::numeric, v.c::numeric, v.p::numeric, v.n::numeric,
                     c.line_item_currency_code, NULL, false, $9, ${ODOO_IDS.odooBotUser}, $10::timestamp, ${ODOO_IDS.odooBotUser}, $10::timestamp
              FROM c_billing_internal_cur c JOIN (SELECT unnest($1::int[]) AS src, unnest($2::int[]) AS id, unnest($3::text[]) AS u, unnest($4::text[]) AS c, unnest($5::text[]) AS p, unnest($6::text[]) AS n) v ON v.src = c.id`,
        params: [fresh.map((r) => r.src), fresh.map((r) => r.id), fresh.map((r) => r.u), fresh.map((r) => r.c), fresh.map((r) => r.p), fresh.map((r) => r.n), today, monthEnd(today), `cur-${ym(today)}-d${ctx.date.slice(8, 10)}`, ots(reemit)],
      });
    }
  }
  if (dom >= 5 && open.some((x) => x.m < today)) {
    // month close: every open month before this one becomes final; EU payers have EU invoice numbers
    const eu = new Set((await odoo.query<{ payer: string }>(`SELECT DISTINCT bill_payer_account_id AS payer FROM c_billing_internal_cur WHERE bill_invoice_id LIKE 'EUINDE%' ORDER BY 1`)).rows.map((r) => r.payer));
    for (const o of open.filter((x) => x.m < today)) {
      const at = ctx.at(2 * 3600 + 30 * 60);
      const rows = (await odoo.query<CurAmounts & { payer: string }>(`SELECT ${AMOUNTS}, bill_payer_account_id AS payer FROM c_billing_internal_cur WHERE usage_month = $1::date AND import_batch = $2 ORDER BY id`, [o.m, o.batch])).rows;
      const restated = rows.map((r) => {
        const f = 1 + ctx.rng(`cur-final|${r.id}`).uniform(-0.005, 0.005);
        return { id: r.id, u: scale(r.u, f), c: scale(r.c, f), p: scale(r.p, f), n: scale(r.n, f) };
      });
      const invoiceIds = rows.map((r) => awsInvoiceId(ctx.seed, r.payer, o.m, eu.has(r.payer)));
      if (rows.length > 0) {
        out.push({
          at, table: 'c_billing_internal_cur', kind: 'update', ids: rows.map((r) => r.id),
          sql: `UPDATE c_billing_internal_cur t SET line_item_usage_amount = v.u::numeric, line_item_unblended_cost = v.c::numeric, pricing_public_on_demand_cost = v.p::numeric,
                  line_item_net_unblended_cost = v.n::numeric, is_final = true, bill_invoice_id = v.inv, import_batch = $7, write_uid = ${ODOO_IDS.odooBotUser}, write_date = $8::timestamp
                FROM (SELECT unnest($1::int[]) AS id, unnest($2::text[]) AS u, unnest($3::text[]) AS c, unnest($4::text[]) AS p, unnest($5::text[]) AS n, unnest($6::text[]) AS inv) v WHERE t.id = v.id`,
          params: [restated.map((r) => r.id), restated.map((r) => r.u), restated.map((r) => r.c), restated.map((r) => r.p), restated.map((r) => r.n), invoiceIds, `cur-${ym(o.m)}-final`, ots(at)],
        });
      }
    }
  }
  await planLateRows(odoo, ctx, today, nextId, out);
}

/** AWS invoice number of a payer-month (same rule as the generator: EU payers 'EUINDEyy-NNNNNNN', others 10 digits). */
function awsInvoiceId(seed: string, payer: string, month: string, eu: boolean): string {
  const digits = String(stream(seed, `aws-invoice|${payer}|${ym(month)}`).int(1_000_000_000, 2_999_999_999));
  return eu ? `EUINDE${month.slice(2, 4)}-${digits.slice(3)}` : digits;
}

async function planLateRows(odoo: Queryable, ctx: DayContext, today: string, lastId: number, out: Op[]): Promise<void> {
  const rng = ctx.rng('cur-late');
  const n = eventsToday(rng, LATE_ROWS[ctx.scale], ctx.day === 1 ? 1 : 0);
  if (n === 0) return;
  const months = [addMonth(today, -1), addMonth(today, -2)];
  const usage = (await odoo.query<{ id: number; m: string; c: string; n: string | null; payer: string; acct: string; product: string; entity: string }>(
    `SELECT id, usage_month::text AS m, line_item_unblended_cost::text AS c, line_item_net_unblended_cost::text AS n, bill_payer_account_id AS payer,
            line_item_usage_account_id AS acct, line_item_product_code AS product, bill_billing_entity AS entity
       FROM c_billing_internal_cur WHERE line_item_line_item_type = 'Usage' AND usage_month = ANY($1::date[]) AND line_item_unblended_cost > 1 ORDER BY id`, [months])).rows;
  if (usage.length === 0) return;
  const at = ctx.at(2 * 3600 + 45 * 60);
  const taken = new Set<string>();
  let id = lastId;
  for (let i = 0; i < n; i++) {
    const r = ctx.rng(`cur-late|${i}`);
    const src = r.pick(usage);
    const type = r.chance(0.7) ? 'Refund' : 'Credit';
    const batch = `cur-${ym(today)}-restate-${ym(src.m)}`;
    const key = `${src.m}|${src.payer}|${src.acct}|${src.product}|${type}|${src.entity}|${batch}`;
    if (taken.has(key)) continue;
    const exists = await odoo.query(`SELECT 1 FROM c_billing_internal_cur WHERE usage_month = $1::date AND bill_payer_account_id = $2 AND line_item_usage_account_id = $3 AND line_item_product_code = $4 AND line_item_line_item_type = $5 AND bill_billing_entity = $6 AND import_batch = $7`,
      [src.m, src.payer, src.acct, src.product, type, src.entity, batch]);
    if (exists.rows.length > 0) continue;
    taken.add(key);
    const cost = (-Number(src.c) * r.uniform(0.05, 0.6)).toFixed(6);
    id++;
    out.push({
      at, table: 'c_billing_internal_cur', kind: 'insert', ids: [id],
      sql: `INSERT INTO c_billing_internal_cur (id, ${CUR_COLS.map((c) => `"${c}"`).join(', ')})
            SELECT $1, usage_month, bill_billing_period_start_date, bill_billing_period_end_date, bill_payer_account_id, line_item_usage_account_id, c_aws_account_id,
                   line_item_product_code, product_product_name, product_servicecode, $3, bill_billing_entity, line_item_legal_entity, 0, $4::numeric, 0,
                   CASE WHEN line_item_net_unblended_cost IS NULL THEN NULL ELSE $4::numeric END, line_item_currency_code, $5, true, $6,
                   ${ODOO_IDS.odooBotUser}, $7::timestamp, ${ODOO_IDS.odooBotUser}, $7::timestamp
              FROM c_billing_internal_cur WHERE id = $2`,
      params: [id, src.id, type, cost, String(r.int(3_000_000_000, 3_999_999_999)), batch, ots(at)],
    });
  }
}

type Draft = { id: number; move_type: string; date: string; journal_id: number; invoice_user_id: number | null };

function seqPrefix(moveType: string, date: string): string {
  const y = date.slice(0, 4);
  const mm = date.slice(5, 7);
  return moveType === 'out_invoice' ? `INV/${y}/` : moveType === 'out_refund' ? `RINV/${y}/` : moveType === 'in_invoice' ? `BILL/${y}/${mm}/` : `MISC/${y}/${mm}/`;
}

export async function planInvoices(odoo: Queryable, ctx: DayContext, out: Op[]): Promise<void> {
  const drafts = (await odoo.query<Draft>(`SELECT id, move_type, date::text AS date, journal_id, invoice_user_id FROM account_move WHERE state = 'draft' ORDER BY id`)).rows;
  const posting = drafts.map((d) => ({ d, r: ctx.rng(`post|${d.id}`) })).filter((x) => x.r.chance(0.35)).map((x) => ({ d: x.d, at: ctx.businessHours(x.r) }));
  posting.sort((a, b) => a.at - b.at || a.d.id - b.d.id);
  const next = new Map<string, number>();
  for (const { d, at } of posting) {
    const prefix = seqPrefix(d.move_type, d.date);
    if (!next.has(prefix)) {
      const names = (await odoo.query<{ name: string }>(`SELECT name FROM account_move WHERE journal_id = $1 AND name LIKE $2 ORDER BY name`, [d.journal_id, `${prefix}%`])).rows;
      next.set(prefix, names.reduce((m, x) => Math.max(m, Number(x.name.slice(prefix.length)) || 0), 0));
    }
    const num = (next.get(prefix) ?? 0) + 1;
    next.set(prefix, num);
    const name = `${prefix}${String(num).padStart(prefix.split('/').length > 3 ? 4 : 5, '0')}`;
    const who = d.invoice_user_id ?? ODOO_IDS.adminUser;
    const lines = (await odoo.query<{ id: number }>('SELECT id FROM account_move_line WHERE move_id = $1 ORDER BY id', [d.id])).rows.map((x) => x.id);
    out.push(
      { at, table: 'account_move', kind: 'update', ids: [d.id], sql: `UPDATE account_move SET state = 'posted', name = $2, write_uid = $3, write_date = $4::timestamp WHERE id = $1`, params: [d.id, name, who, ots(at)] },
      { at, table: 'account_move_line', kind: 'update', ids: lines, sql: `UPDATE account_move_line SET parent_state = 'posted', move_name = $2, name = CASE WHEN display_type = 'payment_term' THEN $2 ELSE name END, write_uid = $3, write_date = $4::timestamp WHERE move_id = $1`, params: [d.id, name, who, ots(at)] },
    );
  }
  await planPayments(odoo, ctx, out);
}

async function planPayments(odoo: Queryable, ctx: DayContext, out: Op[]): Promise<void> {
  const open = (await odoo.query<{ id: number; payment_state: string; total: string; residual: string; due: string | null }>(
    `SELECT id, payment_state, amount_total::text AS total, amount_residual::text AS residual, invoice_date_due::text AS due FROM account_move
      WHERE state = 'posted' AND move_type IN ('out_invoice', 'out_refund', 'in_invoice') AND payment_state IN ('not_paid', 'partial', 'in_payment') ORDER BY id`)).rows;
  const at = ctx.at(23 * 3600 + 15 * 60); // the nightly bank reconciliation: one write_date for all
  for (const m of open) {
    const r = ctx.rng(`pay|${m.id}`);
    let state: string;
    let residual = m.residual;
    if (m.payment_state === 'in_payment') {
      if (!r.chance(0.5)) continue;
      state = 'paid';
    } else {
      const overdue = m.due !== null && m.due < ctx.date;
      if (!r.chance(overdue ? 0.08 : 0.03)) continue;
      const x = r.next();
      state = x < 0.7 ? 'paid' : x < 0.85 ? 'in_payment' : 'partial';
      residual = state === 'partial' ? (Number(m.residual) * r.uniform(0.2, 0.8)).toFixed(2) : '0.00';
    }
    const lines = (await odoo.query<{ id: number }>(`SELECT id FROM account_move_line WHERE move_id = $1 AND display_type = 'payment_term' ORDER BY id`, [m.id])).rows.map((x) => x.id);
    out.push(
      {
        at, table: 'account_move_line', kind: 'update', ids: lines,
        sql: `UPDATE account_move_line SET amount_residual = CASE WHEN $2::numeric = $3::numeric THEN balance WHEN $3::numeric = 0 THEN 0 ELSE round(balance * $2::numeric / $3::numeric, 2) END,
                amount_residual_currency = sign(amount_currency) * $2::numeric, reconciled = ($2::numeric = 0), write_uid = ${ODOO_IDS.odooBotUser}, write_date = $4::timestamp
              WHERE move_id = $1 AND display_type = 'payment_term'`,
        params: [m.id, residual, m.total, ots(at)],
      },
      {
        at, table: 'account_move', kind: 'update', ids: [m.id],
        sql: `UPDATE account_move m SET payment_state = $2, amount_residual = $3::numeric,
                amount_residual_signed = (SELECT coalesce(sum(l.amount_residual), 0) FROM account_move_line l WHERE l.move_id = m.id AND l.display_type = 'payment_term'),
                write_uid = ${ODOO_IDS.odooBotUser}, write_date = $4::timestamp WHERE id = $1`,
        params: [m.id, state, residual, ots(at)],
      },
    );
  }
}

