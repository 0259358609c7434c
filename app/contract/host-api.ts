/**
 * HostApi: the only way the renderer reaches main. Two implementations satisfy it:
 * renderer/src/host/electron.ts (preload bridge) and renderer/src/host/browser.ts (HTTP + WebSocket).
 *
 * Invariants:
 * - `invoke` resolves with the channel's output or rejects with a HostError (code, message, hint).
 * - `on` returns an unsubscribe function; handlers never see a transport object (no Electron event).
 * - RevopsBridge is what the preload exposes as `window.revops`: untyped on purpose (it is a trust
 *   boundary, main re-validates everything) and it returns InvokeResult envelopes instead of throwing,
 *   because Electron flattens errors thrown across IPC into a message string.
 */
import type { EventName, InvokeChannel } from './channels';
import type { InvokeResult } from './errors';
import type { EventPayload } from './events';
import type { InvokeArgs, InvokeOutput } from './invoke';

export type Unsubscribe = () => void;

export type HostApi = {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeOutput<C>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): Unsubscribe;
};

export type RevopsBridge = {
  invoke(channel: string, input: unknown): Promise<InvokeResult<unknown>>;
  on(event: string, handler: (payload: unknown) => void): Unsubscribe;
};
