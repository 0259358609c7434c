/**
 * `revops quality [--json] [--examples N]`: runs the data quality checks, records them (ops.data_quality_*)
 * and prints a readable table to stdout: one line per check, then the score per table and overall.
 * --json prints the whole result instead. Exit code 0 even when checks fail (failing data is a finding,
 * not a command failure).
 */
import type { Command } from 'commander';
import { openWarehouse } from '../../db/warehouse';
import { runQuality, type CheckResult, type QualityResult } from '../services/quality';
import { commonOptions, log, UsageError } from './run';

const pad = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
const lpad = (s: string, n: number): string => s.padStart(n);

function example(c: CheckResult): string {
  const e = c.examples[0];
  if (!e) return c.skipped ? `skipped: ${c.skipped}` : '';
  const { key, ...rest } = e;
  return `e.g. ${String(key)} ${JSON.stringify(rest)}`;
}

export function formatQuality(r: QualityResult, examples: number): string {
  const lines: string[] = [];
  lines.push(`${pad('TABLE', 28)} ${pad('CHECK', 28)} ${pad('TYPE', 11)} ${pad('SEVERITY', 8)} ${lpad('CHECKED', 8)} ${lpad('FAILED', 7)} ${lpad('SCORE', 7)}  EXAMPLE`);
  for (const c of r.checks) {
    const score = c.skipped ? 'skipped' : c.score === null ? '-' : c.score.toFixed(1);
    lines.push(`${pad(c.table, 28)} ${pad(c.name, 28)} ${pad(c.type, 11)} ${pad(c.severity, 8)} ${lpad(String(c.checked), 8)} ${lpad(String(c.failed), 7)} ${lpad(score, 7)}  ${pad(example(c), 90)}`);
    for (const e of c.examples.slice(1, examples)) {
      const { key, ...rest } = e;
      lines.push(`${' '.repeat(104)}     ${pad(`${String(key)} ${JSON.stringify(rest)}`, 90)}`);
    }
  }
  lines.push('');
  lines.push(`${pad('TABLE', 28)} SCORE`);
  for (const [t, s] of Object.entries(r.tableScores)) lines.push(`${pad(t, 28)} ${s === null ? '-' : s.toFixed(1)}`);
  lines.push(`${pad('overall', 28)} ${r.overallScore === null ? '-' : r.overallScore.toFixed(1)}`);
  lines.push(`quality run=${r.runId} checks=${r.checks.length} failed=${r.checks.filter((c) => !c.passed).length} overall=${r.overallScore ?? 'n/a'} seconds=${(r.durationMs / 1000).toFixed(2)}`);
  return lines.join('\n') + '\n';
}

export function registerQualityCommand(program: Command): void {
  program
    .command('quality')
    .description('check raw and core data (required fields, references, duplicates, billing anomalies), score it and record the run')
    .option('--json', 'print the result as JSON')
    .option('--examples <n>', 'failing examples to print per check (default 1)')
    .action(async (opts: { json?: boolean; examples?: string }, cmd: Command) => {
      const examples = opts.examples === undefined ? 1 : Number(opts.examples);
      if (!Number.isInteger(examples) || examples < 0 || examples > 50) throw new UsageError('--examples must be an integer from 0 to 50');
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const r = await runQuality({ db, log });
        process.stdout.write(opts.json ? JSON.stringify(r, null, 2) + '\n' : formatQuality(r, examples));
      } finally {
        await db.close();
      }
    });
}
