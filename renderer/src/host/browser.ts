/**
 * HostApi over the headless host: POST /api/invoke/:channel (fetch) and one shared WebSocket for events.
 * The token comes from the URL fragment the host printed; see token.ts.
 */
import type { EventEnvelope, EventName, HostApi, InvokeResult } from '../../../app/contract';
import { HostError, contractErrorSchema } from '../../../app/contract';

type Listener = (payload: unknown) => void;

export type BrowserHostOptions = {
  /** e.g. http://127.0.0.1:5123 — normally window.location.origin. */
  origin: string;
  token: string;
};

const RECONNECT_MS = [250, 500, 1000, 2000, 5000];

function unreachable(cause: unknown): HostError {
  return new HostError({
    code: 'host_unavailable',
    message: `The app's host did not answer (${(cause as Error).message || 'network error'}).`,
    hint: 'Is `npm run demo` (or `revops serve`) still running? Start it again and open the URL it prints.',
  });
}

async function parseEnvelope(response: Response): Promise<InvokeResult<unknown>> {
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'ok' in body) {
    if (body.ok === true && 'value' in body) return { ok: true, value: body.value };
    const error = contractErrorSchema.safeParse((body as { error?: unknown }).error);
    if (error.success) return { ok: false, error: error.data };
  }
  return { ok: false, error: { code: 'internal', message: `The host answered HTTP ${response.status} without a result.` } };
}

export function createBrowserHost(options: BrowserHostOptions): HostApi {
  const listeners = new Map<EventName, Set<Listener>>();
  let socket: WebSocket | null = null;
  let attempt = 0;

  function connect(): void {
    const url = new URL('/api/events', options.origin.replace(/^http/, 'ws'));
    url.searchParams.set('token', options.token);
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
    };
    ws.onmessage = (message) => {
      let envelope: EventEnvelope;
      try {
        envelope = JSON.parse(String(message.data)) as EventEnvelope;
      } catch {
        return;
      }
      for (const listener of [...(listeners.get(envelope.event) ?? [])]) listener(envelope.payload);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if ([...listeners.values()].every((set) => set.size === 0)) return;
      // Reconnect while someone listens: a host restart on the same port heals without a page reload.
      const delay = RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)];
      setTimeout(() => {
        if (socket === null) connect();
      }, delay);
    };
  }

  return {
    async invoke(channel, ...args) {
      const input = args[0];
      let response: Response;
      try {
        response = await fetch(`${options.origin}/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
          body: input === undefined ? '' : JSON.stringify(input),
          cache: 'no-store',
        });
      } catch (err) {
        throw unreachable(err);
      }
      const result = await parseEnvelope(response);
      if (!result.ok) throw new HostError(result.error);
      return result.value as never;
    },
    on(event, handler) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const listener = handler as Listener;
      set.add(listener);
      if (socket === null) connect();
      return () => {
        set.delete(listener);
      };
    },
  };
}
