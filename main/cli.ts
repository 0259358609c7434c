/**
 * `revops …` — the command line over the same services the desktop app uses.
 * Output contract: results on stdout (machine-readable lines such as `checksum odoo <hex>`), progress and
 * diagnostics on stderr. Exit codes: 0 ok, 1 failure (one clear line), 2 usage error (nothing written).
 */
import { Command } from 'commander';
import { registerDemoCommands } from './cli/demo';
import { registerEmbedCommand } from './cli/embed';
import { runCli } from './cli/run';
import { registerServeCommand } from './cli/serve';
import { registerSyncCommands } from './cli/sync';
import { registerTransformCommand } from './cli/transform';
import { registerQualityCommand } from './cli/quality';
import { registerWarehouseCommands } from './cli/warehouse';
import { registerWorkerCommands } from './cli/worker';
import { registerMatchCommand } from './cli/match';
import { registerMatchCsvCommand } from './cli/match-csv';
import { registerEvalCommands } from './cli/eval';
import { registerDecideCommands } from './cli/decide';
import { registerExportCommands } from './cli/export';
import { registerCostCommand } from './cli/cost';

const program = new Command('revops')
  .description('RevOps Workbench: ACE ↔ Odoo matching, POD decisions and AWS cost vs invoice, from the command line.')
  .option('--data-dir <dir>', 'data folder (default: $REVOPS_DATA_DIR or the per-user app data folder)')
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerDemoCommands(program);
registerWarehouseCommands(program);
registerServeCommand(program);
registerSyncCommands(program);
registerTransformCommand(program);
registerQualityCommand(program);
registerWorkerCommands(program);
registerMatchCommand(program);
registerEvalCommands(program);
registerEmbedCommand(program);
registerMatchCsvCommand(program);
registerDecideCommands(program);
registerExportCommands(program);
registerCostCommand(program);

await runCli(program, process.argv);
