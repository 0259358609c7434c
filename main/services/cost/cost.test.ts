/**
 * The cost explorer on the tiny demo sources, on both engines: real sync and transform (which rebuilds the
 * marts), then the marts reconciled to the cent with the generator's output — the Odoo source database the
 * generator wrote (CUR rows, posted customer invoices and credit notes, FX rates), read directly, not
 * through the pipeline — and with its ground truth (prior-month gross spend per entity, billing anomalies).
 * Then the queries agree with each other (totals = Σ series = Σ products = Σ accounts; a payer = its
 * linked accounts; drill-down; movers).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { convert, rateOn, roundCents } from '../../../app/cost';
import { openPglite } from '../../../db/pglite';
import { describeEngines } from '../../../db/testing';
import type { Db } from '../../../db/types';
import { demoSourcesDir, readDemoManifest } from '../demo-sources/location';
import { openTruth } from '../match/truth';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';
import { costAccounts, costDrill, costMovers } from './drill';
import { costQuery, monthlyCostVsInvoice, refreshCostMart } from './index';
import { podRealized, podStartMonth } from './pod';
import { runMatch } from '../match';
import { runDecide } from '../decide';
import { resolveAsOf } from '../decide/as-of';
import { createCostService } from './service';
import { createOfflineService } from '../offline/service';
import { createDecisionService } from '../decide/service';
import ExcelJS from 'exceljs';

const cents = (x: number | string) => roundCents(Number(x)).toFixed(2);

async function withSource<T>(dataDir: string, name: 'odoo' | 'truth', fn: (db: Db) => Promise<T>): Promise<T> {
  const manifest = await readDemoManifest(dataDir);
  if (!manifest) throw new Error('no demo manifest');
  const db = name === 'truth' ? (await openTruth(dataDir, undefined)).db : await openPglite(join(demoSourcesDir(dataDir), manifest.location.odoo));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describeEngines('cost explorer on the tiny demo sources', (getDb) => {
  let dataDir: string;
  const one = async <T>(text: string, params: unknown[] = []) => (await getDb().query<T>(text, params)).rows[0] as T;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'revops-cost-'));
    await syncTinyDemo(getDb(), dataDir);
    await runTransform({ db: getDb() });
  }, 240_000);

  it('reconciles every cost bucket to the cent with the CUR rows the generator wrote', async () => {
    const src = await withSource(dataDir, 'odoo', async (o) => (await o.query<Record<string, string>>(`
      SELECT sum(line_item_unblended_cost)::text AS unblended,
        sum(line_item_unblended_cost) FILTER (WHERE line_item_line_item_type = 'Credit')::text AS credits,
        coalesce(sum(line_item_unblended_cost) FILTER (WHERE line_item_line_item_type = 'Refund'), 0)::text AS refunds,
        sum(line_item_unblended_cost) FILTER (WHERE line_item_line_item_type = 'SppDiscount')::text AS spp,
        coalesce(sum(line_item_unblended_cost) FILTER (WHERE line_item_line_item_type = 'Tax'), 0)::text AS tax
      FROM c_billing_internal_cur`)).rows[0] as Record<string, string>);
    const mart = await one<Record<string, string>>(`SELECT sum(cost_unblended)::text AS unblended, sum(cost_credits)::text AS credits, sum(cost_refunds)::text AS refunds,
      sum(discount_spp)::text AS spp, sum(cost_tax)::text AS tax, sum(net_cost + cost_tax - cost_unblended)::text AS drift,
      sum(cost_usage + cost_credits + cost_refunds + discount_spp + discount_pod + discount_other + cost_tax + cost_other - cost_unblended)::text AS split FROM core.cost_mart`);
    for (const k of ['unblended', 'credits', 'refunds', 'spp', 'tax'] as const) expect(cents(mart[k] ?? 0), k).toBe(cents(src[k] ?? 0));
    expect(Number(mart.unblended)).not.toBe(0);
    expect(Number(mart.drift)).toBe(0);
    expect(Number(mart.split)).toBe(0);
  });

  it('reconciles invoiced amounts to the cent: company currency with the books, USD at the invoice-date rate, credit notes negative', async () => {
    const src = await withSource(dataDir, 'odoo', async (o) => {
      const moves = (await o.query<{ move_type: string; cur: string; day: string; untaxed: string; signed: string }>(`
        SELECT m.move_type, c.name AS cur, to_char(m.invoice_date, 'YYYY-MM-DD') AS day, m.amount_untaxed::text AS untaxed, m.amount_untaxed_signed::text AS signed
        FROM account_move m JOIN res_currency c ON c.id = m.currency_id WHERE m.move_type IN ('out_invoice', 'out_refund') AND m.state = 'posted'`)).rows;
      const rates = (await o.query<{ cur: string; day: string; rate: string }>(
        `SELECT c.name AS cur, to_char(r.name, 'YYYY-MM-DD') AS day, r.rate::text AS rate FROM res_currency_rate r JOIN res_currency c ON c.id = r.currency_id`)).rows;
      return { moves, rates };
    });
    const series = new Map<string, { day: string; rate: number }[]>();
    for (const r of src.rates) series.set(r.cur, [...(series.get(r.cur) ?? []), { day: r.day, rate: Number(r.rate) }]);
    let usd = 0;
    let company = 0;
    let creditNotes = 0;
    for (const m of src.moves) {
      const sign = m.move_type === 'out_refund' ? -1 : 1;
      const at = (c: string) => rateOn(series.get(c) ?? [], m.day);
      const v = convert(sign * Number(m.untaxed), m.cur, 'USD', { [m.cur]: at(m.cur), USD: at('USD') });
      usd += v;
      company += Number(m.signed);
      if (sign < 0) creditNotes += v;
    }
    expect(src.moves.some((m) => m.move_type === 'out_refund')).toBe(true);
    expect(new Set(src.moves.map((m) => m.cur)).size).toBeGreaterThan(1);
    const mart = await one<{ usd: string; company: string; cn: string }>('SELECT sum(invoiced_usd)::text AS usd, sum(invoiced_company)::text AS company, sum(credit_notes_usd)::text AS cn FROM core.cost_mart');
    expect(cents(mart.company)).toBe(cents(company));
    expect(cents(mart.usd)).toBe(cents(usd));
    expect(cents(mart.cn)).toBe(cents(creditNotes));
    expect(creditNotes).toBeLessThan(0);
  });

  it("matches the ground truth's prior-month gross spend of every entity with known spend", async () => {
    const truth = await withSource(dataDir, 'truth', async (t) => (await t.query<{ entity_id: string; month: string; gross: string; accounts: string[] }>(`
      SELECT p.entity_id, to_char(min(p.prior_month), 'YYYY-MM') AS month, min(p.prior_month_gross_usd)::text AS gross, array_agg(DISTINCT a.aws_account_id) AS accounts
      FROM synthetic_truth.gt_pod_expected p JOIN synthetic_truth.gt_aws_account a USING (entity_id)
      WHERE p.spend_known GROUP BY p.entity_id`)).rows);
    expect(truth.length).toBeGreaterThan(0);
    for (const e of truth) {
      const rows = await monthlyCostVsInvoice(getDb(), { accounts: e.accounts, from: e.month, to: e.month });
      const gross = await one<{ g: string | null }>('SELECT sum(gross_cost)::text AS g FROM core.cost_mart_account_months WHERE account_id = ANY ($1::text[]) AND month = ($2 || \'-01\')::date', [e.accounts, e.month]);
      expect(cents(gross.g ?? 0), `${e.entity_id} ${e.month}`).toBe(cents(e.gross));
      expect(rows.every((r) => r.month === e.month && e.accounts.includes(r.accountId))).toBe(true);
    }
  });

  it("flags the truth's missing invoice as cost without invoice on the bill's accounts, but not the open month", async () => {
    const missing = await withSource(dataDir, 'truth', async (t) => (await t.query<{ bill_id: number; month: string }>(
      `SELECT bill_id, to_char(period, 'YYYY-MM-DD') AS month FROM synthetic_truth.gt_billing_anomaly WHERE kind = 'missing_invoice' AND bill_id IS NOT NULL`)).rows);
    expect(missing.length).toBeGreaterThan(0);
    for (const m of missing) {
      const r = (await getDb().query<{ account_id: string; flag: boolean; cost: string }>(`
        SELECT am.account_id, am.flag_cost_no_invoice AS flag, am.net_cost::text AS cost FROM core.cost_mart_account_months am
        WHERE am.month = $2::date AND am.account_id IN (SELECT aws_account_id FROM core.billing_bill_lines WHERE bill_id = $1)`, [m.bill_id, m.month])).rows;
      expect(r.length, `bill ${m.bill_id}`).toBeGreaterThan(0);
      for (const x of r.filter((y) => Number(y.cost) > 0)) expect(x.flag, `${x.account_id} ${m.month}`).toBe(true);
    }
    // the open month (no AWS usage invoiced yet) has cost without invoice everywhere, and none of it is flagged
    const open = await one<{ unflagged: number; flagged: number }>(`
      SELECT count(*) FILTER (WHERE NOT flag_cost_no_invoice)::int AS unflagged, count(*) FILTER (WHERE flag_cost_no_invoice)::int AS flagged
      FROM core.cost_mart_account_months am WHERE billable AND net_cost > 0 AND invoiced_usd = 0
        AND month > (SELECT max(month) FROM core.cost_mart WHERE has_invoice AND account_id <> '')`);
    expect(open.unflagged).toBeGreaterThan(0);
    expect(open.flagged).toBe(0);
  });

  it('answers the same figures whichever way they are cut', async () => {
    const f = { accounts: [] as string[], from: '2025-07', to: '2026-06' };
    const q = await costQuery(getDb(), f, 'quarter');
    const sum = (xs: { cost: number; invoiced: number }[], k: 'cost' | 'invoiced') => roundCents(xs.reduce((a, x) => a + x[k], 0));
    expect(q.series.map((s) => s.period)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    for (const k of ['cost', 'invoiced'] as const) {
      expect(Math.abs(sum(q.series, k) - q.totals[k])).toBeLessThanOrEqual(0.02);
      expect(Math.abs(sum(q.byProduct, k) - q.totals[k])).toBeLessThanOrEqual(0.02);
      expect(Math.abs(sum(q.byAccount, k) - q.totals[k])).toBeLessThanOrEqual(0.02);
    }
    expect(q.totals.margin).toBeCloseTo(q.totals.invoiced - q.totals.cost, 1);
    const all = await one<{ cost: string }>(`SELECT sum(net_cost)::text AS cost FROM core.cost_mart WHERE month BETWEEN '2025-07-01' AND '2026-06-01'`);
    expect(cents(q.totals.cost)).toBe(cents(all.cost));
  });

  it('selects a payer as all of its linked accounts, and drills account → products → months', async () => {
    const acc = await costAccounts(getDb());
    const payer = acc.payers.find((p) => p.accounts.length > 1);
    expect(payer).toBeDefined();
    if (!payer) return;
    const f = { from: acc.firstMonth ?? '2025-01', to: acc.lastMonth ?? '2026-12' };
    const byPayer = await monthlyCostVsInvoice(getDb(), { accounts: [payer.payerId], ...f });
    const byLinked = await monthlyCostVsInvoice(getDb(), { accounts: payer.accounts.map((a) => a.accountId), ...f });
    const total = (rs: { cost: number }[]) => roundCents(rs.reduce((a, r) => a + r.cost, 0));
    expect(total(byPayer)).toBeGreaterThan(0);
    // an account that moved payer also has months under its other payer: the linked selection has them too
    expect(total(byLinked)).toBeGreaterThanOrEqual(total(byPayer) - 0.01);
    const mix = await monthlyCostVsInvoice(getDb(), { accounts: [payer.payerId, payer.accounts[0]?.accountId ?? ''], ...f });
    expect(total(mix)).toBeGreaterThanOrEqual(total(byPayer) - 0.01);

    const account = byPayer.reduce((a, b) => (b.cost > a.cost ? b : a)).accountId;
    const products = await costDrill(getDb(), { accounts: [], ...f }, account);
    expect(products.level).toBe('product');
    const top = products.rows[0];
    expect(top).toBeDefined();
    const months = await costDrill(getDb(), { accounts: [], ...f }, account, top?.key);
    expect(months.level).toBe('month');
    expect(roundCents(months.rows.reduce((a, r) => a + r.cost, 0))).toBeCloseTo(top?.cost ?? NaN, 1);
    // the drill-down covers the account under every payer it had
    const accountTotal = total(await monthlyCostVsInvoice(getDb(), { accounts: [account], ...f }));
    expect(roundCents(products.rows.reduce((a, r) => a + r.cost, 0))).toBeCloseTo(accountTotal, 1);
  });

  it('ranks top movers between two months by the change of net cost', async () => {
    const movers = await costMovers(getDb(), { accounts: [], before: { from: '2026-04', to: '2026-04' }, after: { from: '2026-05', to: '2026-05' }, dimension: 'account', limit: 5 });
    expect(movers.length).toBeGreaterThan(0);
    for (let i = 1; i < movers.length; i++) expect(Math.abs(movers[i - 1]?.change ?? 0)).toBeGreaterThanOrEqual(Math.abs(movers[i]?.change ?? 0));
    const m = movers[0];
    if (!m) return;
    const [before] = await monthlyCostVsInvoice(getDb(), { accounts: [m.key], from: '2026-04', to: '2026-04' });
    expect(m.before).toBeCloseTo(before?.cost ?? 0, 1);
  });

  it('after a source change, an incremental transform rebuilds only the touched months, to the same result as a full rebuild', async () => {
    const db = getDb();
    const row = await withSource(dataDir, 'odoo', async (o) => {
      const r = (await o.query<{ id: number; month: string; account: string }>(`SELECT id, to_char(usage_month, 'YYYY-MM') AS month, line_item_usage_account_id AS account
        FROM c_billing_internal_cur WHERE line_item_line_item_type = 'Usage' ORDER BY usage_month, id LIMIT 1`)).rows[0];
      if (!r) throw new Error('no Usage row');
      await o.exec(`UPDATE c_billing_internal_cur SET line_item_unblended_cost = line_item_unblended_cost + 100, write_date = '2026-07-01 08:00:00' WHERE id = ${r.id}`);
      return r;
    });
    const [before] = await monthlyCostVsInvoice(db, { accounts: [row.account], from: row.month, to: row.month });
    const snapshot = async () => (await db.query<{ r: string }>(`SELECT string_agg(concat_ws('|', month, account_id, payer_account_id, product_code, net_cost, invoiced_usd, billed_usd,
      margin_usd, flag_cost_no_invoice, flag_negative_margin), ',' ORDER BY month, account_id, payer_account_id, product_code) AS r FROM core.cost_mart`)).rows[0]?.r;
    const { runSync } = await import('../sync');
    expect((await runSync({ db, dataDir, systems: 'odoo', env: {} })).ok).toBe(true);
    const logs: string[] = [];
    const t = await runTransform({ db, log: (l) => logs.push(l) });
    expect(t.mode).toBe('incremental');
    expect(logs.find((l) => l.includes('core.cost_mart'))).toMatch(/incremental\s+1 account-months rebuilt/);
    const [after] = await monthlyCostVsInvoice(db, { accounts: [row.account], from: row.month, to: row.month });
    expect(roundCents((after?.cost ?? 0) - (before?.cost ?? 0))).toBe(100);
    const incremental = await snapshot();
    await db.transaction((tx) => refreshCostMart(tx));
    expect(await snapshot()).toBe(incremental);
  }, 120_000);

  it('cost:export writes the current view as XLSX into the exports folder, with the figures of cost:query', async () => {
    const svc = createCostService({ dataDir, warehouse: async () => getDb() });
    const input = { accounts: [] as string[], products: [] as string[], from: '2026-01', to: '2026-06', by: 'quarter' as const };
    const r = await svc['cost:export'](input);
    expect(r.cancelled).toBe(false);
    expect(r.path?.startsWith(join(dataDir, 'exports'))).toBe(true);
    expect(r.sheets).toEqual(['Summary', 'Periods', 'Products', 'Accounts', 'Anomalies']);
    const view = await svc['cost:query'](input);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.path ?? '');
    const periods = wb.getWorksheet('Periods');
    expect(periods?.getRow(2).getCell(1).value).toBe('2026-Q1');
    expect(periods?.getRow(2).getCell(2).value).toBe(view.series[0]?.cost);
    expect(periods?.getRow(3).getCell(3).value).toBe(view.series[1]?.invoiced);
    expect(wb.getWorksheet('Products')?.rowCount).toBe(view.byProduct.length + 1);
    const summary = wb.getWorksheet('Summary');
    const costRow = summary?.getRows(1, summary.rowCount)?.find((row) => row.getCell(1).value === 'AWS cost (net)');
    expect(costRow?.getCell(2).value).toBe(view.totals.cost);
    const cancelled = await createCostService({ dataDir, warehouse: async () => getDb(), chooseTarget: async () => null })['cost:export'](input);
    expect(cancelled).toEqual({ cancelled: true, path: null, sheets: [], rows: 0 });
  });

  it('POD realized: approved decisions (automatic or by an analyst) against the expected share of gross spend since the start month', async () => {
    const db = getDb();
    await runMatch({ db });
    await runDecide({ db, asOf: (await resolveAsOf(dataDir)).asOf, tenant: 'demo' });
    // an analyst approves one opportunity the rules sent to review and that names an account
    const review = (await db.query<{ ace: string; id: string }>(`SELECT ace_source_id AS ace, decision_id::text AS id FROM ops.pod_decisions_current
      WHERE tenant = 'demo' AND outcome = 'needs_review' AND jsonb_array_length(facts -> 'aws_account_ids') > 0 ORDER BY ace_source_id LIMIT 1`)).rows[0];
    expect(review).toBeDefined();
    await db.query(`INSERT INTO ops.pod_decision_events (ace_source_id, tenant, decision_id, action, reason, actor) VALUES ($1, 'demo', $2, 'approve', 'test', 'analyst')`, [review?.ace, review?.id]);
    const r = await podRealized(db, { tenant: 'demo', expectedPct: 0.05 });
    const auto = (await db.query<{ ace: string }>(`SELECT ace_source_id AS ace FROM ops.pod_decisions_current WHERE tenant = 'demo' AND outcome = 'auto_approve'`)).rows.map((x) => x.ace);
    expect(new Set(r.rows.map((x) => x.aceId))).toEqual(new Set([...auto, review?.ace]));
    const mine = r.rows.filter((x) => x.aceId === review?.ace);
    expect(mine.length).toBeGreaterThan(0);
    for (const x of r.rows.filter((y) => y.accountId)) {
      expect(x.startMonth).toBe(podStartMonth(x.targetCloseDate));
      const g = await one<{ g: string | null }>(`SELECT sum(gross_cost)::text AS g FROM core.billing_costs WHERE usage_account_id = $1 AND usage_month >= ($2 || '-01')::date`, [x.accountId, x.startMonth ?? '9999-12']);
      expect(cents(x.gross)).toBe(cents(g.g ?? 0));
      expect(x.expected).toBeCloseTo(x.gross * 0.05, 2);
      expect(x.gap).toBeCloseTo(x.realized - x.expected, 2);
    }
    expect(mine[0]?.state).toBe('approved');
  }, 180_000);

  it('a cost view opened online answers from the offline copy when the warehouse is unreachable', async () => {
    let up = true;
    const warehouse = async () => {
      if (!up) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      return getDb();
    };
    const offline = createOfflineService({ dataDir, warehouse, decisions: createDecisionService({ dataDir, warehouse }), emit: () => undefined, log: () => undefined });
    try {
      const cost = createCostService({ dataDir, warehouse });
      // as main/host/runtime.ts wires it
      const query = offline.cacheRead('cost:query', cost['cost:query'], (i) => JSON.stringify(i));
      const input = { accounts: [] as string[], products: [] as string[], from: '2026-01', to: '2026-06', by: 'month' as const };
      const online = await query(input);
      up = false;
      expect(await query(input)).toEqual(online);
      await expect(query({ ...input, from: '2026-02' })).rejects.toMatchObject({ code: 'warehouse_unavailable' });
    } finally {
      await offline.close();
    }
  });

  it('starts POD in the month after the target close date', () => {
    expect(podStartMonth('2026-03-31')).toBe('2026-04');
    expect(podStartMonth('2026-12-01')).toBe('2027-01');
    expect(podStartMonth(null)).toBeNull();
  });
});
