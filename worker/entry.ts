/**
 * Embedding worker entry — for now only the build entry and the ready handshake; the embed handler,
 * model session and the full main ↔ worker protocol arrive with issue 4.
 *
 * Invariants (kept by issue 4):
 * - This is the only file touching process.parentPort (Electron utilityProcess) or process.on('message')
 *   (a Node child process, used by tests and the CLI); everything else is transport-agnostic.
 * - On start the worker sends `{ type: 'ready', protocol, pid }` before anything else, and answers
 *   `{ type: 'shutdown' }` by exiting 0.
 */

export const WORKER_PROTOCOL_VERSION = 1;

type ToWorker = { type: 'shutdown' };
type FromWorker = { type: 'ready'; protocol: number; pid: number };

type ParentPort = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
};

// Electron adds parentPort to a utilityProcess's `process`; @types/node does not know it.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: FromWorker): void {
  if (parentPort) parentPort.postMessage(message);
  else if (process.send) process.send(message);
  else throw new Error('worker/entry.ts must run as a utilityProcess or a forked child process (no IPC channel).');
}

function onMessage(listener: (message: ToWorker) => void): void {
  const accept = (data: unknown) => {
    if (data && typeof data === 'object' && (data as { type?: unknown }).type === 'shutdown') listener({ type: 'shutdown' });
  };
  if (parentPort) parentPort.on('message', (event) => accept(event.data));
  else process.on('message', accept);
}

onMessage((message) => {
  if (message.type === 'shutdown') process.exit(0);
});
send({ type: 'ready', protocol: WORKER_PROTOCOL_VERSION, pid: process.pid });
