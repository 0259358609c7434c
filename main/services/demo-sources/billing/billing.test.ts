/**
 * Billing half end to end: a hand-shaped universe → generateBilling → a real database (PGlite always, the
 * PostgreSQL server too when TEST_DATABASE_URL is set), then the data is checked with SQL of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, testEngines, type TestDb } from '../../../../db/testing';
import type { Db } from '../../../../db/types';
import type { BillingFacts, Universe } from '../universe-types';
import { runBillingChecks } from './checks';
import { CUR_TARGETS } from './cur-plan';
import { dbSourceWriter } from './db-source-writer';
import { generateBilling, MARGIN_BANDS, MOVE_TARGETS } from './index';
import { makeTestUniverse } from './test-universe';

const TABLES = ['res_currency', 'res_currency_rate', 'product_template', 'product_product', 'account_account', 'account_tax', 'c_billing_internal_cur', 'c_billing_spp_bill', 'c_billing_bill', 'c_billing_bill_line', 'account_move', 'account_move_line'];

async function tableHashes(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const r = await db.query<{ h: string }>(`SELECT md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x.id), '')) h FROM ${t} x`);
    out[t] = r.rows[0]?.h ?? '';
  }
  return out;
}

const one = async <T>(db: Db, sql: string, params: unknown[] = []): Promise<T> => (await db.query<Record<string, T>>(sql, params)).rows.map((r) => Object.values(r)[0] as T)[0] as T;

for (const engine of testEngines()) {
  describe(`billing generator [${engine}]`, () => {
    const universe: Universe = makeTestUniverse({ seed: 'billing-e2e', scale: 'small', customers: 14, exactCounts: true });
    const dbs: TestDb[] = [];
    let db: Db;
    let facts: BillingFacts;
    const logs: string[] = [];

    beforeAll(async () => {
      const t = await openTestDb(engine, { migrate: false });
      dbs.push(t);
      db = t.db;
      facts = await generateBilling(universe, dbSourceWriter(db), (m) => logs.push(m));
    });
    afterAll(async () => {
      for (const t of dbs) await t.dispose();
    });

    it('hits the exact counts (CUR rows, moves) and the line target within ±2%', async () => {
      expect(await one<number>(db, 'SELECT count(*)::int FROM c_billing_internal_cur')).toBe(CUR_TARGETS.small);
      expect(await one<number>(db, 'SELECT count(*)::int FROM account_move')).toBe(MOVE_TARGETS.small);
      const lines = await one<number>(db, 'SELECT count(*)::int FROM account_move_line');
      expect(Math.abs(lines - 120_000)).toBeLessThanOrEqual(2_400);
      expect(await one<number>(db, 'SELECT count(*)::int FROM c_billing_spp_bill')).toBe(36);
      const types = (await db.query<{ move_type: string }>('SELECT DISTINCT move_type FROM account_move ORDER BY 1')).rows.map((r) => r.move_type);
      expect(types).toEqual(['entry', 'in_invoice', 'out_invoice', 'out_refund']);
      const display = (await db.query<{ d: string }>('SELECT DISTINCT display_type d FROM account_move_line ORDER BY 1')).rows.map((r) => r.d);
      expect(display).toEqual(expect.arrayContaining(['line_section', 'payment_term', 'product', 'tax']));
    });

    it('reconciles CUR and staging bills: Σ CUR cost per resold account-month = Σ bill line cost', async () => {
      const spp = universe.sppPayers.map((p) => `'${p.awsAccountId}'`).join(',');
      const resold = universe.accounts.filter((a) => a.partnerId !== null && a.billingMode !== 'internal' && universe.customers.some((c) => c.partnerId === a.partnerId)).map((a) => `'${a.awsAccountId}'`).join(',');
      const open = universe.params.asOf.slice(0, 7);
      const mismatches = await one<number>(db, `
        WITH cur AS (SELECT line_item_usage_account_id a, usage_month m, sum(line_item_unblended_cost) s FROM c_billing_internal_cur
                     WHERE bill_payer_account_id IN (${spp}) AND line_item_usage_account_id IN (${resold}) AND import_batch NOT LIKE 'cur-${open}%' GROUP BY 1, 2),
             bill AS (SELECT aws_account_id a, usage_month m, sum(cost_amount) s FROM c_billing_bill_line
                      WHERE aws_account_id IS NOT NULL AND line_type NOT IN ('managed_fee', 'adjustment') AND product_code <> 'PLS-SUPPORT' GROUP BY 1, 2)
        SELECT count(*)::int FROM cur FULL JOIN bill USING (a, m) WHERE cur.s IS DISTINCT FROM bill.s`);
      expect(mismatches).toBe(0);
      // and a restatement makes an account-month differ from the bill computed before it arrived
      const restated = facts.anomalies.filter((a) => a.kind === 'restated_cost');
      expect(restated.length).toBeGreaterThan(0);
    });

    it('keeps invoices consistent with their lines and with Odoo rules', async () => {
      const bad = await one<number>(db, `
        SELECT count(*)::int FROM account_move m
        JOIN (SELECT move_id, sum(balance) b, sum(price_subtotal) FILTER (WHERE display_type = 'product') s,
                     abs(sum(amount_currency) FILTER (WHERE display_type = 'tax')) t FROM account_move_line GROUP BY move_id) l ON l.move_id = m.id
        WHERE l.b <> 0 OR (m.move_type <> 'entry' AND (m.amount_untaxed <> coalesce(l.s, 0) OR m.amount_tax <> coalesce(l.t, 0) OR m.amount_total <> m.amount_untaxed + m.amount_tax))`);
      expect(bad).toBe(0);
      expect(await one<number>(db, `SELECT count(*)::int FROM account_move_line WHERE balance <> debit - credit`)).toBe(0);
      expect(await one<number>(db, `SELECT count(*)::int FROM account_move WHERE move_type = 'out_invoice' AND state = 'posted' AND amount_total < 0`)).toBe(0);
      // product lines of customer invoices are credits; a negative staging bill became a refund
      expect(await one<number>(db, `SELECT count(*)::int FROM account_move_line l JOIN account_move m ON m.id = l.move_id WHERE m.move_type = 'out_invoice' AND l.display_type = 'product' AND l.price_subtotal > 0 AND l.balance >= 0`)).toBe(0);
      expect(await one<number>(db, `SELECT count(*)::int FROM account_move m JOIN c_billing_bill b ON b.id = m.c_billing_bill_id WHERE m.move_type = 'out_refund' AND b.amount_billed < 0`)).toBeGreaterThan(0);
      // drafts of the latest closed month carry '/', EUR/GBP/CHF invoices convert to EUR balances
      expect(await one<number>(db, `SELECT count(*)::int FROM account_move WHERE state = 'draft' AND name = '/'`)).toBeGreaterThan(0);
      expect(await one<number>(db, `SELECT count(DISTINCT currency_id)::int FROM account_move WHERE move_type = 'out_invoice'`)).toBeGreaterThanOrEqual(2);
      expect(await one<number>(db, `SELECT count(*)::int FROM account_move_line WHERE c_usage_type ~ '^(EUC1-|EU-|EUW2-|EUN1-|USW2-|USE2-|APN1-|APS[123]-)?[A-Za-z]'`)).toBeGreaterThan(1000);
    });

    it('stores AWS ids as 12-character text, with a leading-zero id and an account under two payers', async () => {
      expect(await one<string>(db, `SELECT data_type FROM information_schema.columns WHERE table_name = 'c_billing_internal_cur' AND column_name = 'line_item_usage_account_id'`)).toBe('character varying');
      expect(await one<number>(db, `SELECT count(*)::int FROM c_billing_internal_cur WHERE line_item_usage_account_id = '012345678901'`)).toBeGreaterThan(0);
      expect(await one<number>(db, `SELECT count(*)::int FROM (SELECT 1 FROM c_billing_internal_cur GROUP BY usage_month, line_item_usage_account_id HAVING count(DISTINCT bill_payer_account_id) > 1) x`)).toBeGreaterThan(0);
    });

    it('puts the threshold entities exactly at 4,999.99 and 5,000.00 gross in the prior month (recomputed in SQL)', async () => {
      const gross = async (entityId: string): Promise<string> => {
        const ids = universe.accounts.filter((a) => a.entityId === entityId).map((a) => `'${a.awsAccountId}'`).join(',');
        return one<string>(db, `SELECT sum(CASE WHEN line_item_line_item_type IN ('Usage','SavingsPlanCoveredUsage','Fee','RIFee') THEN line_item_unblended_cost
                                               WHEN line_item_line_item_type = 'DiscountedUsage' THEN pricing_public_on_demand_cost ELSE 0 END)::numeric(20,2)::text
                                FROM c_billing_internal_cur WHERE usage_month = '2026-05-01' AND line_item_usage_account_id IN (${ids})`);
      };
      const byTarget = (t: string): string => universe.spendTargets.find((s) => s.target === t)?.entityId as string;
      expect(await gross(byTarget('force-4999.99'))).toBe('4999.99');
      expect(await gross(byTarget('force-5000.00'))).toBe('5000.00');
      expect(facts.priorMonthSpend.get(byTarget('force-4999.99'))?.grossUsd).toBe(4999.99);
      const over = facts.priorMonthSpend.get(byTarget('gross-over-net-under'));
      expect(over && over.grossUsd >= 5000 && over.netUsd < 5000).toBe(true);
      const near = facts.priorMonthSpend.get(byTarget('near-threshold'))?.grossUsd ?? 0;
      expect(near).toBeGreaterThanOrEqual(4800);
      expect(near).toBeLessThanOrEqual(5200);
      // entities without accounts are absent (unknown), not 0
      const noAws = universe.customers.find((c) => !universe.accounts.some((a) => a.entityId === c.entityId));
      expect(noAws && facts.priorMonthSpend.has(noAws.entityId)).toBe(false);
    });

    it('reports every anomaly kind, each pointing at rows that exist', async () => {
      const kinds = new Set(facts.anomalies.map((a) => a.kind));
      for (const k of ['missing_invoice', 'invoice_without_bill', 'manual_lump_invoice', 'credit_kept', 'credit_deferred', 'unmapped_account', 'payer_move', 'restated_cost', 'cancelled_reissued', 'negative_bill_as_refund']) expect(kinds).toContain(k);
      const moveIds = facts.anomalies.flatMap((a) => (a.moveId === null ? [] : [a.moveId]));
      const billIds = facts.anomalies.flatMap((a) => (a.billId === null ? [] : [a.billId]));
      expect(await one<number>(db, `SELECT count(*)::int FROM account_move WHERE id = ANY($1::int[])`, [moveIds])).toBe(new Set(moveIds).size);
      expect(await one<number>(db, `SELECT count(*)::int FROM c_billing_bill WHERE id = ANY($1::int[])`, [billIds])).toBe(new Set(billIds).size);
      const cancelled = facts.anomalies.find((a) => a.kind === 'cancelled_reissued');
      expect(await one<string>(db, `SELECT state FROM account_move WHERE id = $1`, [cancelled?.moveId])).toBe('cancel');
      const missing = facts.anomalies.find((a) => a.kind === 'missing_invoice');
      expect(await one<number | null>(db, `SELECT account_move_id FROM c_billing_bill WHERE id = $1`, [missing?.billId])).toBeNull();
      const lump = facts.anomalies.find((a) => a.kind === 'manual_lump_invoice');
      expect(await one<number>(db, `SELECT count(*)::int FROM account_move_line WHERE move_id = $1 AND display_type = 'product'`, [lump?.moveId])).toBe(1);
    });

    it('is byte-identical for the same seed and different for another seed', async () => {
      const again = await openTestDb(engine, { migrate: false });
      dbs.push(again);
      await generateBilling(universe, dbSourceWriter(again.db), () => {});
      const [a, b] = [await tableHashes(db), await tableHashes(again.db)];
      expect(b).toEqual(a);
      const other = await openTestDb(engine, { migrate: false });
      dbs.push(other);
      const u2 = makeTestUniverse({ seed: 'billing-e2e-2', scale: 'small', customers: 14, exactCounts: true });
      await generateBilling(u2, dbSourceWriter(other.db), () => {});
      const c = await tableHashes(other.db);
      expect(c.c_billing_internal_cur).not.toBe(a.c_billing_internal_cur);
      expect(c.account_move_line).not.toBe(a.account_move_line);
    });

    it('self-checks fail, listing every broken rule, on a deliberately broken dataset', async () => {
      await db.exec(`
        ALTER TABLE account_move_line DROP CONSTRAINT account_move_line_product_id_fkey;
        UPDATE account_move_line SET debit = debit + 1 WHERE id = (SELECT min(id) FROM account_move_line WHERE display_type = 'payment_term');
        UPDATE account_move_line SET product_id = 999999 WHERE id = (SELECT min(id) FROM account_move_line WHERE display_type = 'product');
        UPDATE account_move_line SET balance = balance - 0.01, credit = credit + 0.01 WHERE id = (SELECT max(id) FROM account_move_line WHERE display_type = 'product' AND credit > 0);
        UPDATE account_move SET amount_total = -1 WHERE id = (SELECT min(id) FROM account_move WHERE move_type = 'out_invoice' AND state = 'posted');
        UPDATE c_billing_internal_cur SET line_item_usage_account_id = '12345678901' WHERE id = 1;
        DELETE FROM c_billing_internal_cur WHERE id = (SELECT max(id) FROM c_billing_internal_cur);
      `);
      const expectations = { curRows: CUR_TARGETS.small, moves: MOVE_TARGETS.small, lines: { target: 120_000, tolerance: 0.02 }, margin: MARGIN_BANDS.small };
      const err = await runBillingChecks(dbSourceWriter(db), expectations, ['in-memory failure passed through']).then(() => null, (e: unknown) => e as Error);
      expect(err).toBeInstanceOf(Error);
      const msg = err?.message ?? '';
      for (const expected of ['CUR row count is exact', 'balance = debit − credit', 'every move balances', 'no posted out_invoice with a negative total', 'AWS account ids are 12-digit text', 'FK account_move_line.product_id → product_product', 'in-memory failure passed through']) {
        expect(msg).toContain(expected);
      }
      expect(logs.some((l) => l.includes('self-checks passed'))).toBe(true);
    });
  });
}
