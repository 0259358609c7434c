/**
 * Embedding worker entry: picks the transport and starts the serve loop (serve.ts).
 *
 * Invariants:
 * - This is the only file touching process.parentPort (Electron utilityProcess) or process.on('message')
 *   (a Node child process forked with an IPC channel and `serialization: 'advanced'`, used by tests and the
 *   CLI); everything else in worker/ is transport-agnostic.
 * - The first message is `{ type: 'hello', protocol, pid }`, sent after the listener is attached; the rest of
 *   the handshake (`init` → `ready`) and the message rules are in app/contract/worker-protocol.ts.
 * - A Node child whose parent goes away exits instead of lingering.
 */
import { parseFault, serve } from './serve';

type ParentPort = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
};

// Electron adds parentPort to a utilityProcess's `process`; @types/node does not know it.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

if (!parentPort && !process.send) {
  process.stderr.write('worker/entry.ts must run as an Electron utilityProcess or a forked child process (it has no IPC channel).\n');
  process.exit(2);
}

if (!parentPort) process.once('disconnect', () => process.exit(0));

serve(
  {
    send(message) {
      if (parentPort) parentPort.postMessage(message);
      else process.send!(message);
    },
    onMessage(listener) {
      if (parentPort) parentPort.on('message', (event) => listener(event.data));
      else process.on('message', listener);
    },
    exit(code) {
      process.exit(code);
    },
  },
  parseFault(process.env.REVOPS_WORKER_FAULT),
);
