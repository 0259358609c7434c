/**
 * POST /api/invoke/:channel — the contract over HTTP.
 * Request: JSON body = the channel's input (empty body = no input). Response: an InvokeResult envelope,
 * HTTP 200 when ok, else the status of the error code (400 bad input, 401 no token, 404 unknown channel …).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContractError, InvokeResult } from '../../app/contract';
import { httpStatusOf } from '../../app/contract';
import type { Handlers } from './handlers';
import { bearerToken, tokenMatches } from './security';

const MAX_BODY_BYTES = 1024 * 1024;

export const INVOKE_PREFIX = '/api/invoke/';

export function sendJson(res: ServerResponse, status: number, body: InvokeResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ContractError, status = httpStatusOf(error.code)): void {
  sendJson(res, status, { ok: false, error });
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function handleInvoke(req: IncomingMessage, res: ServerResponse, pathname: string, token: string, handlers: Handlers): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendError(res, { code: 'bad_input', message: `Use POST for ${pathname}.` }, 405);
  }
  if (!tokenMatches(token, bearerToken(req))) {
    return sendError(res, { code: 'unauthorized', message: 'Missing or wrong API token.', hint: 'Open the app through the URL the host printed (it carries the token).' });
  }
  // Requiring JSON also forces a CORS preflight for cross-origin fetches, which this host never grants.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return sendError(res, { code: 'bad_input', message: 'Content-Type must be application/json.' }, 415);
  }
  let input: unknown;
  try {
    const text = await readBody(req);
    input = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (err) {
    if (err instanceof BodyTooLarge) return sendError(res, { code: 'bad_input', message: `Request body over ${MAX_BODY_BYTES} bytes.` }, 413);
    return sendError(res, { code: 'bad_input', message: 'Request body is not valid JSON.' });
  }
  const channel = decodeURIComponent(pathname.slice(INVOKE_PREFIX.length));
  const result = await handlers.invoke(channel, input);
  sendJson(res, result.ok ? 200 : httpStatusOf(result.error.code), result);
}
