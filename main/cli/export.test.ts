/**
 * `revops export decisions` as a user runs it (own process): usage errors exit 2 before anything is
 * opened; a folder that is not writable and a warehouse without decisions exit 1 with one line saying
 * what to do, and leave no file behind. (The workbook's content is tested in main/services/export.)
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeUnwritable } from '../services/export/testing';
import { formatOf, parseStates } from './export';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/revops.js');

async function revops(args: string[], dataDir: string) {
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dataDir }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('revops export decisions', () => {
  it('parses --status and the format (flag, --format or the extension)', () => {
    expect(parseStates('approved,needs-review, auto_reject')).toEqual(['approved', 'needs_review', 'auto_reject']);
    expect(() => parseStates('maybe')).toThrow(/--status takes auto_approve, needs_review, auto_reject, approved, rejected/);
    expect(formatOf({ out: 'a.xlsx' })).toBe('xlsx');
    expect(formatOf({ out: 'a.csv' })).toBe('csv');
    expect(formatOf({ out: 'a.csv', csv: true })).toBe('csv');
    expect(formatOf({ out: 'a.csv', format: 'csv' })).toBe('csv');
    expect(() => formatOf({ out: 'a.xlsx', csv: true })).toThrow(/--out must end in \.csv/);
    expect(() => formatOf({ out: 'a.csv', format: 'xlsx' })).toThrow(/--out must end in \.xlsx/);
    expect(() => formatOf({ out: 'a.ods', format: 'ods' })).toThrow(/--format is xlsx or csv/);
  });

  it('usage errors exit 2; an unwritable folder or no decisions exit 1 with what to do, and no file is left', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-cli-export-'));
    const usage = await revops(['export', 'decisions', '--out', join(dataDir, 'd.xlsx'), '--status', 'maybe'], dataDir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--status takes/);
    const missing = await revops(['export', 'decisions'], dataDir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--out <file>' not specified/);

    const locked = join(dataDir, 'locked');
    await mkdir(locked);
    const restore = await makeUnwritable(locked);
    try {
      const r = await revops(['export', 'decisions', '--out', join(locked, 'd.xlsx'), '--tenant', 'demo'], dataDir);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').at(-1)).toBe(`error: Cannot write to the folder ${locked}: permission denied. Choose a folder you can write to (e.g. your Documents folder) or ask for write access.`);
    } finally {
      await restore();
    }
    expect(await readdir(locked)).toEqual([]);

    const none = await revops(['export', 'decisions', '--csv', '--out', join(dataDir, 'd.csv'), '--tenant', 'demo'], dataDir);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("error: No POD decisions for tenant 'demo' yet. Run `revops decide --tenant demo` first.");
    expect((await readdir(dataDir)).filter((f) => f.endsWith('.csv') || f.includes('.partial'))).toEqual([]);
  }, 180_000);
});
