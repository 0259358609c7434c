/**
 * How the worker host reaches a worker process, whatever started it: a Node child process (here, for the
 * CLI and tests) or an Electron utilityProcess (main/electron/worker-host-electron.ts). Both carry the
 * structured-clone-safe messages of app/contract/worker-protocol.ts unchanged.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ToWorker } from '../../../app/contract/worker-protocol';

export type WorkerProcess = {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process is gone, whatever the reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Lines the worker wrote to stderr (native libraries write there); optional for transports that cannot. */
  onStderr(listener: (line: string) => void): void;
  kill(): void;
};

export type SpawnWorker = () => WorkerProcess;

/** worker/entry.ts in this checkout (run through tsx). */
export const WORKER_ENTRY_TS = fileURLToPath(new URL('../../../worker/entry.ts', import.meta.url));

export type NodeWorkerOptions = {
  /** The worker entry; a .ts file runs through tsx. Default: worker/entry.ts. */
  entry?: string;
  /** Extra environment for the worker (e.g. a test's REVOPS_WORKER_FAULT). */
  env?: Record<string, string>;
};

// The worker needs the loader and CUDA variables (PATH, LD_LIBRARY_PATH, CUDA_VISIBLE_DEVICES…), never credentials.
const SECRET_ENV = /DATABASE_URL$|PASSWORD|SECRET|TOKEN|_KEY$/i;

/** The parent's environment without credentials, plus `extra`. */
export function workerEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !SECRET_ENV.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function splitLines(onLine: (line: string) => void): (chunk: Buffer) => void {
  let rest = '';
  return (chunk) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  };
}

/** Spawns the worker as a Node child process with an IPC channel using structured clone ('advanced'). */
export function nodeWorkerSpawner(options: NodeWorkerOptions = {}): SpawnWorker {
  const entry = options.entry ?? WORKER_ENTRY_TS;
  // tsx resolved from here, so the worker starts whatever the current directory is.
  const execArgv = entry.endsWith('.ts') ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return () => {
    const child = fork(entry, [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: workerEnv(options.env),
    });
    const stderrListeners: ((line: string) => void)[] = [];
    let gone = false;
    child.once('exit', () => {
      gone = true;
    });
    child.stderr?.on('data', splitLines((line) => stderrListeners.forEach((l) => l(line))));
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        // A message to a worker that just died is dropped; its exit is handled by onExit.
        if (child.connected) child.send(message, (err) => void err);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        if (gone) return listener(child.exitCode, child.signalCode);
        let done = false;
        const once = (code: number | null, signal: string | null) => {
          if (done) return;
          done = true;
          listener(code, signal);
        };
        child.once('exit', (code, signal) => once(code, signal));
        // A failed spawn (e.g. ENOENT) emits 'error' and may never emit 'exit'.
        child.once('error', () => {
          if (child.exitCode === null && child.pid === undefined) once(null, null);
        });
      },
      onStderr(listener) {
        stderrListeners.push(listener);
      },
      kill() {
        child.kill('SIGKILL');
      },
    };
  };
}
