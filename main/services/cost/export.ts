/**
 * cost:export — the explorer's current view (selection, range, granularity) as an XLSX workbook: Summary,
 * Periods, Products, Accounts and Anomalies sheets with the same figures the screen shows. The views are
 * small (periods × products × accounts of one selection), so the workbook is built in memory and written
 * through the decision export's atomic writer (temp file + rename, the same clear errors for an
 * unwritable folder or a file open elsewhere), in the same header style and currency format.
 *
 * Where the file goes is main's choice: a chooser (the desktop save dialog) when the shell passes one,
 * else `<data folder>/exports/cost-<from>-<to>-<stamp>.xlsx`.
 */
import ExcelJS from 'exceljs';
import { HEADER_STYLE, NUM_FMT } from '../export/styles';
import type { CostFigures, CostQueryOutput } from '../../../app/contract/cost';

type Col<T> = { header: string; width: number; fmt?: string; value: (r: T) => string | number | null };

const USD = NUM_FMT.currency;
const PCT = '0.0%;[Red]-0.0%';

function figureCols<T extends CostFigures>(): Col<T>[] {
  return [
    { header: 'AWS cost (net)', width: 15, fmt: USD, value: (r) => r.cost },
    { header: 'Invoiced', width: 15, fmt: USD, value: (r) => r.invoiced },
    { header: 'Margin', width: 14, fmt: USD, value: (r) => r.margin },
    { header: 'Margin %', width: 10, fmt: PCT, value: (r) => r.marginPct },
    { header: 'Billed (staging)', width: 15, fmt: USD, value: (r) => r.billed },
    { header: 'Credit notes', width: 13, fmt: USD, value: (r) => r.creditNotes },
    { header: 'Gross cost', width: 14, fmt: USD, value: (r) => r.gross },
    { header: 'Credits', width: 13, fmt: USD, value: (r) => r.credits },
    { header: 'Refunds', width: 12, fmt: USD, value: (r) => r.refunds },
    { header: 'SPP discount', width: 13, fmt: USD, value: (r) => r.discountSpp },
    { header: 'POD discount', width: 13, fmt: USD, value: (r) => r.discountPod },
    { header: 'Other discounts', width: 14, fmt: USD, value: (r) => r.discountOther },
    { header: 'Tax', width: 11, fmt: USD, value: (r) => r.tax },
  ];
}

function addSheet<T>(wb: ExcelJS.Workbook, name: string, cols: Col<T>[], rows: readonly T[], frozen = 1): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: frozen, ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, key: c.header, width: c.width, style: c.fmt ? { numFmt: c.fmt } : {} }));
  const head = ws.getRow(1);
  head.eachCell((cell) => (cell.style = HEADER_STYLE));
  for (const r of rows) ws.addRow(cols.map((c) => c.value(r)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: cols.length } };
}

export function costWorkbook(view: CostQueryOutput, selection: { accounts: readonly string[]; products: readonly string[] }, now: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RevOps Workbench';
  wb.created = now;
  const summary: [string, string | number | null][] = [
    ['Cost explorer export', now.toISOString()],
    ['Months', `${view.from} – ${view.to} (by ${view.by})`],
    ['Accounts', selection.accounts.length > 0 ? selection.accounts.join(', ') : 'all'],
    ['Products', selection.products.length > 0 ? selection.products.join(', ') : 'all'],
    ['Currency', `${view.currency} (invoices at the rate of their invoice date; credit notes negative)`],
    ...figureCols<CostFigures>().map((c) => [c.header, c.value(view.totals)] as [string, string | number | null]),
  ];
  const ws = wb.addWorksheet('Summary');
  ws.columns = [{ width: 22 }, { width: 60 }];
  summary.forEach(([k, v], i) => {
    const row = ws.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    const f = figureCols<CostFigures>()[i - 5]?.fmt;
    if (f && typeof v === 'number') row.getCell(2).numFmt = f;
  });
  addSheet(wb, 'Periods', [{ header: 'Period', width: 10, value: (r) => r.period }, ...figureCols<CostQueryOutput['series'][number]>()], view.series);
  addSheet(wb, 'Products', [{ header: 'Product', width: 24, value: (r) => r.productCode }, { header: 'Name', width: 34, value: (r) => r.productName }, ...figureCols<CostQueryOutput['byProduct'][number]>()], view.byProduct, 2);
  addSheet(wb, 'Accounts', [{ header: 'AWS account', width: 15, value: (r) => r.accountId }, { header: 'Name', width: 30, value: (r) => r.accountName }, { header: 'Payer', width: 15, value: (r) => r.payerId }, ...figureCols<CostQueryOutput['byAccount'][number]>()], view.byAccount, 2);
  addSheet(wb, 'Anomalies', [
    { header: 'Month', width: 10, value: (r) => r.month },
    { header: 'AWS account', width: 15, value: (r) => r.accountId },
    { header: 'Name', width: 30, value: (r) => r.accountName },
    { header: 'Flag', width: 18, value: (r) => r.kind.replace(/_/g, ' ') },
    { header: 'AWS cost (net)', width: 15, fmt: USD, value: (r) => r.cost },
    { header: 'Invoiced', width: 15, fmt: USD, value: (r) => r.invoiced },
    { header: 'Margin', width: 14, fmt: USD, value: (r) => r.margin },
  ], view.anomalies);
  return wb;
}

export function defaultCostExportName(from: string, to: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `cost-${from}-${to}-${stamp}.xlsx`;
}
