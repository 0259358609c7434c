/**
 * Exports from the command line:
 *   revops export decisions --out FILE.xlsx [--tenant X] [--status S[,S…]] [--csv | --format csv|xlsx] [--json]
 * The workbook has the sheets Decisions, Evidence, Rules and Cost; --csv writes the Decisions sheet as CSV.
 * stdout: one `exported <path> rows=… sheets=… bytes=… seconds=…` line (or the JSON summary).
 */
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { ExportFormat } from '../../app/contract';
import { decisionStateSchema, HostError } from '../../app/contract';
import type { DecisionStateName } from '../../app/rules';
import { openWarehouse } from '../../db/warehouse';
import { loadSettings } from '../config/settings';
import { exportDecisions, ExportTargetError } from '../services/export';
import { commonOptions, log, UsageError } from './run';

type Opts = { out: string; tenant?: string; status?: string; csv?: boolean; format?: string; json?: boolean };

const STATES = decisionStateSchema.options;

export function parseStates(s: string | undefined): DecisionStateName[] | undefined {
  if (s === undefined) return undefined;
  const list = s.split(',').map((x) => x.trim().replace(/-/g, '_').replace(/ /g, '_')).filter(Boolean);
  const bad = list.filter((x) => !(STATES as readonly string[]).includes(x));
  if (list.length === 0 || bad.length > 0) throw new UsageError(`--status takes ${STATES.join(', ')} (comma-separated), got '${s}'`);
  return [...new Set(list)] as DecisionStateName[];
}

/** --csv / --format win; else the file's extension; an extension that contradicts the format is refused. */
export function formatOf(opts: Pick<Opts, 'out' | 'csv' | 'format'>): ExportFormat {
  if (opts.format !== undefined && opts.format !== 'xlsx' && opts.format !== 'csv') throw new UsageError(`--format is xlsx or csv, got '${opts.format}'`);
  if (opts.csv && opts.format === 'xlsx') throw new UsageError('--csv and --format xlsx contradict each other');
  const ext = extname(opts.out).toLowerCase();
  const format: ExportFormat = opts.csv ? 'csv' : ((opts.format as ExportFormat | undefined) ?? (ext === '.csv' ? 'csv' : 'xlsx'));
  if (ext !== `.${format}`) throw new UsageError(`--out must end in .${format} for the ${format} format, got '${opts.out}'`);
  return format;
}

export function registerExportCommands(program: Command): void {
  const exp = program.command('export').description('spreadsheets for finance and AWS');
  exp
    .command('decisions')
    .description('the POD decision workbook (sheets Decisions, Evidence, Rules, Cost), or the Decisions sheet as CSV')
    .requiredOption('--out <file>', 'the file to write (.xlsx, or .csv with --csv); replaced only when complete')
    .option('--tenant <name>', "whose decisions (default: the settings' tenant)")
    .option('--status <states>', `only these decision states, comma-separated: ${STATES.join(', ')}`)
    .option('--csv', 'write the Decisions sheet as CSV (same as --format csv)')
    .option('--format <xlsx|csv>', 'xlsx (default) or csv')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: Opts, cmd: Command) => {
      const format = formatOf(opts);
      const states = parseStates(opts.status);
      if (opts.tenant !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(opts.tenant)) throw new UsageError(`--tenant must be a rule file name under rules/tenants/ (lower-case, digits, - and _), got '${opts.tenant}'`);
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const tenant = opts.tenant ?? (await loadSettings(dataDir).catch(() => null))?.tenant ?? 'default';
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const r = await exportDecisions({ db, out: opts.out, tenant, states, format, log }).catch((err: unknown) => {
          // one line: what is wrong and what to do
          if (err instanceof HostError || err instanceof ExportTargetError) throw new Error(`${err.message}${err.hint ? ` ${err.hint}` : ''}`);
          throw err;
        });
        if (opts.json) {
          process.stdout.write(JSON.stringify(r) + '\n');
          return;
        }
        process.stdout.write(`exported ${r.path} format=${r.format} tenant=${r.tenant} rows=${r.rows} sheets=${r.sheets.map((s) => `${s.name}:${s.rows}`).join(',')} bytes=${r.bytes} seconds=${(r.durationMs / 1000).toFixed(2)}\n`);
      } finally {
        await db.close();
      }
    });
}
