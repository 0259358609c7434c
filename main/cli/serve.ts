import type { Command } from 'commander';
import { startHost } from '../host/server';
import { commonOptions, log, UsageError } from './run';

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Invalid port '${value}' (expected 0–65535; 0 picks a free port).`);
  return port;
}

/** Starts the headless host and keeps it until Ctrl-C; returns after a clean shutdown. */
export async function serveUntilInterrupted(opts: { dataDir: string; databaseUrl: string | undefined; port: number }): Promise<void> {
  const host = await startHost({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, port: opts.port });
  process.stdout.write(`RevOps Workbench is running at ${host.url}\n`);
  log('Open that URL in a browser. Press Ctrl-C to stop.');
  await new Promise<void>((done) => {
    const stop = () => {
      log('Stopping…');
      host.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the app UI on a loopback URL (browser mode, no Electron needed)')
    .option('--port <port>', 'port on 127.0.0.1 (default: a free port)')
    .action(async (opts: { port?: string }, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      await serveUntilInterrupted({ dataDir, databaseUrl, port: parsePort(opts.port) });
    });
}
