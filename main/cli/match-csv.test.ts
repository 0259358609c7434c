import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/revops.js');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'revops-cli-match-csv-'));
  await writeFile(join(dir, 'a.csv'), '\uFEFFid,company,website\n1,"Acme Cloud, GmbH",acme-cloud.de\n2,Globex,globex.com\n');
  await writeFile(join(dir, 'b.csv'), 'key,company,website\nk1,ACME Cloud,https://www.acme-cloud.de\nk2,Initech,initech.io\n');
  await writeFile(join(dir, 'ragged.csv'), 'id,company,website\n1,Acme,acme.de\n2,Globex\n');
});

async function revops(args: string[]) {
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', REVOPS_DATA_DIR: dir }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('revops match csv', () => {
  it('writes the scored pairs and a summary line', async () => {
    const out = join(dir, 'pairs.csv');
    const r = await revops(['match', 'csv', '--left', join(dir, 'a.csv'), '--right', join(dir, 'b.csv'), '--right-id', 'key', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^match csv left=2 right=2 pairs=\d+ .*mode=entity out=/);
    expect(r.stderr).toContain('company (name), website (domain)');
    const text = await readFile(out, 'utf8');
    expect(text.split('\n')[0]).toBe('left_id,right_id,score,match,explanation');
    expect(text).toMatch(/\n1,k1,[01]\.\d{4},(true|false),"?(match|no match)/);
  });

  it('names the file and line of a ragged row in one error line, exit 1, nothing written', async () => {
    const out = join(dir, 'never.csv');
    const r = await revops(['match', 'csv', '--left', join(dir, 'ragged.csv'), '--right', join(dir, 'b.csv'), '--right-id', 'key', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: ragged.csv line 3: 2 fields where the header has 3 (a ragged row: a missing or extra delimiter, or a comma inside a value that is not quoted).');
    expect(existsSync(out)).toBe(false);
  });

  it('is a usage error without --left/--right/--out', async () => {
    const r = await revops(['match', 'csv', '--left', join(dir, 'a.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/match csv needs --right <file>, --out <file>/);
  });
});
