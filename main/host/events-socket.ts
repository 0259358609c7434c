/**
 * GET /api/events (WebSocket) — contract events pushed to the browser, one EventEnvelope JSON per message.
 * Authorised by `?token=` (browsers cannot set headers on a WebSocket) plus the Origin check.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EventBus } from './event-bus';
import { hostAllowed, originAllowed, tokenMatches } from './security';

export const EVENTS_PATH = '/api/events';

function reject(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachEventSocket(server: Server, opts: { port: () => number; token: string; events: EventBus }): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== EVENTS_PATH) return reject(socket, '404 Not Found');
    if (!hostAllowed(req, opts.port()) || !originAllowed(req, opts.port())) return reject(socket, '403 Forbidden');
    if (!tokenMatches(opts.token, url.searchParams.get('token'))) return reject(socket, '401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = opts.events.subscribe((envelope) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(envelope));
      });
      ws.on('close', unsubscribe);
      ws.on('error', unsubscribe);
      // Clients only listen; anything they send is ignored.
    });
  });

  return {
    close: () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => done());
      }),
  };
}
