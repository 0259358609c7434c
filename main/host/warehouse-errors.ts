/**
 * Failures to open the warehouse, as contract errors: the db layer's one-line message stays the message
 * (it names host and port, never the password); the hint adds what the app itself offers.
 */
import { HostError } from '../../app/contract';
import { WarehouseUnavailableError } from '../../db/errors';
import { DatabaseNewerError } from '../../db/migrate';

export function warehouseOpenError(err: unknown, usingServer: boolean): unknown {
  if (err instanceof WarehouseUnavailableError) {
    return new HostError({
      code: 'warehouse_unavailable',
      message: err.message,
      hint: usingServer ? 'Start the server or fix DATABASE_URL, then Refresh. Without DATABASE_URL the app uses its embedded warehouse.' : undefined,
    });
  }
  if (err instanceof DatabaseNewerError) {
    return new HostError({
      code: 'warehouse_too_new',
      message: err.message,
      hint: `Install RevOps Workbench with schema ${err.databaseVersion} or later, or point DATABASE_URL at another database.`,
    });
  }
  if (err instanceof Error && /is in use by/.test(err.message)) {
    return new HostError({
      code: 'warehouse_unavailable',
      message: err.message,
      hint: 'The embedded warehouse can be open in one process at a time: close the desktop app, `npm run demo` or the running `revops` command, then Refresh.',
    });
  }
  return err;
}
