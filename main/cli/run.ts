import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { resolveDataDir } from '../config/data-dir';

/** A mistake in how a command was called: reported with exit code 2, before anything is written. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Options every command shares, resolved once. */
export function commonOptions(cmd: Command): { dataDir: string; databaseUrl: string | undefined } {
  const opts = cmd.optsWithGlobals<{ dataDir?: string }>();
  const dataDir = opts.dataDir ? resolveDataDir({ REVOPS_DATA_DIR: opts.dataDir }) : resolveDataDir();
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  return { dataDir, databaseUrl };
}

export const log = (line: string): void => {
  process.stderr.write(line + '\n');
};

/** Runs the program; turns known errors into one line and an exit code instead of a stack trace. */
export async function runCli(program: Command, argv: string[]): Promise<void> {
  // Subcommands copy the parent's settings when they are created, before this runs: override each one,
  // or commander exits by itself (code 1) on a missing required option of a subcommand.
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    const e = err as Error;
    // Known, user-facing failures carry a complete message already (e.g. WarehouseUnavailableError).
    process.stderr.write(`error: ${e.message}\n`);
    if (process.env.REVOPS_DEBUG) process.stderr.write(`${e.stack ?? ''}\n`);
    process.exitCode = 1;
  }
}
