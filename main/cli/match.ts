/**
 * `revops match [--auto-accept P] [--auto-no-match P] [--json]`: matches every ACE opportunity to the Odoo
 * opportunities (main/services/match). stdout: one `match …` summary line (or the result as JSON);
 * stderr: progress. `registerMatchCommand` returns the `match` command so subcommands (e.g. `match csv`)
 * can hang off it.
 */
import type { Command } from 'commander';
import { openWarehouse } from '../../db/warehouse';
import { DEFAULT_THRESHOLDS } from '../../app/match/assign';
import { runMatch } from '../services/match';
import { commonOptions, log, UsageError } from './run';

export function parseProbability(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const p = Number(value);
  if (!/^\s*(0|1|0?\.\d+|1\.0*)\s*$/.test(value) || !Number.isFinite(p) || p <= 0.5 || p > 1) {
    throw new UsageError(`${name} must be a probability above 0.5 and at most 1 (got '${value}')`);
  }
  return p;
}

export function registerMatchCommand(program: Command): Command {
  return program
    .command('match')
    .description('match ACE opportunities to Odoo opportunities: candidates, Fellegi–Sunter scores (EM), decisions (matched / review / no match)')
    .option('--auto-accept <p>', `accept automatically at or above this probability (default ${DEFAULT_THRESHOLDS.autoAccept})`)
    .option('--auto-no-match <p>', `decide "no match" automatically at or above this probability of no match (default ${DEFAULT_THRESHOLDS.autoNoMatch})`)
    .option('--json', 'print the result as JSON')
    .action(async (opts: { autoAccept?: string; autoNoMatch?: string; json?: boolean }, cmd: Command) => {
      const thresholds = {
        autoAccept: parseProbability('--auto-accept', opts.autoAccept, DEFAULT_THRESHOLDS.autoAccept),
        autoNoMatch: parseProbability('--auto-no-match', opts.autoNoMatch, DEFAULT_THRESHOLDS.autoNoMatch),
      };
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const r = await runMatch({ db, log, thresholds });
        if (opts.json) {
          process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          `match run=${r.runId} ace=${r.ace} odoo=${r.odoo} candidate_pairs=${r.candidatePairs} ace_with_candidates=${r.withCandidates} matched=${r.matched} review=${r.review} no_match=${r.noMatch} rows_written=${r.rowsWritten} semantic=${r.semantic.on ? 'on' : 'off'} seconds=${(r.durationMs / 1000).toFixed(2)}\n`,
        );
      } finally {
        await db.close();
      }
    });
}
