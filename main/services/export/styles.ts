/**
 * The workbook's look: a dark header row, number formats per column kind, the outcome colours (Excel's
 * own Good / Neutral / Bad palettes, so the file looks native to finance readers) and column widths
 * fitted to the content.
 */
import type { Alignment, Fill, Font, Style } from 'exceljs';
import type { CellValue, Kind } from './columns';

export const NUM_FMT: Partial<Record<Kind, string>> = {
  int: '0',
  currency: '"$"#,##0.00;[Red]-"$"#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  month: 'yyyy-mm',
  datetime: 'yyyy-mm-dd hh:mm',
};

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export const HEADER_STYLE: Partial<Style> = {
  font: { bold: true, color: { argb: 'FFFFFFFF' }, name: 'Calibri', size: 11 },
  fill: solid('FF334155'),
  alignment: { vertical: 'middle', horizontal: 'left', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF0F172A' } } },
};

type Tone = { fill: string; font: string };
const GOOD: Tone = { fill: 'FFC6EFCE', font: 'FF006100' };
const NEUTRAL: Tone = { fill: 'FFFFEB9C', font: 'FF9C5700' };
const BAD: Tone = { fill: 'FFFFC7CE', font: 'FF9C0006' };
const MUTED: Tone = { fill: 'FFEDEDED', font: 'FF595959' };

/** Fill and font colour of an outcome or rule status cell, by its text. */
export const TONES: Record<string, Tone> = {
  'auto-approve': GOOD,
  approved: GOOD,
  pass: GOOD,
  'needs review': NEUTRAL,
  unknown: NEUTRAL,
  'auto-reject': BAD,
  rejected: BAD,
  fail: BAD,
  skipped: MUTED,
};

const toneStyles = new Map<string, Partial<Style>>();

/** The style of a data cell of `kind` holding `value` (cached: exceljs dedupes styles by content). */
export function cellStyle(kind: Kind, value: CellValue): Partial<Style> | undefined {
  if (kind === 'state' || kind === 'rule') {
    const tone = typeof value === 'string' ? TONES[value] : undefined;
    if (!tone) return undefined;
    const key = `${kind}|${value as string}`;
    let s = toneStyles.get(key);
    if (!s) {
      const font: Partial<Font> = { color: { argb: tone.font } };
      const alignment: Partial<Alignment> = { horizontal: 'center' };
      s = { fill: solid(tone.fill), font, alignment };
      toneStyles.set(key, s);
    }
    return s;
  }
  return undefined;
}

/** The column-wide style (number format) of a kind. Long texts stay on one line (dense rows); the full text is in the cell. */
export function columnStyle(kind: Kind): Partial<Style> {
  const numFmt = NUM_FMT[kind];
  return numFmt ? { numFmt } : {};
}

const FIXED_WIDTH: Partial<Record<Kind, number>> = { date: 11, month: 9, datetime: 17, currency: 14, percent: 11, state: 14 };
const MAX_WIDTH: Record<Kind, number> = { text: 40, long: 80, int: 14, currency: 18, percent: 12, date: 12, month: 10, datetime: 18, state: 16, rule: 28 };

const shown = (v: CellValue): number => (v === null ? 0 : v instanceof Date ? 16 : typeof v === 'number' ? v.toFixed(2).length + 2 : v.length);

/** Width in characters that fits the header and the sampled values, within the kind's bounds. */
export function fitWidth(header: string, kind: Kind, sample: readonly CellValue[]): number {
  const longestWord = Math.max(...header.split(/\s+/).map((w) => w.length));
  // headers wrap at spaces onto at most two lines (the header row is two lines high)
  const headerNeeds = Math.max(longestWord, Math.ceil(header.length / 2)) + 2;
  const dataNeeds = FIXED_WIDTH[kind] ?? Math.max(0, ...sample.map(shown)) + 2;
  return Math.max(8, Math.min(MAX_WIDTH[kind], Math.max(headerNeeds, dataNeeds)));
}
