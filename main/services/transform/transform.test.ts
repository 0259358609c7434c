/**
 * raw → core on both engines, from the tiny demo sources synced by the real sync (syncTinyDemo), then an
 * edit in the Odoo source, an incremental sync and an incremental transform.
 */
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../db/pglite';
import { describeEngines } from '../../../db/testing';
import type { Db } from '../../../db/types';
import { demoSourcesDir } from '../demo-sources/location';
import { runSync } from '../sync';
import { syncTinyDemo } from '../sync/testing';
import { runTransform, TransformError, type TransformResult } from './index';

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const one = async <T>(db: Db, q: string, p: unknown[] = []): Promise<T> => (await db.query<T>(q, p)).rows[0] as T;
const count = async (db: Db, q: string, p: unknown[] = []): Promise<number> => Number((await one<{ n: number }>(db, q, p)).n);

async function editSource(dataDir: string, sql: string): Promise<void> {
  const src = await openPglite(join(demoSourcesDir(dataDir), 'odoo'));
  try {
    await src.exec(sql);
  } finally {
    await src.close();
  }
}

describeEngines('transform of the tiny demo sources', (getDb) => {
  let dataDir: string;
  let first: TransformResult;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'revops-transform-'));
    await syncTinyDemo(getDb(), dataDir);
    first = await runTransform({ db: getDb() });
  }, 180_000);

  it('builds every core table in full on the first run, with lineage per table', async () => {
    const db = getDb();
    expect(first.mode).toBe('full');
    expect(first.consumedJobs).toBe(2);
    expect(first.steps.map((s) => s.mode)).not.toContain('skipped');
    const log = await db.query<{ target_table: string; rows_inserted: number; sync_job_ids: string[] }>(
      'SELECT target_table, rows_inserted, sync_job_ids FROM ops.transformation_log WHERE batch_id = $1 ORDER BY target_table', [first.batchId]);
    expect(log.rows).toHaveLength(first.steps.length);
    expect(log.rows.find((r) => r.target_table === 'core.odoo_opportunities')?.rows_inserted).toBe(50);
    expect(log.rows[0]?.sync_job_ids).toHaveLength(2);
  });

  it('keeps core counts equal to raw counts where they map one to one', async () => {
    const db = getDb();
    expect(await count(db, 'SELECT count(*)::int AS n FROM core.odoo_opportunities')).toBe(await count(db, "SELECT count(*)::int AS n FROM raw.odoo_crm_lead WHERE type = 'opportunity'"));
    expect(await count(db, 'SELECT count(*)::int AS n FROM core.ace_opportunities')).toBe(await count(db, 'SELECT count(*)::int AS n FROM raw.apn_opportunity'));
    expect(await count(db, 'SELECT count(*)::int AS n FROM core.aws_accounts WHERE in_odoo')).toBe(await count(db, 'SELECT count(*)::int AS n FROM raw.odoo_c_aws_accounts'));
    expect(await count(db, 'SELECT sum(row_count)::int AS n FROM core.billing_costs')).toBe(await count(db, 'SELECT count(*)::int AS n FROM raw.odoo_c_billing_internal_cur'));
    expect(await count(db, 'SELECT count(*)::int AS n FROM core.billing_bill_lines')).toBe(await count(db, 'SELECT count(*)::int AS n FROM raw.odoo_c_billing_bill_line'));
    expect(await count(db, 'SELECT count(*)::int AS n FROM core.invoices')).toBe(await count(db, 'SELECT count(*)::int AS n FROM raw.odoo_account_move'));
    expect(await count(db, 'SELECT sum(line_count)::int AS n FROM core.invoice_lines')).toBe(await count(db, "SELECT count(*)::int AS n FROM raw.odoo_account_move_line WHERE display_type = 'product'"));
    expect(await count(db, 'SELECT count(*)::int AS n FROM core.companies WHERE source_system = \'ace\'')).toBe(await count(db, 'SELECT count(*)::int AS n FROM raw.apn_end_user'));
  });

  it('keeps the money: cost and invoice facts sum to the raw amounts, credits and discounts apart', async () => {
    const db = getDb();
    const cur = await one<{ total: string; credit: string; spp: string; tax: string }>(db, `SELECT sum(line_item_unblended_cost)::numeric(20,4)::text AS total,
      sum(line_item_unblended_cost) FILTER (WHERE line_item_line_item_type = 'Credit')::numeric(20,4)::text AS credit,
      sum(line_item_unblended_cost) FILTER (WHERE line_item_line_item_type = 'SppDiscount')::numeric(20,4)::text AS spp,
      sum(line_item_unblended_cost) FILTER (WHERE line_item_line_item_type = 'Tax')::numeric(20,4)::text AS tax FROM raw.odoo_c_billing_internal_cur`);
    const core = await one<{ total: string; credit: string; spp: string; tax: string; net: string }>(db, `SELECT sum(unblended_cost)::numeric(20,4)::text AS total,
      sum(credit)::numeric(20,4)::text AS credit, sum(spp_discount)::numeric(20,4)::text AS spp, sum(tax)::numeric(20,4)::text AS tax,
      (sum(net_cost) + sum(tax) - sum(unblended_cost))::numeric(20,4)::text AS net FROM core.billing_costs`);
    expect(core).toMatchObject({ total: cur.total, credit: cur.credit, spp: cur.spp, tax: cur.tax, net: '0.0000' });
    expect(Number(cur.credit)).toBeLessThan(0);
    const inv = await one<{ raw: string; core: string }>(db, `SELECT (SELECT (-sum(balance))::numeric(20,2)::text FROM raw.odoo_account_move_line WHERE display_type = 'product') AS raw,
      (SELECT sum(amount_company)::numeric(20,2)::text FROM core.invoice_lines) AS core`);
    expect(inv.core).toBe(inv.raw);
    expect(await count(db, "SELECT count(*)::int AS n FROM core.billing_bill_lines WHERE line_type = 'spp_discount' AND amount_class <> 'discount'")).toBe(0);
    expect(await count(db, "SELECT count(*)::int AS n FROM core.invoice_lines WHERE move_type = 'out_invoice' AND amount_class = 'credit' AND amount_company > 0")).toBe(0);
    expect(await count(db, "SELECT count(*)::int AS n FROM core.invoice_lines WHERE move_type = 'entry' AND amount_class <> 'accrual'")).toBe(0);
  });

  it('resolves names: partner, salesperson (res_users has none: its partner\'s), team, stage, AWS account and payer', async () => {
    const db = getDb();
    const unresolved = await count(db, `SELECT count(*)::int AS n FROM core.odoo_opportunities o WHERE (o.user_id IS NOT NULL AND o.user_name IS NULL)
      OR (o.stage_id IS NOT NULL AND o.stage_name IS NULL) OR (o.team_id IS NOT NULL AND o.team_name IS NULL) OR (o.partner_id IS NOT NULL AND o.partner_name IS NULL)`);
    expect(unresolved).toBe(0);
    const check = await one<{ ok: boolean }>(db, `SELECT bool_and(o.user_name = up.name AND o.stage_name = s.name ->> 'en_US' AND o.team_name = t.name ->> 'en_US') AS ok
      FROM core.odoo_opportunities o JOIN raw.odoo_res_users u ON u.id = o.user_id JOIN raw.odoo_res_partner up ON up.id = u.partner_id
      JOIN raw.odoo_crm_stage s ON s.id = o.stage_id JOIN raw.odoo_crm_team t ON t.id = o.team_id`);
    expect(check.ok).toBe(true);
    // Appendix E #1: the Nordlicht SAP deal carries account 012345678901 (leading zero kept) under the partner's payer.
    const nordlicht = await one<{ aws_account_id: string; aws_account_name: string; aws_payer_account_id: string; status: string }>(db,
      "SELECT aws_account_id, aws_account_name, aws_payer_account_id, status FROM core.odoo_opportunities WHERE name = 'Nordlicht - SAP on AWS'");
    expect(nordlicht).toMatchObject({ aws_account_id: '012345678901', aws_account_name: 'nordlicht-prod' });
    expect(nordlicht.aws_payer_account_id).toMatch(/^[0-9]{12}$/);
    const won = await count(db, "SELECT count(*)::int AS n FROM core.odoo_opportunities o JOIN raw.odoo_crm_stage s ON s.id = o.stage_id WHERE s.is_won AND o.status <> 'won'");
    expect(won).toBe(0);
    expect(await count(db, "SELECT count(*)::int AS n FROM core.odoo_opportunities WHERE active = false AND status <> 'lost'")).toBe(0);
    const payers = await count(db, 'SELECT count(*)::int AS n FROM core.aws_accounts a WHERE NOT a.is_payer AND a.payer_account_id IS NULL AND a.first_cost_month IS NOT NULL');
    expect(payers).toBe(0);
  });

  it('normalizes the spec\'s hard cases (Appendix E)', async () => {
    const db = getDb();
    const ace = async (name: string) =>
      one<{ normalized_company_name: string; company_name_fold: string; normalized_domain: string | null; aws_account: string | null; aws_account_status: string }>(db,
        'SELECT normalized_company_name, company_name_fold, normalized_domain, aws_account, aws_account_status FROM core.ace_opportunities WHERE account_name = $1 ORDER BY source_id LIMIT 1', [name]);
    const odoo = async (name: string) => one<{ normalized_company_name: string; company_name_fold: string }>(db,
      'SELECT normalized_company_name, company_name_fold FROM core.companies WHERE source_system = \'odoo\' AND name = $1 LIMIT 1', [name]);
    expect(await ace('NORDLICHT LOGISTIK GMBH')).toMatchObject({ normalized_company_name: 'nordlicht logistik', normalized_domain: 'nordlicht-logistik.de', aws_account: '012345678901', aws_account_status: 'ok' });
    expect((await ace('Mueller Praezisionstechnik GmbH')).normalized_company_name).toBe((await odoo('Müller Präzisionstechnik GmbH & Co. KG')).normalized_company_name);
    expect((await ace('Bluepeak Analytics LLC')).normalized_company_name).toBe((await odoo('Bluepeak Analytics, Inc.')).normalized_company_name);
    expect((await ace('Sakura Tech Co., Ltd.')).normalized_company_name).toBe('sakura tech');
    expect((await ace('Odegaard Bygg')).company_name_fold).toBe((await odoo('Ødegaard Bygg AS')).company_name_fold);
    // #9: a generic mail domain typed as the website is not the company's domain.
    const northshore = await ace('Bank of Northshore');
    expect(northshore.normalized_domain).not.toBe('gmail.com');
    // Dirty ACE account ids (spec §4.7).
    const dirty = await db.query<{ aws_account_raw: string; aws_account_ids: string[]; aws_account_status: string }>(
      `SELECT aws_account_raw, aws_account_ids, aws_account_status FROM core.ace_opportunities WHERE aws_account_raw IS NOT NULL AND aws_account_raw !~ '^[0-9]{12}$'`);
    expect(dirty.rows.length).toBeGreaterThan(0);
    for (const r of dirty.rows) {
      expect(r.aws_account_status).not.toBe('ok');
      for (const id of r.aws_account_ids) expect(id).toMatch(/^[0-9]{12}$/);
    }
    expect(await count(db, "SELECT count(*)::int AS n FROM core.odoo_opportunities WHERE normalized_domain IN ('gmail.com', 'gmx.de', 'web.de', 'outlook.com', 'qq.com', 'yahoo.co.uk')")).toBe(0);
  });

  it('stores identity and context texts with their SHA-256', async () => {
    const db = getDb();
    for (const table of ['core.odoo_opportunities', 'core.ace_opportunities', 'core.companies', 'core.aws_accounts']) {
      const rows = await db.query<{ identity_text: string; context_text: string; identity_hash: string; context_hash: string }>(
        `SELECT identity_text, context_text, identity_hash, context_hash FROM ${table}`);
      expect(rows.rows.length).toBeGreaterThan(0);
      for (const r of rows.rows) {
        expect(r.identity_hash).toBe(sha256(r.identity_text));
        expect(r.context_hash).toBe(sha256(r.context_text));
      }
    }
    const t = await one<{ identity_text: string; context_text: string }>(db, "SELECT identity_text, context_text FROM core.odoo_opportunities WHERE name = 'Nordlicht - SAP on AWS'");
    expect(t.identity_text).toBe('Nordlicht Logistik GmbH | nordlicht-logistik.de | Germany');
    expect(t.context_text).toContain('Opportunity: Nordlicht - SAP on AWS');
    expect(t.context_text).toContain('AWS accounts: 012345678901');
  });

  it('a full re-run changes nothing', async () => {
    const again = await runTransform({ db: getDb(), full: true });
    expect(again.totals).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(again.totals.considered).toBe(first.totals.considered);
  });

  it('is up to date when no sync ran since', async () => {
    const r = await runTransform({ db: getDb() });
    expect(r.mode).toBe('up-to-date');
  });

  it('re-transforms only what a sync changed, keeping untouched rows (and their hashes) as they were', async () => {
    const db = getDb();
    const snapshot = async () => new Map((await db.query<{ k: string; h: string; b: string; u: string }>(
      `SELECT 'o' || source_id AS k, identity_hash || context_hash AS h, transform_batch_id::text AS b, updated_at::text AS u FROM core.odoo_opportunities
       UNION ALL SELECT 'c' || source_system || source_id, identity_hash || context_hash, transform_batch_id::text, updated_at::text FROM core.companies
       UNION ALL SELECT 'a' || source_id, identity_hash || context_hash, transform_batch_id::text, updated_at::text FROM core.ace_opportunities`)).rows.map((r) => [r.k, r]));
    const before = await snapshot();
    const leads = await db.query<{ id: number; partner_id: number }>(
      "SELECT id, partner_id FROM raw.odoo_crm_lead WHERE type = 'opportunity' AND partner_id IS NOT NULL ORDER BY id LIMIT 1");
    const lead = leads.rows[0] as { id: number; partner_id: number };
    const other = await one<{ id: number }>(db, "SELECT min(id) AS id FROM raw.odoo_crm_lead WHERE type = 'opportunity' AND id > $1 AND partner_id IS DISTINCT FROM $2", [lead.id, lead.partner_id]);
    const cp = await one<{ id: number }>(db, 'SELECT coalesce(commercial_partner_id, id) AS id FROM raw.odoo_res_partner WHERE id = $1', [lead.partner_id]);
    const sharing = await db.query<{ id: number }>(
      `SELECT l.id FROM raw.odoo_crm_lead l JOIN raw.odoo_res_partner p ON p.id = l.partner_id
       WHERE l.type = 'opportunity' AND (p.id = $1 OR p.commercial_partner_id = $1)`, [cp.id]);
    await editSource(dataDir, `
      UPDATE crm_lead SET name = name || ' (renamed)', write_date = '2026-07-01 08:00:00' WHERE id = ${other.id};
      UPDATE res_partner SET name = name || ' Holding', write_date = '2026-07-01 08:00:00' WHERE id = ${cp.id}`);
    const sync = await runSync({ db, dataDir, systems: 'odoo', env: {} });
    expect(sync.ok).toBe(true);
    const r = await runTransform({ db });
    expect(r.mode).toBe('incremental');
    expect(r.consumedJobs).toBe(1);
    const after = await snapshot();
    const changed = [...after.keys()].filter((k) => after.get(k)?.h !== before.get(k)?.h).sort();
    const expected = [`o${other.id}`, ...sharing.rows.map((x) => `o${x.id}`), `codoo${cp.id}`].sort();
    expect(changed).toEqual([...new Set(expected)].sort());
    for (const [k, row] of after) {
      if (changed.includes(k)) expect(row.b).toBe(r.batchId);
      else expect(row).toEqual(before.get(k));
    }
    const odooStep = r.steps.find((s) => s.target === 'core.odoo_opportunities');
    expect(odooStep).toMatchObject({ mode: 'incremental', inserted: 0, deleted: 0, updated: new Set([other.id, ...sharing.rows.map((x) => x.id)]).size });
    expect(odooStep?.considered).toBeLessThan(10);
    expect(r.steps.find((s) => s.target === 'core.invoice_lines')?.considered).toBe(0);
    const renamed = await one<{ name: string }>(db, 'SELECT name FROM core.odoo_opportunities WHERE source_id = $1', [other.id]);
    expect(renamed.name).toMatch(/ \(renamed\)$/);
  });

  it('removes core rows whose source rows were deleted', async () => {
    const db = getDb();
    const lead = await one<{ id: number }>(db, "SELECT max(id) AS id FROM raw.odoo_crm_lead WHERE type = 'opportunity' AND id NOT IN (SELECT lead_id FROM raw.odoo_c_aws_accounts WHERE lead_id IS NOT NULL) AND id NOT IN (SELECT opportunity_id FROM raw.odoo_sale_order WHERE opportunity_id IS NOT NULL)");
    await editSource(dataDir, `DELETE FROM crm_tag_rel WHERE lead_id = ${lead.id}; DELETE FROM crm_lead WHERE id = ${lead.id}`);
    expect((await runSync({ db, dataDir, systems: 'odoo', full: true, env: {} })).ok).toBe(true);
    const r = await runTransform({ db });
    expect(r.steps.find((s) => s.target === 'core.odoo_opportunities')).toMatchObject({ mode: 'incremental', deleted: 1 });
    expect(await count(db, 'SELECT count(*)::int AS n FROM core.odoo_opportunities WHERE source_id = $1', [lead.id])).toBe(0);
  });
});

describeEngines('transform after a product change', (getDb) => {
  it('recomputes invoice lines in full (product codes feed every line) and the rest incrementally', async () => {
    const db = getDb();
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-transform-product-'));
    await syncTinyDemo(db, dataDir);
    await runTransform({ db });
    // A product invoiced on lines without a staging bill line (their product name comes from the catalog).
    const product = await one<{ id: number; lines: number }>(db, `SELECT pt.id, count(DISTINCT (l.move_id, l.product_id))::int AS lines
      FROM raw.odoo_account_move_line l JOIN raw.odoo_product_product pp ON pp.id = l.product_id JOIN raw.odoo_product_template pt ON pt.id = pp.product_tmpl_id
      WHERE l.display_type = 'product' AND l.c_bill_line_id IS NULL GROUP BY pt.id ORDER BY 2 DESC, 1 LIMIT 1`);
    expect(product.lines).toBeGreaterThan(0);
    await editSource(dataDir, `UPDATE product_template SET name = '{"en_US": "Renamed product (2027)"}'::jsonb, write_date = '2026-07-01 08:00:00' WHERE id = ${product.id}`);
    expect((await runSync({ db, dataDir, systems: 'odoo', env: {} })).ok).toBe(true);
    const r = await runTransform({ db });
    const lines = r.steps.find((s) => s.target === 'core.invoice_lines');
    expect(lines?.mode).toBe('full');
    expect(lines?.considered).toBe(await count(db, 'SELECT count(*)::int AS n FROM core.invoice_lines'));
    expect(lines?.updated).toBeGreaterThanOrEqual(product.lines);
    expect(r.steps.find((s) => s.target === 'core.odoo_opportunities')).toMatchObject({ mode: 'incremental', considered: 0 });
    expect(await count(db, "SELECT count(*)::int AS n FROM core.invoice_lines WHERE product_name = 'Renamed product (2027)'")).toBeGreaterThanOrEqual(product.lines);
  }, 180_000);
});

describeEngines('transform without raw data', (getDb) => {
  it('says to sync first', async () => {
    await expect(runTransform({ db: getDb() })).rejects.toThrow(TransformError);
    await expect(runTransform({ db: getDb() })).rejects.toThrow(/revops sync all/);
  });
});

describe('transform step SQL', () => {
  it('is only static text (changedIds refuses odd table names)', async () => {
    const { changedIds } = await import('./step');
    expect(() => changedIds("x'; DROP TABLE y; --")).toThrow();
  });
});
