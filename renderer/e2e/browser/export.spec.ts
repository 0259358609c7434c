/**
 * export:decisions called from the page, exactly as the renderer's browser host calls it (fetch with the
 * session's token) on a warehouse the demo pipeline filled (seededHost, tiny): in browser mode the host
 * writes the workbook to <data folder>/exports/ and answers with its path; the file is read back here.
 * A file name with a folder is refused before anything is written. (The button itself is mounted by the
 * review screen; renderer/src/features/export/export-button.tsx.)
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import type { ExportDecisionsResult } from '../../../app/contract';
import { expect, test } from '../fixtures';

type Envelope = { ok: true; value: ExportDecisionsResult } | { ok: false; error: { code: string; message: string } };

/** What the page's HostApi does for `invoke('export:decisions', input)`. */
function invokeFromPage(page: Page, input: unknown): Promise<Envelope> {
  return page.evaluate(async (body) => {
    const token = sessionStorage.getItem('revops.token') ?? '';
    const res = await fetch('/api/invoke/export:decisions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
    return (await res.json()) as Envelope;
  }, input);
}

test('the page exports the decision workbook into the data folder and gets its path back', async ({ page, seededHost }) => {
  await page.goto(seededHost.url);
  await expect(page).toHaveURL(/#\/dashboard$/);
  const decided = seededHost.seed.decide.autoApprove + seededHost.seed.decide.needsReview + seededHost.seed.decide.autoReject;

  const r = await invokeFromPage(page, { tenant: seededHost.seed.decide.tenant, fileName: 'e2e-decisions.xlsx' });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  const value = (r as { value: ExportDecisionsResult }).value;
  expect(value).toMatchObject({ cancelled: false, format: 'xlsx', rows: decided, path: join(seededHost.dataDir, 'exports', 'e2e-decisions.xlsx') });
  expect(value.sheets.map((s) => s.name)).toEqual(['Decisions', 'Evidence', 'Rules', 'Cost']);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(value.path as string);
  const ws = wb.getWorksheet('Decisions') as ExcelJS.Worksheet;
  expect(ws.rowCount).toBe(decided + 1);
  expect(ws.getRow(1).getCell(1).value).toBe('ACE opportunity');
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

  // The seeded host is shared with other specs (their exports land here too): compare before and after.
  const before = await readdir(join(seededHost.dataDir, 'exports'));
  expect(before).toContain('e2e-decisions.xlsx');
  const bad = await invokeFromPage(page, { fileName: '../outside.xlsx' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  expect(await readdir(join(seededHost.dataDir, 'exports'))).toEqual(before);
  expect(await readdir(seededHost.dataDir)).not.toContain('outside.xlsx');
});
