/**
 * `revops match csv --left A.csv --right B.csv [--left-id col] [--right-id col] [--fields a,b,c] --out pairs.csv`:
 * any two tables with a header, matched by the same engine as `revops match`, without labels
 * (main/services/match-csv). stdout: one `match csv …` summary line (or JSON); stderr: what is compared.
 * Bad input (missing id column, ragged rows, invalid UTF-8, …): one `error: <file> line N: …` line, exit 1,
 * nothing written. Usage errors: exit 2.
 */
import type { Command } from 'commander';
import { matchCsv } from '../services/match-csv';
import { log, UsageError } from './run';

type Options = { left?: string; right?: string; leftId?: string; rightId?: string; fields?: string; out?: string; json?: boolean };

/** Adds `csv` under the `match` command (registered by main/cli/match.ts), creating `match` if absent. */
export function registerMatchCsvCommand(program: Command): void {
  const match = program.commands.find((c) => c.name() === 'match') ?? program.command('match').description('matching');
  match
    .command('csv')
    .description('match any two CSV tables (header row, UTF-8) with the same engine, unsupervised; writes left_id,right_id,score,match,explanation')
    .option('--left <file>', 'the table whose rows are matched (each to at most one right row)')
    .option('--right <file>', 'the table searched for matches')
    .option('--left-id <column>', 'id column of the left table (default: id)')
    .option('--right-id <column>', 'id column of the right table (default: id)')
    .option('--fields <list>', 'columns to compare: [role:]column or [role:]left_column=right_column, comma separated; roles: name, domain, email, account, country, person, text, amount, date (default: the columns both tables share, roles inferred)')
    .option('--out <file>', 'where to write the scored pairs (CSV)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: Options) => {
      const missing = (['left', 'right', 'out'] as const).filter((k) => !opts[k]);
      if (missing.length > 0) throw new UsageError(`match csv needs ${missing.map((k) => `--${k} <file>`).join(', ')}`);
      const r = await matchCsv({ left: opts.left!, right: opts.right!, out: opts.out!, leftId: opts.leftId, rightId: opts.rightId, fields: opts.fields, log });
      if (opts.json) {
        process.stdout.write(JSON.stringify(r) + '\n');
        return;
      }
      process.stdout.write(
        `match csv left=${r.leftRows} right=${r.rightRows} pairs=${r.pairs} left_with_candidates=${r.withCandidates} matched=${r.matched} mode=${r.mode} out=${r.out} seconds=${(r.durationMs / 1000).toFixed(2)}\n`,
      );
    });
}
