/**
 * Writes tables into an exceljs streaming workbook (stream.xlsx.WorkbookWriter): each sheet is written
 * row by row and committed before the next one starts, so only the current page of rows is in memory
 * (a zip entry cannot interleave with another: a sheet written while another is open would be buffered).
 *
 * Every sheet: a styled two-line header row, frozen header (and leading columns), an autofilter over the
 * whole table, number formats per column, outcome colours, widths fitted to the first page of values.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue, Column } from './columns';
import { cellStyle, columnStyle, fitWidth, HEADER_STYLE } from './styles';

export type SheetSpec<T> = {
  name: string;
  columns: readonly Column<T>[];
  rows: AsyncIterable<readonly T[]> | Iterable<readonly T[]>;
  /** leading columns that stay visible when scrolling right */
  frozenColumns?: number;
};

export type WorkbookMeta = { title: string; subject: string; description: string; created: Date };

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function createWorkbook(stream: Writable, meta: WorkbookMeta): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = 'RevOps Workbench';
  wb.lastModifiedBy = 'RevOps Workbench';
  wb.created = meta.created;
  wb.modified = meta.created;
  // WorkbookWriter has no typed title/subject/description, but writes them to docProps/core.xml
  Object.assign(wb, { title: meta.title, subject: meta.subject, description: meta.description });
  return wb;
}

async function* pagesOf<T>(rows: AsyncIterable<readonly T[]> | Iterable<readonly T[]>): AsyncGenerator<readonly T[]> {
  for await (const page of rows) yield page;
}

/** Writes one sheet and commits it; returns the number of data rows. */
export async function writeSheet<T>(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec<T>): Promise<number> {
  const pages = pagesOf(spec.rows);
  const first = await pages.next();
  const sample = first.done ? [] : first.value;
  const cols = spec.columns;
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: spec.frozenColumns ?? 0, ySplit: 1, activeCell: `${columnLetter((spec.frozenColumns ?? 0) + 1)}2` }],
  });
  ws.columns = cols.map((c) => ({ key: c.header, width: fitWidth(c.header, c.kind, sample.map((r) => c.value(r))), style: columnStyle(c.kind) }));
  ws.autoFilter = `A1:${columnLetter(cols.length)}1`;
  const header = ws.addRow(cols.map((c) => c.header));
  header.height = 30;
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  header.commit();
  let n = 0;
  const write = (page: readonly T[]) => {
    for (const r of page) {
      const values: CellValue[] = cols.map((c) => c.value(r));
      const row = ws.addRow(values);
      values.forEach((v, i) => {
        const c = cols[i];
        const s = c ? cellStyle(c.kind, v) : undefined;
        if (s) row.getCell(i + 1).style = { ...columnStyle(c?.kind ?? 'text'), ...s };
      });
      row.commit();
      n++;
    }
  };
  if (!first.done) write(first.value);
  for await (const page of pages) write(page);
  // the filter covers the data rows too, so Excel's filter buttons sort and filter the whole table
  ws.autoFilter = `A1:${columnLetter(cols.length)}${Math.max(1, n + 1)}`;
  await ws.commit();
  return n;
}
