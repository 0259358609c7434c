import type { Command } from 'commander';
import { warehouseStatus } from '../../db/queries/status';
import { openWarehouse } from '../../db/warehouse';
import { commonOptions, log } from './run';

export function registerWarehouseCommands(program: Command): void {
  const wh = program.command('warehouse').description('the local warehouse (embedded PGlite, or PostgreSQL via DATABASE_URL)');

  wh.command('migrate')
    .description('apply pending schema migrations (refuses gaps and databases migrated by a newer app)')
    .action(async (_opts, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const status = await warehouseStatus(db);
        process.stdout.write(`warehouse ${status.engine} schema ${status.schemaVersion} (${status.description})\n`);
      } finally {
        await db.close();
      }
    });

  wh.command('status')
    .description('engine, schema version and row counts per schema')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      log(`Opening the warehouse (${databaseUrl ? 'server' : 'embedded'})…`);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const status = await warehouseStatus(db);
        if (opts.json) {
          process.stdout.write(JSON.stringify(status, null, 2) + '\n');
          return;
        }
        process.stdout.write(`engine   ${status.engine}  ${status.description}\n`);
        process.stdout.write(`schema   ${status.schemaVersion} (app knows ${status.appSchemaVersion})\n`);
        process.stdout.write(`extensions ${status.extensions.map((e) => `${e.name} ${e.version}`).join(', ')}\n`);
        for (const s of status.schemas) process.stdout.write(`  ${s.schema.padEnd(8)} ${String(s.tables).padStart(4)} tables ${String(s.rows).padStart(12)} rows\n`);
      } finally {
        await db.close();
      }
    });
}
