/**
 * The headless host: serves the built renderer and the contract (HTTP invoke + WebSocket events) on
 * 127.0.0.1, with the same handler registry the Electron shell uses. Used by `revops serve`, `npm run demo`
 * and the Playwright tests.
 *
 * Invariants:
 * - Binds loopback only; every API call needs the per-run token (see security.ts for the threat model).
 * - `url` carries the token in its fragment (`#token=…`): fragments are never sent to a server or logged.
 * - close() stops accepting, drops WebSocket clients and closes the warehouse; it is safe to call twice.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName, EventPayload } from '../../app/contract';
import { attachEventSocket } from './events-socket';
import { handleInvoke, INVOKE_PREFIX, sendError } from './http-api';
import type { LogEntry, Runtime } from './runtime';
import { createRuntime } from './runtime';
import { COMMON_HEADERS, contentSecurityPolicy, hostAllowed, newToken } from './security';
import { createStaticHandler, DEFAULT_STATIC_DIR } from './static-files';

export type HostOptions = {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer; default out/renderer (see static-files.ts). */
  staticDir?: string;
  logSink?: (entry: LogEntry) => void;
};

export type Host = {
  /** Open this in a browser: origin + `#token=…`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  runtime: Runtime;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
};

export async function startHost(options: HostOptions): Promise<Host> {
  const runtime = createRuntime({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, shell: 'headless', logSink: options.logSink });
  const token = newToken();
  let port = 0;
  const serveStatic = createStaticHandler(options.staticDir ?? DEFAULT_STATIC_DIR, () => ({ 'Content-Security-Policy': contentSecurityPolicy(port) }));

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(COMMON_HEADERS)) res.setHeader(k, v);
    if (!hostAllowed(req, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Misdirected request: use http://127.0.0.1 with the printed port.\n');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname.startsWith(INVOKE_PREFIX)) {
      handleInvoke(req, res, pathname, token, runtime.handlers).catch((err: unknown) => {
        runtime.log('error', `HTTP invoke failed: ${(err as Error).message}`);
        if (!res.headersSent) sendError(res, { code: 'internal', message: 'The host failed to answer.' });
        else res.destroy();
      });
      return;
    }
    if (pathname.startsWith('/api/')) return sendError(res, { code: 'not_found', message: `No API at ${pathname}.` });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'bad_input', message: `${req.method} is not allowed here.` }, 405);
    serveStatic(req, res);
  });

  const socket = attachEventSocket(server, { port: () => port, token, events: runtime.events });

  try {
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', failed);
        listening();
      });
    });
  } catch (err) {
    await socket.close();
    await runtime.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${options.port} on 127.0.0.1 is already in use. Choose another with --port, or 0 for a free one.`, { cause: err });
    }
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  runtime.log('info', `Host listening on ${origin}`);

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    runtime,
    emit: (event, payload) => runtime.events.emit(event, payload),
    close() {
      closing ??= (async () => {
        await socket.close();
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await runtime.close();
      })();
      return closing;
    },
  };
}
