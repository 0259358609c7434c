/**
 * The handler registry: the ONE place where contract input is parsed and mapped to a service call.
 * Shared by the headless host (HTTP), the Electron IPC binding and the CLI.
 *
 * Invariants:
 * - `invoke` never throws: it resolves with an InvokeResult (value, or a typed, redacted ContractError).
 * - Services receive zod-parsed input only; an unknown channel or bad input never reaches a service.
 */
import type { ContractError, InvokeArgs, InvokeChannel, InvokeOutput, InvokeResult, ParsedInput } from '../../app/contract';
import { HostError, invokeContract, isInvokeChannel, toContractError } from '../../app/contract';

/** One function per invoke channel, taking parsed input. Features contribute their slice by spreading. */
export type ContractServices = { [C in InvokeChannel]: (input: ParsedInput<C>) => Promise<InvokeOutput<C>> };

export type Handlers = {
  /** For transports: untrusted channel name and input. */
  invoke(channel: string, input: unknown): Promise<InvokeResult<unknown>>;
  /** For trusted Node callers (CLI, tests): typed; rejects with HostError. */
  call<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeOutput<C>>;
};

export type HandlerOptions = {
  /** Told about every failed call (for the log); `cause` is the original error, possibly with a stack. */
  onError?: (channel: string, error: ContractError, cause: unknown) => void;
};

export function createHandlers(services: ContractServices, options: HandlerOptions = {}): Handlers {
  async function invoke(channel: string, input: unknown): Promise<InvokeResult<unknown>> {
    if (!isInvokeChannel(channel)) {
      const error: ContractError = { code: 'unknown_channel', message: `Unknown channel '${channel}'.`, hint: 'The renderer and main are from different versions; restart the app.' };
      options.onError?.(channel, error, undefined);
      return { ok: false, error };
    }
    try {
      const parsed = invokeContract[channel].input.safeParse(input);
      if (!parsed.success) throw parsed.error;
      // The map is keyed by channel, so the parsed input matches the service's parameter type.
      const service = services[channel] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await service(parsed.data) };
    } catch (err) {
      const error = toContractError(err);
      options.onError?.(channel, error, err);
      return { ok: false, error };
    }
  }

  return {
    invoke,
    async call(channel, ...args) {
      const result = await invoke(channel, args[0]);
      if (!result.ok) throw new HostError(result.error);
      return result.value as InvokeOutput<typeof channel>;
    },
  };
}
