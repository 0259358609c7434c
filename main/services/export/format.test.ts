/**
 * The export's pieces without a database: CSV fields (quoting, dates, formula neutralising), column
 * letters, widths, the cost window, and the atomic writer (a failed write leaves the old file and no
 * temporary file; a folder as target; a missing folder).
 */
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportTargetError, lockFilesOf, writeAtomically } from './atomic-file';
import { costWindow } from './cost';
import { csvField } from './csv';
import { fitWidth } from './styles';
import { columnLetter } from './workbook';

describe('export formatting', () => {
  it('CSV fields: quoted when needed, dates and times in ISO, money with cents, formulas neutralised', () => {
    expect(csvField('Acme, Inc. "EU"', 'text')).toBe('"Acme, Inc. ""EU"""');
    expect(csvField('line\nbreak', 'long')).toBe('"line\nbreak"');
    expect(csvField(null, 'text')).toBe('');
    expect(csvField(new Date('2026-06-30T00:00:00Z'), 'date')).toBe('2026-06-30');
    expect(csvField(new Date('2026-06-01T00:00:00Z'), 'month')).toBe('2026-06');
    expect(csvField(new Date('2026-12-03T07:36:35.123Z'), 'datetime')).toBe('2026-12-03T07:36:35Z');
    expect(csvField(4999.9, 'currency')).toBe('4999.90');
    expect(csvField(-12.5, 'currency')).toBe('-12.50');
    expect(csvField(0.9731, 'percent')).toBe('0.9731');
    for (const evil of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)']) expect(csvField(evil, 'text')).toMatch(/^"?'/);
    expect(csvField('=1+1', 'text')).toBe("'=1+1");
  });

  it('column letters, widths within bounds, the 12-month cost window', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(fitWidth('ACE opportunity', 'text', ['O4811931'])).toBe(13); // 'opportunity' + 2
    expect(fitWidth('Reason', 'long', ['x'.repeat(500)])).toBe(80);
    expect(fitWidth('no_competing_opportunity', 'rule', ['pass'])).toBe(26);
    expect(fitWidth('Decided at (UTC)', 'datetime', [new Date()])).toBe(17);
    expect(costWindow(new Date('2026-06-30T00:00:00Z'))).toEqual({ from: '2025-07', to: '2026-06' });
    expect(costWindow(new Date('2026-01-15T00:00:00Z'))).toEqual({ from: '2025-02', to: '2026-01' });
  });
});

describe('writeAtomically', () => {
  it('replaces the target only when the write completed; a failed write keeps the old file and leaves nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-atomic-'));
    const target = join(dir, 'out.csv');
    await writeFile(target, 'old');
    await expect(
      writeAtomically(target, async (out) => {
        out.write('half of the new');
        throw new Error('the database went away');
      }),
    ).rejects.toThrow('the database went away');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['out.csv']);

    const r = await writeAtomically(target, async (out) => {
      out.write('new content');
      return 42;
    });
    expect(r).toEqual({ value: 42, bytes: 11, path: target });
    expect(await readFile(target, 'utf8')).toBe('new content');
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('a folder as target, a missing folder, an office lock file: ExportTargetError with a hint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-atomic-'));
    await mkdir(join(dir, 'sub.xlsx'));
    const write = async () => undefined;
    await expect(writeAtomically(join(dir, 'sub.xlsx'), write)).rejects.toThrow(/is a folder, not a file/);
    const missing = await writeAtomically(join(dir, 'nope', 'x.xlsx'), write).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ExportTargetError);
    expect((missing as ExportTargetError).message).toBe(`The folder ${join(dir, 'nope')} does not exist.`);
    expect((missing as ExportTargetError).hint).toBe('Create it first or choose an existing folder.');
    const target = join(dir, 'book.xlsx');
    expect(lockFilesOf(target)).toEqual([join(dir, '~$book.xlsx'), join(dir, '.~lock.book.xlsx#')]);
    await writeFile(join(dir, '~$book.xlsx'), '');
    await expect(writeAtomically(target, write)).rejects.toThrow(`${target} is open in another program (Excel, LibreOffice …) and cannot be replaced.`);
    expect((await readdir(dir)).sort()).toEqual(['sub.xlsx', '~$book.xlsx']);
  });
});
