/**
 * "The warehouse cannot be reached" as opposed to every other failure: only the former sends the
 * decision channels to the replica and the outbox. A bad input, a refused action or a broken query must
 * still reach the caller as the error it is.
 */
import { HostError } from '../../../app/contract';
import { WarehouseUnavailableError } from '../../../db/errors';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);
// admin_shutdown, crash_shutdown, cannot_connect_now; class 08 = connection exception
const SERVER_CODES = new Set(['57P01', '57P02', '57P03']);
const MESSAGES = /connection terminated|connection ended unexpectedly|timeout exceeded when trying to connect|connection timeout|client has encountered a connection error|server closed the connection/i;

export function isUnreachable(err: unknown, depth = 0): boolean {
  if (depth > 5 || err == null) return false;
  if (err instanceof HostError) return err.code === 'warehouse_unavailable';
  if (err instanceof WarehouseUnavailableError) return true;
  if (err instanceof AggregateError && err.errors.some((e) => isUnreachable(e, depth + 1))) return true;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SERVER_CODES.has(e.code) || /^08/.test(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return isUnreachable(e.cause, depth + 1);
}

/** One line for the status bar (the db layer's messages already name host and port, never the password). */
export function unreachableMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.split('\n')[0]?.slice(0, 300) || 'The warehouse cannot be reached.';
}
