/**
 * `revops transform [--full] [--json]`: raw → core. stdout: one line per core table
 * (`table <name> <mode> considered=… inserted=… updated=… deleted=… ms=…`) and a `transform …` summary line,
 * or the whole result as JSON. stderr: progress.
 */
import type { Command } from 'commander';
import { openWarehouse } from '../../db/warehouse';
import { runTransform } from '../services/transform';
import { commonOptions, log } from './run';

export function registerTransformCommand(program: Command): void {
  program
    .command('transform')
    .description('build the core tables (opportunities, companies, AWS accounts, billing facts) from raw; incremental unless --full')
    .option('--full', 'recompute every core row (default: only what the sync jobs since the last transform changed)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { full?: boolean; json?: boolean }, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const r = await runTransform({ db, full: opts.full ?? false, log });
        if (opts.json) {
          process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          return;
        }
        for (const s of r.steps) {
          process.stdout.write(
            `table ${s.target} ${s.mode} considered=${s.considered} inserted=${s.inserted} updated=${s.updated} deleted=${s.deleted} ms=${s.durationMs}${s.note ? ` note="${s.note}"` : ''}\n`,
          );
        }
        const t = r.totals;
        process.stdout.write(
          `transform ${r.mode} batch=${r.batchId} sync_jobs=${r.consumedJobs} inserted=${t.inserted} updated=${t.updated} deleted=${t.deleted} seconds=${(r.durationMs / 1000).toFixed(2)}\n`,
        );
      } finally {
        await db.close();
      }
    });
}
