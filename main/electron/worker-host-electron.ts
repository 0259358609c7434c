/**
 * The embedding worker as an Electron utilityProcess: the same WorkerProcess transport the Node host uses
 * (main/services/embed/worker-transport.ts), so WorkerHost, the protocol and worker/entry.ts are unchanged.
 * The worker is built by electron-vite next to the main bundle (out/main/worker.js; electron.vite.config.ts).
 * onnxruntime-node is an N-API module, so the same binary loads in Electron's Node without a rebuild.
 */
import { fileURLToPath } from 'node:url';
import { utilityProcess } from 'electron';
import type { ToWorker } from '../../app/contract/worker-protocol';
import { WorkerHost, type WorkerHostOptions } from '../services/embed/worker-host';
import { workerEnv, type SpawnWorker, type WorkerProcess } from '../services/embed/worker-transport';

/** out/main/worker.js beside the bundled main (this file is bundled into out/main/index.js). */
export const ELECTRON_WORKER_ENTRY = fileURLToPath(new URL('./worker.js', import.meta.url));

export function electronWorkerSpawner(options: { entry?: string; env?: Record<string, string> } = {}): SpawnWorker {
  return () => {
    const child = utilityProcess.fork(options.entry ?? ELECTRON_WORKER_ENTRY, [], {
      serviceName: 'RevOps embedding worker',
      stdio: ['ignore', 'ignore', 'pipe'],
      env: workerEnv(options.env),
    });
    const stderrListeners: ((line: string) => void)[] = [];
    let rest = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) stderrListeners.forEach((l) => l(line));
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const proc: WorkerProcess = {
      get pid() {
        return child.pid;
      },
      send(message: ToWorker) {
        // Structured clone over a MessagePort: the protocol's messages pass unchanged.
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        if (exited) listener(null, null);
        else child.once('exit', (code) => listener(code, null));
      },
      onStderr(listener) {
        stderrListeners.push(listener);
      },
      kill() {
        child.kill();
      },
    };
    return proc;
  };
}

/** A WorkerHost whose worker runs as a utilityProcess. */
export function createElectronWorkerHost(options: Omit<WorkerHostOptions, 'spawn'>): WorkerHost {
  return new WorkerHost({ ...options, spawn: electronWorkerSpawner() });
}
