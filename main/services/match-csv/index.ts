/**
 * `revops match csv`: two CSV files → scored candidate pairs (`left_id,right_id,score,match,explanation`),
 * with the matcher's own engine (app/tables/match-tables.ts → app/match).
 *
 * Invariants:
 * - Every input problem is reported before anything is written, as one CsvInputError naming the file and
 *   line (header problems are line 1).
 * - The output file is written to a temporary file beside it and renamed: it is complete or absent.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { BLOCKING_ROLES, columnIndex, FieldSpecError, inferRole, parseFieldsOption, type FieldRole, type FieldSpec } from '../../../app/tables/field-map';
import { matchTables, type PairRow } from '../../../app/tables/match-tables';
import { CsvInputError, readCsvTable, type CsvTable } from './read-csv';

export { CsvInputError } from './read-csv';

export type MatchCsvOptions = {
  left: string;
  right: string;
  out: string;
  leftId?: string;
  rightId?: string;
  /** the --fields value */
  fields?: string;
  log?: (line: string) => void;
};

export type MatchCsvResult = {
  out: string;
  leftRows: number;
  rightRows: number;
  fields: FieldSpec[];
  pairs: number;
  /** left rows matched to a right row */
  matched: number;
  /** left rows for which blocking found at least one candidate */
  withCandidates: number;
  /** entity: the engine's one-stage entity model (no deal fields); deal: its two-stage model */
  mode: 'entity' | 'deal';
  durationMs: number;
};

function idColumn(t: CsvTable, asked: string | undefined, flag: string): number {
  const name = asked ?? 'id';
  let i = t.header.indexOf(name);
  if (i < 0 && asked === undefined) i = t.header.findIndex((h) => h.toLowerCase() === 'id');
  if (i < 0) {
    throw new CsvInputError(
      `${t.file} line 1: no id column "${name}" in the header (columns: ${t.header.join(', ')}). ${asked === undefined ? `Name the id column with ${flag} <column>.` : `Check ${flag}.`}`,
    );
  }
  return i;
}

function ids(t: CsvTable, col: number): string[] {
  const seen = new Map<string, number>();
  return t.rows.map((row, r) => {
    const id = (row[col] ?? '').trim();
    const line = t.lines[r]!;
    if (id === '') throw new CsvInputError(`${t.file} line ${line}: the id column "${t.header[col]}" is empty; every row needs an id.`);
    const before = seen.get(id);
    if (before !== undefined) throw new CsvInputError(`${t.file} line ${line}: id "${id.slice(0, 80)}" is already used on line ${before}; ids must be unique.`);
    seen.set(id, line);
    return id;
  });
}

function column(t: CsvTable, name: string): string[] {
  const i = t.header.indexOf(name);
  return t.rows.map((r) => r[i] ?? '');
}

function resolveFields(l: CsvTable, r: CsvTable, lId: number, rId: number, option: string | undefined): FieldSpec[] {
  let requests;
  try {
    requests = option !== undefined ? parseFieldsOption(option) : null;
  } catch (err) {
    if (err instanceof FieldSpecError) throw new CsvInputError(err.message);
    throw err;
  }
  if (!requests) {
    const shared = l.header.filter((h, i) => i !== lId && r.header.includes(h) && r.header.indexOf(h) !== rId);
    if (shared.length === 0) {
      throw new CsvInputError(
        `${l.file} and ${r.file} share no column besides their ids: name the columns to compare with --fields, e.g. --fields name:Company=Account Name,website=Web`,
      );
    }
    requests = shared.map((h) => ({ role: null, left: h, right: h }));
  }
  const fields = requests.map((q) => {
    if (!l.header.includes(q.left)) throw new CsvInputError(`${l.file} line 1: no column "${q.left}" (named in --fields); its columns: ${l.header.join(', ')}.`);
    if (!r.header.includes(q.right)) throw new CsvInputError(`${r.file} line 1: no column "${q.right}" (named in --fields); its columns: ${r.header.join(', ')}.`);
    let role: FieldRole = q.role ?? inferRole(q.left, column(l, q.left));
    if (!q.role && role === 'text' && q.right !== q.left) role = inferRole(q.right, column(r, q.right));
    return { role, left: q.left, right: q.right };
  });
  if (!fields.some((f) => BLOCKING_ROLES.includes(f.role))) {
    throw new CsvInputError(
      `None of the compared fields (${fields.map((f) => `${f.left}: ${f.role}`).join(', ')}) is a company name, domain, e-mail or AWS account id, which matching needs to find candidates. ` +
        'Mark one with a role, e.g. --fields name:Company.',
    );
  }
  return fields;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function writePairs(out: string, pairs: readonly PairRow[]): Promise<void> {
  const tmp = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    let buf = 'left_id,right_id,score,match,explanation\n';
    for (const p of pairs) {
      buf += `${csvField(p.leftId)},${csvField(p.rightId)},${p.score.toFixed(4)},${p.match},${csvField(p.explanation)}\n`;
      if (buf.length > 1 << 20) {
        await fh.write(buf);
        buf = '';
      }
    }
    await fh.write(buf);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, out);
}

export async function matchCsv(opts: MatchCsvOptions): Promise<MatchCsvResult> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const out = resolve(opts.out);
  for (const input of [opts.left, opts.right]) {
    if (resolve(input) === out) throw new CsvInputError(`--out ${opts.out} is one of the inputs; write the pairs to another file.`);
  }
  const l = await readCsvTable(opts.left);
  const r = await readCsvTable(opts.right);
  const lId = idColumn(l, opts.leftId, '--left-id');
  const rId = idColumn(r, opts.rightId, '--right-id');
  for (const t of [l, r]) if (t.rows.length === 0) throw new CsvInputError(`${t.file} line 2: the file has a header but no rows.`);
  const leftIds = ids(l, lId);
  const rightIds = ids(r, rId);
  const fields = resolveFields(l, r, lId, rId, opts.fields);
  log(`Comparing ${fields.map((f) => `${f.left === f.right ? f.left : `${f.left}=${f.right}`} (${f.role})`).join(', ')}; ${l.rows.length} left rows against ${r.rows.length} right rows…`);
  const result = matchTables(
    { ids: leftIds, rows: l.rows, index: columnIndex(fields, l.header, 'left') },
    { ids: rightIds, rows: r.rows, index: columnIndex(fields, r.header, 'right') },
  );
  await writePairs(out, result.pairs);
  return {
    out,
    leftRows: l.rows.length,
    rightRows: r.rows.length,
    fields,
    pairs: result.pairs.length,
    matched: result.matched,
    withCandidates: result.withCandidates,
    mode: result.mode,
    durationMs: Math.round(performance.now() - started),
  };
}
