/**
 * `revops sync odoo|apn|billing|all [--full]` and `revops sync jobs`.
 * stdout: one line per job (`job <id> <source> <status> …`), or JSON with --json. stderr: progress
 * (per table: rows, rows/s, ETA) and diagnostics. Ctrl-C cancels cleanly (the job is recorded as
 * 'cancelled', nothing of it applied); a second Ctrl-C exits at once.
 */
import type { Command } from 'commander';
import { listJobs } from '../../db/queries/sync';
import { openWarehouse } from '../../db/warehouse';
import { runSync } from '../services/sync';
import type { JobResult, SyncProgress, SyncTarget } from '../services/sync';
import { commonOptions, log, UsageError } from './run';

const TARGETS = ['odoo', 'apn', 'billing', 'all'] as const;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function progressPrinter(): (p: SyncProgress) => void {
  // At most one line a second, but always the first one of each table (a fast table still shows up).
  let last = 0;
  let lastTable = '';
  return (p) => {
    const now = Date.now();
    const key = `${p.source}.${p.table}`;
    const at = `${p.source} ${p.table}${p.tableCount ? ` [${(p.tableIndex ?? 0) + 1}/${p.tableCount}]` : ''}`;
    if (p.phase === 'done') {
      if (p.rowsDone >= 1000) log(`  ${at}: ${fmt(p.rowsDone)} rows`);
      return;
    }
    if (p.phase !== 'copying' || p.rowsDone === 0 || (key === lastTable && now - last < 1000)) return;
    last = now;
    lastTable = key;
    const total = p.rowsTotal !== null ? `/${fmt(p.rowsTotal)}` : '';
    const eta = p.etaSeconds !== null && p.etaSeconds !== undefined ? `, ETA ${p.etaSeconds.toFixed(0)} s` : '';
    log(`  ${at}: ${fmt(p.rowsDone)}${total} rows (${fmt(p.rowsPerSecond ?? 0)} rows/s${eta})`);
  };
}

function jobLine(j: JobResult): string {
  const t = j.totals;
  return (
    `job ${j.jobId} ${j.system}${j.scope === 'billing' ? ' billing' : ''} ${j.status} ${j.jobType} tables=${j.tables.length} read=${t.rowsRead} ` +
    `inserted=${t.inserted} updated=${t.updated} deleted=${t.deleted} failed=${t.failed} seconds=${(j.durationMs / 1000).toFixed(1)}`
  );
}

export function registerSyncCommands(program: Command): void {
  program
    .command('sync')
    .description('copy the Odoo and APN sources into the warehouse (raw); `sync jobs` lists recent sync jobs')
    .argument('<what>', 'odoo | apn | billing | all | jobs')
    .option('--full', 'read every row again (default: only what changed since the last sync; deletions checked by key)')
    .option('--json', 'print the result as JSON')
    .option('--limit <n>', 'with `jobs`: how many (default 20)')
    .action(async (what: string, opts: { full?: boolean; json?: boolean; limit?: string }, cmd: Command) => {
      if (what !== 'jobs' && !(TARGETS as readonly string[]).includes(what)) throw new UsageError(`sync what? '${what}' is not one of ${[...TARGETS, 'jobs'].join(', ')}`);
      const limit = opts.limit === undefined ? 20 : Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be an integer from 1 to 1000');
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        if (what === 'jobs') {
          const jobs = await listJobs(db, limit);
          if (opts.json) process.stdout.write(JSON.stringify(jobs, null, 2) + '\n');
          else
            for (const j of jobs)
              process.stdout.write(
                `job ${j.job_id} ${j.source_system}${j.scope === 'billing' ? ' billing' : ''} ${j.status} ${j.job_type} started=${j.started_at.toISOString()} ` +
                  `inserted=${j.records_inserted} updated=${j.records_updated} deleted=${j.records_deleted} failed=${j.records_failed}${j.error_message ? ` error=${JSON.stringify(j.error_message)}` : ''}\n`,
              );
          return;
        }
        const controller = new AbortController();
        let interrupts = 0;
        const onSigint = () => {
          interrupts++;
          if (interrupts === 1) {
            log('Cancelling the sync (nothing of the running job will be applied)… press Ctrl-C again to exit at once.');
            controller.abort();
          } else process.exit(130);
        };
        process.on('SIGINT', onSigint);
        process.on('SIGTERM', onSigint);
        try {
          const result = await runSync({
            db,
            dataDir,
            databaseUrl,
            systems: what as SyncTarget,
            full: opts.full ?? false,
            signal: controller.signal,
            // Failures are summed up once at the end as `error: …` lines; here they are progress.
            log: (level, message) => (level !== 'debug' || Boolean(process.env.REVOPS_DEBUG)) && log(level === 'warn' ? `warning: ${message}` : message),
            onProgress: progressPrinter(),
          });
          if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
          else for (const j of result.jobs) process.stdout.write(jobLine(j) + '\n');
          const bad = result.jobs.filter((j) => j.status !== 'succeeded');
          for (const j of bad) process.stderr.write(`error: sync ${j.system} ${j.status}: ${j.error ?? ''}\n`);
          if (bad.length > 0) process.exitCode = 1;
        } finally {
          process.off('SIGINT', onSigint);
          process.off('SIGTERM', onSigint);
        }
      } finally {
        await db.close();
      }
    });
}
