/**
 * Errors that cross the boundary between main and the renderer (IPC, HTTP, CLI JSON).
 *
 * Invariants:
 * - On the wire an error is always `{ code, message, hint? }` (ContractError), never a stack or a raw Error.
 * - `message` says what went wrong in one line; `hint` says what to try. Neither contains a secret:
 *   toContractError() redacts passwords from both.
 * - `code` is from ERROR_CODES; new codes are added here, and each has an HTTP status (httpStatusOf).
 */
import { z } from 'zod';
import { redactSecrets } from '../redact';

export const ERROR_CODES = [
  'bad_input',
  'unknown_channel',
  'unauthorized',
  'warehouse_unavailable',
  'warehouse_too_new',
  'settings_invalid',
  'not_found',
  /** A sync is already running on this warehouse; the new one was refused (not queued). */
  'sync_busy',
  /** The renderer cannot reach main at all (browser mode: the host process stopped). */
  'host_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const contractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string().min(1),
  hint: z.string().min(1).optional(),
});

export type ContractError = z.infer<typeof contractErrorSchema>;

/** What invoke transports carry: a value or a typed error (Electron IPC would otherwise mangle thrown errors). */
export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Thrown by HostApi.invoke in the renderer and usable by services to choose the code and hint. */
export class HostError extends Error {
  override name = 'HostError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(error: ContractError) {
    super(error.message);
    this.code = error.code;
    this.hint = error.hint;
  }

  toContractError(): ContractError {
    return this.hint === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, hint: this.hint };
  }
}

const STATUS: Record<ErrorCode, number> = {
  bad_input: 400,
  unknown_channel: 404,
  not_found: 404,
  sync_busy: 409,
  unauthorized: 401,
  settings_invalid: 409,
  warehouse_too_new: 409,
  warehouse_unavailable: 503,
  host_unavailable: 503,
  internal: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code];
}

function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function redacted(e: ContractError): ContractError {
  const message = redactSecrets(e.message);
  return e.hint === undefined ? { code: e.code, message } : { code: e.code, message, hint: redactSecrets(e.hint) };
}

/**
 * Maps anything thrown by a service to the wire shape. Errors may opt into a code by carrying
 * `contractCode` (an ErrorCode) and `hint` properties, so db/ and main/ need not import HostError.
 */
export function toContractError(err: unknown): ContractError {
  if (err instanceof HostError) return redacted(err.toContractError());
  if (err instanceof z.ZodError) return { code: 'bad_input', message: `Invalid input: ${describeZodIssues(err)}` };
  if (err instanceof Error) {
    const tagged = err as Error & { contractCode?: unknown; hint?: unknown };
    const code = (ERROR_CODES as readonly unknown[]).includes(tagged.contractCode) ? (tagged.contractCode as ErrorCode) : 'internal';
    const hint = typeof tagged.hint === 'string' && tagged.hint.length > 0 ? tagged.hint : undefined;
    return redacted(hint === undefined ? { code, message: err.message || err.name } : { code, message: err.message || err.name, hint });
  }
  return { code: 'internal', message: redactSecrets(String(err)) };
}
