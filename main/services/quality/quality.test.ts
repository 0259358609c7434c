/**
 * Quality checks on both engines against the tiny demo sources: the anomalies the generator planted (its
 * ground truth database lists them; only this test reads it, never the pipeline) are found, scores are
 * stored, the printed table is readable.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../db/pglite';
import { describeEngines } from '../../../db/testing';
import { formatQuality } from '../../cli/quality';
import { demoSourcesDir } from '../demo-sources/location';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';
import { runQuality, scoreTables, type CheckResult, type QualityResult } from './index';

type Truth = { kind: string; bill_id: number | null; move_id: number | null; aws_account_id: string | null };

async function readTruth(dataDir: string): Promise<{ anomalies: Truth[]; duplicates: number[] }> {
  const db = await openPglite(join(demoSourcesDir(dataDir), 'truth'));
  try {
    const anomalies = (await db.query<Truth>('SELECT kind, bill_id, move_id, aws_account_id FROM synthetic_truth.gt_billing_anomaly')).rows;
    const duplicates = (await db.query<{ partner_id: number }>("SELECT partner_id FROM synthetic_truth.gt_odoo_partner WHERE role = 'duplicate_company'")).rows.map((r) => r.partner_id);
    return { anomalies, duplicates };
  } finally {
    await db.close();
  }
}

const failing = (r: QualityResult, table: string, name: string): string[] => {
  const c = r.checks.find((x) => x.table === table && x.name === name) as CheckResult;
  expect(c, `${table} ${name}`).toBeDefined();
  expect(c.skipped).toBeUndefined();
  return c.examples.map((e) => String(e.key));
};

describeEngines('quality checks on the tiny demo sources', (getDb) => {
  let dataDir: string;
  let result: QualityResult;
  let truth: { anomalies: Truth[]; duplicates: number[] };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'revops-quality-'));
    await syncTinyDemo(getDb(), dataDir);
    await runTransform({ db: getDb() });
    result = await runQuality({ db: getDb() });
    truth = await readTruth(dataDir);
  }, 180_000);

  it('runs every check and scores tables and the whole warehouse', () => {
    expect(result.checks.filter((c) => c.skipped)).toEqual([]);
    expect(result.overallScore).toBeGreaterThan(50);
    expect(result.overallScore).toBeLessThan(100);
    for (const t of ['core.odoo_opportunities', 'core.ace_opportunities', 'core.aws_accounts', 'core.billing_costs', 'core.billing_bills', 'core.invoices', 'raw.odoo_crm_lead']) {
      expect(result.tableScores[t], t).toBeTypeOf('number');
    }
  });

  it('finds the planted billing anomalies', () => {
    const kinds = (k: string) => truth.anomalies.filter((a) => a.kind === k);
    expect(kinds('missing_invoice').length).toBeGreaterThan(0);
    const notInvoiced = failing(result, 'core.billing_bills', 'bill_invoiced');
    for (const a of kinds('missing_invoice')) expect(notInvoiced).toContain(String(a.bill_id));
    const noBill = failing(result, 'core.invoices', 'invoice_has_bill');
    for (const a of [...kinds('invoice_without_bill'), ...kinds('manual_lump_invoice')]) expect(noBill).toContain(String(a.move_id));
    const unknownAccounts = failing(result, 'core.billing_costs', 'cost_of_unknown_account').map((k) => k.split(' ')[0]);
    for (const a of kinds('unmapped_account')) expect(unknownAccounts).toContain(a.aws_account_id);
    expect(failing(result, 'core.aws_accounts', 'known_to_odoo')).toEqual(expect.arrayContaining(kinds('unmapped_account').map((a) => a.aws_account_id)));
    // cost without invoice: the missing invoices' customers and months
    const costNoInvoice = failing(result, 'core.billing_costs', 'cost_without_invoice');
    expect(costNoInvoice.length).toBeGreaterThan(0);
    const moved = kinds('payer_move').map((a) => a.aws_account_id);
    expect(failing(result, 'core.aws_accounts', 'single_payer')).toEqual(expect.arrayContaining(moved));
    const negative = kinds('negative_margin').map((a) => String(a.bill_id));
    expect(failing(result, 'core.billing_bills', 'margin_not_negative')).toEqual(expect.arrayContaining(negative));
  });

  it('finds duplicate CRM companies and malformed AWS account ids', async () => {
    expect(truth.duplicates.length).toBeGreaterThan(0);
    expect(failing(result, 'core.companies', 'duplicate_crm_company')).toEqual(expect.arrayContaining(truth.duplicates.map(String)));
    const dirty = await getDb().query<{ source_id: string }>(
      `SELECT apn_crm_unique_identifier AS source_id FROM raw.apn_opportunity
       WHERE aws_account_id !~ '^[0-9]{12}$' AND aws_account_id !~* '^(n/?a|tbd|new account|)$'`);
    expect(dirty.rows.length).toBeGreaterThan(0);
    expect(failing(result, 'core.ace_opportunities', 'aws_account_id_wellformed')).toEqual(expect.arrayContaining(dirty.rows.map((r) => r.source_id)));
    // A stale Odoo id typed into ACE (a merged lead: spec Appendix E #25)
    const stale = await getDb().query<{ source_id: string }>(
      `SELECT apn_crm_unique_identifier AS source_id FROM raw.apn_opportunity o WHERE partner_crm_unique_identifier IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM raw.odoo_crm_lead l WHERE l.id = substring(o.partner_crm_unique_identifier from '([0-9]+)\\s*$')::int)`);
    expect(failing(result, 'core.ace_opportunities', 'odoo_reference_exists')).toEqual(expect.arrayContaining(stale.rows.map((r) => r.source_id)));
  });

  it('stores the run and each check with its failing examples', async () => {
    const db = getDb();
    const run = (await db.query<{ overall_score: string; checks_run: number; table_scores: Record<string, number> }>(
      'SELECT overall_score::text, checks_run, table_scores FROM ops.data_quality_runs WHERE run_id = $1', [result.runId])).rows[0];
    expect(Number(run?.overall_score)).toBeCloseTo(result.overallScore as number, 2);
    expect(run?.table_scores).toEqual(result.tableScores);
    const rows = await db.query<{ check_name: string; records_failed: number; records_checked: number; records_passed: number; passed: boolean; failure_details: { examples?: unknown[] } | null; sync_job_id: string | null }>(
      'SELECT check_name, records_failed, records_checked, records_passed, passed, failure_details, sync_job_id FROM ops.data_quality_checks WHERE run_id = $1', [result.runId]);
    expect(rows.rows).toHaveLength(result.checks.length);
    const bills = rows.rows.find((r) => r.check_name === 'bill_invoiced');
    expect(bills?.passed).toBe(false);
    expect(bills?.records_checked).toBe((bills?.records_passed ?? 0) + (bills?.records_failed ?? 0));
    expect(bills?.failure_details?.examples?.length).toBe(bills?.records_failed);
    expect(bills?.sync_job_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('prints a readable table', () => {
    const text = formatQuality(result, 2);
    expect(text).toMatch(/^TABLE +CHECK +TYPE/);
    expect(text).toContain('bill_invoiced');
    expect(text).toMatch(/\noverall +\d+\.\d\n/);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^quality run=[0-9a-f-]{36} checks=\d+ failed=\d+ overall=/);
  });
});

describe('quality scores', () => {
  const c = (table: string, severity: 'error' | 'warning' | 'info', score: number | null): CheckResult => ({
    table, name: 'x', type: 'required', severity, description: '', checked: 10, failed: 0, passed: true, score, examples: [],
  });

  it('weights errors three times warnings, ignores info and unscored checks', () => {
    const s = scoreTables([c('a', 'error', 100), c('a', 'warning', 60), c('a', 'info', 0), c('b', 'warning', 50), c('b', 'error', null), c('c', 'info', 10)]);
    expect(s.tableScores).toEqual({ a: 90, b: 50, c: null });
    expect(s.overallScore).toBe(70);
  });
});
