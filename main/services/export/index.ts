/**
 * `exportDecisions`: the POD decision workbook (sheets Decisions, Evidence, Rules, Cost) or the CSV of the
 * Decisions sheet, for `revops export decisions`, the export:decisions channel and the bench.
 *
 * Invariants:
 * - Nothing half-written: the file is written to a temporary file in the target folder and renamed over
 *   the target at the end (atomic-file.ts); an unwritable folder or a file open elsewhere fails before any
 *   data is read, with what to do.
 * - One consistent snapshot: the Decisions and Evidence sheets read the decisions in two passes (each
 *   sheet is streamed and committed before the next), inside one REPEATABLE READ READ ONLY transaction,
 *   so a decide run committing meanwhile cannot make the sheets disagree.
 * - The decision state is the review screen's (deriveState over the analyst events); nothing is recomputed.
 */
import type { Writable } from 'node:stream';
import type { ExportFormat } from '../../../app/contract';
import { HostError } from '../../../app/contract';
import type { DecisionStateName } from '../../../app/rules';
import type { Db, Queryable } from '../../../db/types';
import { ensureCostMart } from '../cost';
import { checkTenant } from '../decide';
import { writeAtomically } from './atomic-file';
import { decisionColumns, DECISIONS_FROZEN_COLUMNS, evidenceColumns, evidenceRows } from './columns';
import { costColumns, costRows, costWindow } from './cost';
import { writeCsv } from './csv';
import type { ExportDecision } from './read';
import { readAnalystEvents, readDecisionPages, readUsedRuleSets } from './read';
import { ruleColumns, ruleOrder, ruleRows } from './rules-sheet';
import { createWorkbook, writeSheet } from './workbook';

export { ExportTargetError } from './atomic-file';

export type ExportDecisionsOptions = {
  db: Db;
  /** the file to write (.xlsx or .csv) */
  out: string;
  tenant: string;
  /** only decisions in these states (default: all) */
  states?: readonly DecisionStateName[] | undefined;
  format: ExportFormat;
  /** the export's timestamp (workbook properties); default now */
  now?: Date;
  log?: (line: string) => void;
};

export type ExportDecisionsSummary = {
  path: string;
  format: ExportFormat;
  tenant: string;
  rows: number;
  sheets: { name: string; rows: number }[];
  bytes: number;
  durationMs: number;
};

const ACCOUNT_ID = /^\d{12}$/;

async function countDecisions(db: Queryable, tenant: string): Promise<number> {
  return Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ops.pod_decisions_current WHERE tenant = $1', [tenant])).rows[0]?.n ?? 0);
}

async function writeWorkbook(tx: Queryable, out: Writable, o: ExportDecisionsOptions & { tenant: string }): Promise<{ name: string; rows: number }[]> {
  const events = await readAnalystEvents(tx, o.tenant);
  const sets = await readUsedRuleSets(tx, o.tenant);
  const ruleIds = ruleOrder(sets);
  const filter = o.states ? `; states ${o.states.join(', ')}` : '';
  const wb = createWorkbook(out, {
    title: `POD decisions — tenant ${o.tenant}`,
    subject: 'Partner Originated Discount decisions',
    description: `Exported ${(o.now ?? new Date()).toISOString()}; tenant ${o.tenant}${filter}; rule set(s) ${sets.map((s) => s.rule_set_hash.slice(0, 12)).join(', ') || '-'}`,
    created: o.now ?? new Date(),
  });
  const accounts = new Set<string>();
  const seen = { asOf: null as Date | null };
  async function* decisions(): AsyncGenerator<ExportDecision[]> {
    for await (const page of readDecisionPages(tx, o.tenant, events, o.states)) {
      for (const d of page) {
        for (const a of [...d.facts.aws_account_ids, ...d.facts.customer_aws_account_ids]) if (ACCOUNT_ID.test(a)) accounts.add(a);
        if (!seen.asOf || d.asOf > seen.asOf) seen.asOf = d.asOf;
      }
      yield page;
    }
  }
  async function* evidence() {
    for await (const page of readDecisionPages(tx, o.tenant, events, o.states)) yield page.flatMap(evidenceRows);
  }
  const sheets: { name: string; rows: number }[] = [];
  sheets.push({ name: 'Decisions', rows: await writeSheet(wb, { name: 'Decisions', columns: decisionColumns(ruleIds), rows: decisions(), frozenColumns: DECISIONS_FROZEN_COLUMNS }) });
  o.log?.(`export: ${sheets[0]?.rows ?? 0} decisions`);
  sheets.push({ name: 'Evidence', rows: await writeSheet(wb, { name: 'Evidence', columns: evidenceColumns, rows: evidence(), frozenColumns: 1 }) });
  sheets.push({ name: 'Rules', rows: await writeSheet(wb, { name: 'Rules', columns: ruleColumns, rows: [ruleRows(sets)], frozenColumns: 0 }) });
  const window = costWindow(seen.asOf);
  const cost = await costRows(tx, [...accounts].sort(), window);
  sheets.push({ name: 'Cost', rows: await writeSheet(wb, { name: 'Cost', columns: costColumns, rows: [cost], frozenColumns: 1 }) });
  await wb.commit();
  return sheets;
}

async function writeDecisionsCsv(tx: Queryable, out: Writable, o: ExportDecisionsOptions & { tenant: string }): Promise<{ name: string; rows: number }[]> {
  const events = await readAnalystEvents(tx, o.tenant);
  const sets = await readUsedRuleSets(tx, o.tenant);
  const rows = await writeCsv(out, decisionColumns(ruleOrder(sets)), readDecisionPages(tx, o.tenant, events, o.states));
  return [{ name: 'Decisions', rows }];
}

export async function exportDecisions(opts: ExportDecisionsOptions): Promise<ExportDecisionsSummary> {
  const started = performance.now();
  const tenant = checkTenant(opts.tenant);
  const o = { ...opts, tenant };
  const written = await writeAtomically(opts.out, async (out) => {
    // the Cost sheet reads the cost explorer's marts; a warehouse migrated since its last transform has none yet
    if (opts.format === 'xlsx') await ensureCostMart(opts.db);
    return opts.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      if ((await countDecisions(tx, tenant)) === 0) {
        throw new HostError({ code: 'not_found', message: `No POD decisions for tenant '${tenant}' yet.`, hint: `Run \`revops decide${tenant === 'default' ? '' : ` --tenant ${tenant}`}\` first.` });
      }
      return opts.format === 'csv' ? writeDecisionsCsv(tx, out, o) : writeWorkbook(tx, out, o);
    });
  });
  const sheets = written.value;
  return {
    path: written.path, format: opts.format, tenant, rows: sheets[0]?.rows ?? 0, sheets, bytes: written.bytes,
    durationMs: Math.round(performance.now() - started),
  };
}
