/**
 * The decision workbook and CSV on a real decided warehouse (tiny demo sources: sync → transform → match →
 * decide, tenant demo) on both engines, read back with exceljs: cell values and types, number formats,
 * frozen panes, autofilter, outcome fills; the CSV's content; the export:decisions channel; and a target
 * that cannot be written (folder not writable, file open elsewhere) → a clear error and no file left.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import type { PodFacts, RuleResult } from '../../../app/rules';
import { describeEngines } from '../../../db/testing';
import { createHandlers, type ContractServices } from '../../host/handlers';
import { resolveAsOf } from '../decide/as-of';
import { runDecide } from '../decide';
import { setDecision } from '../decide/review';
import { runMatch } from '../match';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';
import { monthlyCostVsInvoice } from '../cost';
import { costWindow } from './cost';
import { exportDecisions, ExportTargetError } from './index';
import { createExportService } from './service';
import { makeUnwritable } from './testing';

type Current = { ace_source_id: string; outcome: string; facts: PodFacts; results: RuleResult[]; decided_at: Date };

describeEngines('export decisions (workbook and CSV)', (getDb) => {
  let dataDir: string;
  let out: string;
  let current: Current[];
  let approvedAce: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'revops-export-'));
    await syncTinyDemo(getDb(), dataDir);
    await runTransform({ db: getDb() });
    await runMatch({ db: getDb() });
    await runDecide({ db: getDb(), asOf: (await resolveAsOf(dataDir)).asOf, tenant: 'demo' });
    current = (await getDb().query<Current>("SELECT ace_source_id, outcome, facts, results, decided_at FROM ops.pod_decisions_current WHERE tenant = 'demo' ORDER BY ace_source_id")).rows;
    approvedAce = current.find((c) => c.outcome === 'needs_review')?.ace_source_id as string;
    await setDecision(getDb(), { aceId: approvedAce, tenant: 'demo', action: 'approve', reason: 'partner origin confirmed by the AWS PDM', user: 'ana' });
    out = join(dataDir, 'decisions.xlsx');
    await exportDecisions({ db: getDb(), out, tenant: 'demo', format: 'xlsx' });
  }, 300_000);

  const readBack = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb;
  };
  const headerOf = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const colOf = (ws: ExcelJS.Worksheet, header: string) => headerOf(ws).indexOf(header) + 1;

  it('has the four sheets; Decisions has one row per ACE opportunity with typed cells and formats', async () => {
    const wb = await readBack(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Decisions', 'Evidence', 'Rules', 'Cost']);
    const ws = wb.getWorksheet('Decisions') as ExcelJS.Worksheet;
    expect(ws.rowCount).toBe(current.length + 1);
    const h = headerOf(ws);
    expect(h.slice(0, 4)).toEqual(['ACE opportunity', 'ACE customer', 'Odoo customer', 'AWS account']);
    for (const id of current[0]?.results.map((r) => r.id) ?? []) expect(h).toContain(id);
    // every row: the id, the automatic outcome and each rule's status as stored
    const label = { auto_approve: 'auto-approve', needs_review: 'needs review', auto_reject: 'auto-reject' } as Record<string, string>;
    current.forEach((c, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(c.ace_source_id);
      expect(row.getCell(colOf(ws, 'Automatic outcome')).value).toBe(label[c.outcome]);
      for (const r of c.results) expect(row.getCell(colOf(ws, r.id)).value, `${c.ace_source_id} ${r.id}`).toBe(r.status);
    });
    // typed cells with their number formats
    const withSpend = current.findIndex((c) => c.facts.customer_prior_month_gross_spend !== null);
    expect(withSpend).toBeGreaterThanOrEqual(0);
    const spend = ws.getRow(withSpend + 2).getCell(colOf(ws, 'Customer prior-month gross spend'));
    expect(spend.value).toBe(current[withSpend]?.facts.customer_prior_month_gross_spend);
    expect(spend.numFmt).toBe('"$"#,##0.00;[Red]-"$"#,##0.00');
    const withConfidence = current.findIndex((c) => c.facts.match_confidence !== null);
    const conf = ws.getRow(withConfidence + 2).getCell(colOf(ws, 'Confidence'));
    expect(typeof conf.value).toBe('number');
    expect(conf.value).toBeCloseTo(current[withConfidence]?.facts.match_confidence as number, 10);
    expect(conf.numFmt).toBe('0.0%');
    const at = ws.getRow(2).getCell(colOf(ws, 'Decided at (UTC)'));
    expect(at.value).toBeInstanceOf(Date);
    expect(Math.abs((at.value as Date).getTime() - (current[0]?.decided_at as Date).getTime())).toBeLessThan(1000);
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
    const close = ws.getRow(2).getCell(colOf(ws, 'Target close'));
    if (current[0]?.facts.target_close_date) {
      expect((close.value as Date).toISOString().slice(0, 10)).toBe(current[0].facts.target_close_date);
      expect(close.numFmt).toBe('yyyy-mm-dd');
    }
    // AWS account ids stay text (leading zeros)
    const acct = current.findIndex((c) => c.facts.aws_account_id !== null);
    expect(ws.getRow(acct + 2).getCell(4).value).toBe(current[acct]?.facts.aws_account_id);
    expect(ws.getRow(acct + 2).getCell(4).type).toBe(ExcelJS.ValueType.String);
  });

  it('the analyst decision, who and why are on the row; styled header, frozen panes, autofilter, fills, widths', async () => {
    const wb = await readBack(out);
    const ws = wb.getWorksheet('Decisions') as ExcelJS.Worksheet;
    const i = current.findIndex((c) => c.ace_source_id === approvedAce);
    const row = ws.getRow(i + 2);
    expect(row.getCell(colOf(ws, 'Decision')).value).toBe('approved');
    expect(row.getCell(colOf(ws, 'Automatic outcome')).value).toBe('needs review');
    expect(row.getCell(colOf(ws, 'Decided by')).value).toBe('ana');
    expect(row.getCell(colOf(ws, 'Reason')).value).toBe('approved by ana: partner origin confirmed by the AWS PDM');
    // fills: Excel's Good / Neutral / Bad
    const fill = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fill(row.getCell(colOf(ws, 'Decision')))).toBe('FFC6EFCE');
    expect(fill(row.getCell(colOf(ws, 'Automatic outcome')))).toBe('FFFFEB9C');
    const rejected = current.findIndex((c) => c.outcome === 'auto_reject');
    const failed = current[rejected]?.results.find((r) => r.status === 'fail')?.id as string;
    expect(fill(ws.getRow(rejected + 2).getCell(colOf(ws, 'Decision')))).toBe('FFFFC7CE');
    expect(fill(ws.getRow(rejected + 2).getCell(colOf(ws, failed)))).toBe('FFFFC7CE');
    // header: bold white on dark, frozen below it and right of the ACE id, filter over the whole table
    const head = ws.getRow(1).getCell(1);
    expect(head.font?.bold).toBe(true);
    expect(fill(head)).toBe('FF334155');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    const last = ws.getRow(1).cellCount;
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(last).letter}${current.length + 1}`);
    // widths fit: wide enough for the ids and the headers' longest word, long texts capped
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual('ACE opportunity'.length / 2 + 2);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual((current[0]?.ace_source_id.length ?? 0) + 2);
    expect(ws.getColumn(colOf(ws, 'Reason')).width).toBeLessThanOrEqual(80);
    expect(ws.getColumn(colOf(ws, 'no_competing_opportunity')).width).toBeGreaterThanOrEqual('no_competing_opportunity'.length);
  });

  it('Evidence lists the facts each rule read; Rules the rule set with parameters and texts; Cost the accounts by month', async () => {
    const wb = await readBack(out);
    const ev = wb.getWorksheet('Evidence') as ExcelJS.Worksheet;
    expect(ev.rowCount - 1).toBe(current.reduce((n, c) => n + c.results.length, 0));
    expect(ev.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const spendRow = (ev.getRows(2, ev.rowCount - 1) ?? []).find((r) => r.getCell(3).value === 'prior_month_spend' && r.getCell(1).value === current[0]?.ace_source_id);
    const expected = current[0]?.results.find((r) => r.id === 'prior_month_spend');
    expect(spendRow?.getCell(5).value).toBe(expected?.status);
    expect(spendRow?.getCell(8).value).toBe(expected?.explanation);
    for (const fact of Object.keys(expected?.facts ?? {})) expect(String(spendRow?.getCell(7).value)).toContain(`${fact} = `);

    const rules = wb.getWorksheet('Rules') as ExcelJS.Worksheet;
    const rh = headerOf(rules);
    const spendRule = (rules.getRows(2, rules.rowCount - 1) ?? []).find((r) => r.getCell(rh.indexOf('Rule') + 1).value === 'prior_month_spend');
    expect(String(spendRule?.getCell(rh.indexOf('Parameters') + 1).value)).toContain('max_spend: 5000');
    expect(String(spendRule?.getCell(rh.indexOf('Parameters') + 1).value)).toContain('scope: customer');
    expect(String(spendRule?.getCell(rh.indexOf('Pass text') + 1).value)).toContain('Prior-month spend on');
    expect(spendRule?.getCell(rh.indexOf('Effective from') + 1).value).toBeInstanceOf(Date);
    expect(String(spendRule?.getCell(rh.indexOf('Defined in') + 1).value)).toMatch(/pod\.yaml:\d+$/);

    const cost = wb.getWorksheet('Cost') as ExcelJS.Worksheet;
    const accounts = [...new Set(current.flatMap((c) => [...c.facts.aws_account_ids, ...c.facts.customer_aws_account_ids]).filter((a) => /^\d{12}$/.test(a)))].sort();
    const window = costWindow(new Date(`${current[0]?.facts.as_of}T00:00:00Z`));
    expect(window).toEqual({ from: '2025-07', to: '2026-06' });
    const want = await monthlyCostVsInvoice(getDb(), { accounts, ...window });
    expect(want.length).toBeGreaterThan(0);
    expect(cost.rowCount - 1).toBe(want.length);
    const ch = headerOf(cost);
    want.forEach((w, i) => {
      const row = cost.getRow(i + 2);
      expect(row.getCell(1).value).toBe(w.accountId);
      expect((row.getCell(3).value as Date).toISOString().slice(0, 7)).toBe(w.month);
      expect(row.getCell(ch.indexOf('Net cost (USD)') + 1).value).toBe(w.cost);
      expect(row.getCell(ch.indexOf('Invoiced (USD)') + 1).value).toBe(w.invoiced);
      expect(row.getCell(ch.indexOf('Margin (USD)') + 1).value).toBe(w.margin);
    });
    expect(cost.getRow(2).getCell(3).numFmt).toBe('yyyy-mm');
    expect(cost.getRow(2).getCell(ch.indexOf('Net cost (USD)') + 1).numFmt).toBe('"$"#,##0.00;[Red]-"$"#,##0.00');
    expect(cost.getRow(2).getCell(ch.indexOf('Margin %') + 1).numFmt).toBe('0.0%');
  });

  it('--status keeps only decisions in those states; the CSV is the Decisions sheet', async () => {
    const only = join(dataDir, 'approved.xlsx');
    const r = await exportDecisions({ db: getDb(), out: only, tenant: 'demo', format: 'xlsx', states: ['approved'] });
    expect(r.rows).toBe(1);
    const ws = (await readBack(only)).getWorksheet('Decisions') as ExcelJS.Worksheet;
    expect(ws.getRow(2).getCell(1).value).toBe(approvedAce);

    const csvFile = join(dataDir, 'decisions.csv');
    const c = await exportDecisions({ db: getDb(), out: csvFile, tenant: 'demo', format: 'csv' });
    expect(c.sheets).toEqual([{ name: 'Decisions', rows: current.length }]);
    const text = await readFile(csvFile, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records = parse(text.slice(1), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const sheet = (await readBack(out)).getWorksheet('Decisions') as ExcelJS.Worksheet;
    expect(Object.keys(records[0] ?? {})).toEqual(headerOf(sheet));
    expect(records.map((x) => x['ACE opportunity'])).toEqual(current.map((x) => x.ace_source_id));
    const a = records.find((x) => x['ACE opportunity'] === approvedAce);
    expect(a).toMatchObject({ Decision: 'approved', 'Automatic outcome': 'needs review', 'Decided by': 'ana' });
    expect(a?.['Decided at (UTC)']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const i = current.findIndex((x) => x.facts.customer_prior_month_gross_spend !== null);
    expect(records[i]?.['Customer prior-month gross spend']).toBe((current[i]?.facts.customer_prior_month_gross_spend as number).toFixed(2));
    expect(records[i]?.['Target close']).toBe(current[i]?.facts.target_close_date ?? '');
  });

  it('export:decisions writes to <data folder>/exports and refuses a file name with a folder', async () => {
    const h = createHandlers(createExportService({ dataDir, warehouse: async () => getDb() }) as unknown as ContractServices);
    const r = await h.invoke('export:decisions', { tenant: 'demo', status: ['approved'], fileName: 'review.xlsx' });
    expect(r).toMatchObject({ ok: true, value: { cancelled: false, path: join(dataDir, 'exports', 'review.xlsx'), rows: 1, format: 'xlsx' } });
    expect(await readdir(join(dataDir, 'exports'))).toEqual(['review.xlsx']);
    expect(await h.invoke('export:decisions', { tenant: 'demo', fileName: '../escape.xlsx' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await h.invoke('export:decisions', { tenant: 'demo', fileName: 'x.csv', format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await h.invoke('export:decisions', { tenant: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // a dismissed save dialog writes nothing
    const cancel = createHandlers(createExportService({ dataDir, warehouse: async () => getDb(), chooseTarget: async () => null }) as unknown as ContractServices);
    expect(await cancel.invoke('export:decisions', {})).toMatchObject({ ok: true, value: { cancelled: true, path: null } });
    expect(await readdir(join(dataDir, 'exports'))).toEqual(['review.xlsx']);
  });

  it('a folder that is not writable, a file open elsewhere, or a failed export: a clear error and no file left', async () => {
    const dir = join(dataDir, 'locked');
    await mkdir(dir);
    const restore = await makeUnwritable(dir);
    try {
      const err = await exportDecisions({ db: getDb(), out: join(dir, 'd.xlsx'), tenant: 'demo', format: 'xlsx' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ExportTargetError);
      expect((err as ExportTargetError).message).toBe(`Cannot write to the folder ${dir}: permission denied.`);
      expect((err as ExportTargetError).hint).toMatch(/Choose a folder you can write to/);
    } finally {
      await restore();
    }
    expect(await readdir(dir)).toEqual([]);

    // open in Excel / LibreOffice (their lock file sits next to it): refused, the old file untouched
    const open = join(dataDir, 'open.xlsx');
    await writeFile(open, 'previous export');
    await writeFile(join(dataDir, '.~lock.open.xlsx#'), 'lock');
    await expect(exportDecisions({ db: getDb(), out: open, tenant: 'demo', format: 'xlsx' })).rejects.toThrow(/open in another program/);
    expect(await readFile(open, 'utf8')).toBe('previous export');

    // a failure after the temporary file was created (no decisions for that tenant): no temporary file left
    const before = (await readdir(dataDir)).sort();
    await expect(exportDecisions({ db: getDb(), out: join(dataDir, 'none.xlsx'), tenant: 'nobody', format: 'xlsx' })).rejects.toThrow(/No POD decisions for tenant 'nobody'/);
    expect((await readdir(dataDir)).sort()).toEqual(before);
  });
});
