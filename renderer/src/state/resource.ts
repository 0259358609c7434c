/**
 * A value loaded from the host, with its loading and error state. A refresh keeps the previous value
 * visible (state 'loading' with data) so the screen does not flash empty.
 */
import type { ContractError } from '../../../app/contract';
import { HostError } from '../../../app/contract';

export type Resource<T> = {
  state: 'idle' | 'loading' | 'ready' | 'error';
  data: T | null;
  error: ContractError | null;
  /** ISO time of the last successful load. */
  loadedAt: string | null;
};

export const idle = <T>(): Resource<T> => ({ state: 'idle', data: null, error: null, loadedAt: null });

export function errorOf(err: unknown): ContractError {
  if (err instanceof HostError) return err.toContractError();
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** Runs `load`, writing loading → ready/error transitions through `write`. Never rejects. */
export async function loadResource<T>(
  current: Resource<T>,
  write: (next: Resource<T>) => void,
  load: () => Promise<T>,
): Promise<void> {
  write({ ...current, state: 'loading' });
  try {
    const data = await load();
    write({ state: 'ready', data, error: null, loadedAt: new Date().toISOString() });
  } catch (err) {
    write({ ...current, state: 'error', error: errorOf(err) });
  }
}
