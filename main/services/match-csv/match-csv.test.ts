/**
 * `revops match csv` end to end on files: bad input is refused with the file and line before anything is
 * written; real tables are matched by the matcher's engine without labels.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CsvInputError, matchCsv } from './index';
import { readCsvTable } from './read-csv';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'revops-match-csv-'));
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const GOOD_RIGHT = 'id,company\nR1,Acme GmbH\nR2,Globex\n';

describe('reading CSV', () => {
  it('reads UTF-8 with a BOM, quoted fields with commas, quotes and embedded newlines, CRLF, blank lines; knows each row\'s line', async () => {
    const path = await file('good.csv', '\uFEFFid,company,notes\r\n1,"Acme, Inc.","said ""hi""\r\nthen left"\r\n\r\n2,Globex,\r\n3,"Ünïcødé 株式会社","a\nb\nc"\r\n4,Last,x');
    const t = await readCsvTable(path);
    expect(t.header).toEqual(['id', 'company', 'notes']);
    expect(t.rows).toEqual([
      ['1', 'Acme, Inc.', 'said "hi"\r\nthen left'],
      ['2', 'Globex', ''],
      ['3', 'Ünïcødé 株式会社', 'a\nb\nc'],
      ['4', 'Last', 'x'],
    ]);
    expect(t.lines).toEqual([2, 5, 6, 9]);
  });

  it.each([
    ['ragged.csv', 'id,company\n1,"Acme\nCorp"\n2,Globex,extra\n', /ragged\.csv line 4: 3 fields where the header has 2/],
    ['short.csv', 'id,company,web\n1,Acme,acme.de\n2,Globex\n', /short\.csv line 3: 2 fields where the header has 3/],
    ['unclosed.csv', 'id,company\n1,Acme\n2,"Globex\n3,Initech\n', /unclosed\.csv line 3: a quoted field opened on this line is never closed/],
    ['stray.csv', 'id,company\n1,Ac"me\n', /stray\.csv line 2: a stray quote/],
    ['empty.csv', '', /empty\.csv is empty/],
    ['noname.csv', 'id,,web\n1,a,b\n', /noname\.csv line 1: column 2 of the header has no name/],
    ['twice.csv', 'id,name,name\n1,a,b\n', /twice\.csv line 1: the header names column "name" twice/],
  ])('refuses %s naming the line', async (name, content, message) => {
    await expect(readCsvTable(await file(name, content))).rejects.toThrow(message);
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    const latin1 = Buffer.concat([Buffer.from('id,company\n1,Acme\n2,M'), Buffer.from([0xfc]), Buffer.from('ller GmbH\n')]);
    await expect(readCsvTable(await file('latin1.csv', latin1))).rejects.toThrow(/latin1\.csv line 3: bytes that are not valid UTF-8/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,company\n', 'utf16le')]);
    await expect(readCsvTable(await file('utf16.csv', utf16))).rejects.toThrow(/utf16\.csv is UTF-16 encoded/);
  });

  it('says when a file does not exist', async () => {
    await expect(readCsvTable(join(dir, 'nope.csv'))).rejects.toThrow(/nope\.csv: no such file/);
  });
});

describe('match csv: bad input is refused before anything is written', () => {
  it.each([
    ['a missing id column', 'company\nAcme\n', {}, /left\.csv line 1: no id column "id" in the header \(columns: company\)\. Name the id column with --left-id/],
    ['a missing --left-id column', 'id,company\n1,Acme\n', { leftId: 'key' }, /left\.csv line 1: no id column "key"/],
    ['an empty id', 'id,company\n1,Acme\n,Globex\n', {}, /left\.csv line 3: the id column "id" is empty/],
    ['a duplicate id', 'id,company\n1,Acme\n2,Globex\n1,Initech\n', {}, /left\.csv line 4: id "1" is already used on line 2/],
    ['a header without rows', 'id,company\n', {}, /left\.csv line 2: the file has a header but no rows/],
    ['an unknown --fields column', 'id,company\n1,Acme\n', { fields: 'company,website' }, /left\.csv line 1: no column "website" \(named in --fields\)/],
    ['an unknown role', 'id,company\n1,Acme\n', { fields: 'nme:company' }, /unknown role "nme"/],
    ['no shared column', 'id,firm\n1,Acme\n', {}, /share no column besides their ids/],
    ['no field that finds candidates', 'id,company\n1,Acme\n', { fields: 'text:company' }, /company name, domain, e-mail or AWS account id/],
  ])('%s', async (_what, left, opts, message) => {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}.csv`);
    const run = matchCsv({ left: await file('left.csv', left), right: await file('right.csv', GOOD_RIGHT), out, ...opts });
    await expect(run).rejects.toThrow(CsvInputError);
    await expect(run).rejects.toThrow(message);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to overwrite an input', async () => {
    const left = await file('in.csv', 'id,company\n1,Acme\n');
    await expect(matchCsv({ left, right: await file('right.csv', GOOD_RIGHT), out: left })).rejects.toThrow(/is one of the inputs/);
    expect(await readFile(left, 'utf8')).toBe('id,company\n1,Acme\n');
  });
});

/** Deterministic synthetic tables: distinct companies, the left side spelled differently (suffix, typo, case, punctuation). */
function tables(n: number, deals = false): { left: string; right: string; truth: Set<string> } {
  let a = 7;
  const rnd = () => {
    a = (a * 1_103_515_245 + 12_345) % 2_147_483_648;
    return a / 2_147_483_648;
  };
  const syl = ['ka', 'lo', 'mi', 'ra', 'ten', 'vor', 'sel', 'dan', 'bri', 'qua', 'zen', 'tor', 'lum', 'fex', 'gar', 'hol', 'nor', 'pex', 'sol', 'wyn'];
  const kinds = ['Energy', 'Logistics', 'Foods', 'Cloud', 'Analytics', 'Systems', 'Retail', ''];
  const suffixes = ['GmbH', 'AG', 'Inc.', 'Ltd', 'LLC', ''];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const seen = new Set<string>();
  const companies: { base: string; suffix: string; domain: string }[] = [];
  while (companies.length < n) {
    const w = Array.from({ length: 3 }, () => pick(syl)).join('');
    const base = `${w[0]!.toUpperCase()}${w.slice(1)} ${pick(kinds)}`.trim();
    if (seen.has(w)) continue;
    seen.add(w);
    companies.push({ base, suffix: pick(suffixes), domain: `${w}.${pick(['com', 'de', 'io'])}` });
  }
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const projects = ['SAP migration to AWS', 'Data lake on S3', 'Kubernetes platform EKS', 'Contact center Connect', 'Backup and disaster recovery', 'Machine learning forecasting'];
  const right = [`crm_id,Account Name,Web${deals ? ',Project' : ''}`];
  const left = [`id,company,website,email${deals ? ',project' : ''}`];
  const truth = new Set<string>();
  companies.forEach((c, i) => {
    const inRight = rnd() < 0.8;
    const project = pick(projects);
    if (inRight) right.push([`R${i}`, `${c.base} ${c.suffix}`.trim(), rnd() < 0.7 ? `https://www.${c.domain}/` : '', ...(deals ? [project] : [])].map(q).join(','));
    if (rnd() < 0.6) {
      const v = rnd();
      const typo = (s: string) => s.slice(0, 3) + s[4] + s[3] + s.slice(5);
      const name = v < 0.3 ? `${c.base} ${pick(suffixes)}`.trim() : v < 0.55 ? typo(c.base) : v < 0.8 ? c.base.toUpperCase() : `${c.base}, ${c.suffix || 'Inc.'}`;
      // With deals, one in five left rows is another deal of the same company: not a match.
      const sameDeal = !deals || rnd() < 0.8;
      const leftProject = sameDeal ? project : projects[(projects.indexOf(project) + 1) % projects.length]!;
      left.push([`L${i}`, name, rnd() < 0.5 ? c.domain : '', rnd() < 0.4 ? `j.doe@${c.domain}` : '', ...(deals ? [leftProject] : [])].map(q).join(','));
      if (inRight && sameDeal) truth.add(`L${i}|R${i}`);
    }
  });
  return { left: left.join('\n') + '\n', right: right.join('\n') + '\n', truth };
}

describe('match csv: the engine on two real tables, without labels', () => {
  it('finds the same companies spelled differently, one to one, with scores and explanations', async () => {
    const t = tables(400);
    const out = join(dir, 'pairs.csv');
    const r = await matchCsv({
      left: await file('companies-left.csv', t.left),
      right: await file('companies-right.csv', t.right),
      rightId: 'crm_id',
      fields: 'name:company=Account Name,website=Web',
      out,
    });
    expect(r.fields).toEqual([
      { role: 'name', left: 'company', right: 'Account Name' },
      { role: 'domain', left: 'website', right: 'Web' },
    ]);
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as { left_id: string; right_id: string; score: string; match: string; explanation: string }[];
    expect(rows.length).toBe(r.pairs);
    expect(Object.keys(rows[0]!)).toEqual(['left_id', 'right_id', 'score', 'match', 'explanation']);
    for (const x of rows) {
      expect(Number(x.score)).toBeGreaterThanOrEqual(0);
      expect(Number(x.score)).toBeLessThanOrEqual(1);
      expect(['true', 'false']).toContain(x.match);
      expect(x.explanation).toMatch(/^(match|no match)/);
    }
    const matched = rows.filter((x) => x.match === 'true');
    expect(new Set(matched.map((x) => x.left_id)).size).toBe(matched.length);
    expect(new Set(matched.map((x) => x.right_id)).size).toBe(matched.length);
    expect(matched.every((x) => Number(x.score) >= 0.5)).toBe(true);
    const predicted = new Set(matched.map((x) => `${x.left_id}|${x.right_id}`));
    const tp = [...predicted].filter((p) => t.truth.has(p)).length;
    expect(tp / predicted.size).toBeGreaterThanOrEqual(0.97);
    expect(tp / t.truth.size).toBeGreaterThanOrEqual(0.95);
    // Candidate recall: the true pair is among the scored pairs.
    const scored = new Set(rows.map((x) => `${x.left_id}|${x.right_id}`));
    expect([...t.truth].filter((p) => scored.has(p)).length / t.truth.size).toBeGreaterThanOrEqual(0.99);
    expect(matched[0]!.explanation).toMatch(/for: company name/);
    expect(r.mode).toBe('entity');
  });

  it('with deal fields (text, dates, amounts) decides on the engine\'s full probability', async () => {
    const t = tables(400, true);
    const out = join(dir, 'pairs-deal.csv');
    const left = await file('deal-left.csv', t.left);
    const right = await file('deal-right.csv', t.right);
    // Same company, another project: the engine's deal stage says "no match" (the ACE ↔ Odoo semantics).
    const r = await matchCsv({ left, right, rightId: 'crm_id', fields: 'name:company=Account Name,website=Web,project=Project', out });
    expect(r.fields.at(-1)).toEqual({ role: 'text', left: 'project', right: 'Project' });
    expect(r.mode).toBe('deal');
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as { left_id: string; right_id: string; match: string; score: string }[];
    const predicted = rows.filter((x) => x.match === 'true');
    expect(predicted.every((x) => Number(x.score) >= 0.5)).toBe(true);
    expect(new Set(predicted.map((x) => x.left_id)).size).toBe(predicted.length);
    // Same company (L<i>|R<i>): what the company fields can tell.
    const sameCompany = predicted.filter((x) => x.left_id.slice(1) === x.right_id.slice(1)).length;
    expect(sameCompany / predicted.length).toBeGreaterThanOrEqual(0.97);
    const tp = predicted.filter((x) => t.truth.has(`${x.left_id}|${x.right_id}`)).length;
    expect(tp / t.truth.size).toBeGreaterThanOrEqual(0.9);
    // The deal stage weighs the project: another project of the same company scores lower than the same project
    // (only a little: with one deal per customer the engine's prior that it is the customer's deal dominates).
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const samePair = rows.filter((x) => x.left_id.slice(1) === x.right_id.slice(1));
    const same = samePair.filter((x) => t.truth.has(`${x.left_id}|${x.right_id}`)).map((x) => Number(x.score));
    const other = samePair.filter((x) => !t.truth.has(`${x.left_id}|${x.right_id}`)).map((x) => Number(x.score));
    expect(other.length).toBeGreaterThan(10);
    expect(mean(other)).toBeLessThan(mean(same));
  });

  it('never crashes on names of any script or length, and quotes what it writes', async () => {
    const names = ['株式会社テスト', 'شركة الاختبار', 'Ωμέγα Α.Ε.', '🦄 Unicorn, "Inc."', 'x'.repeat(20_000), 'Acme\nGmbH', ''];
    const left = ['id,company', ...names.map((n, i) => `"l,${i}","${n.replace(/"/g, '""')}"`)].join('\n');
    const right = ['id,company', ...names.map((n, i) => `r${i},"${n.replace(/"/g, '""')}"`)].join('\n');
    const out = join(dir, 'scripts.csv');
    const r = await matchCsv({ left: await file('scripts-left.csv', left), right: await file('scripts-right.csv', right), out });
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as { left_id: string }[];
    expect(rows.length).toBe(r.pairs);
    expect(rows.every((x) => x.left_id.startsWith('l,'))).toBe(true);
  });
});
