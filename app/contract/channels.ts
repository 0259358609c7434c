/**
 * Contract channel names as plain data (no zod), so the sandboxed preload can bundle them for free.
 *
 * Invariants:
 * - Names are `feature:verb`: lower-case words joined by '-', one ':' (CHANNEL_NAME_PATTERN).
 * - Every invoke channel has exactly one entry in invoke.ts and every event one entry in events.ts;
 *   the `satisfies` clauses there make a missing or extra entry a type error.
 * - Renaming a channel breaks the renderer, the preload and the CLI at once: add channels, don't rename them.
 */

export const CHANNEL_NAME_PATTERN = /^[a-z][a-z-]*:[a-z][a-z-]*$/;

export const INVOKE_CHANNELS = ['app:info', 'warehouse:status', 'sources:status', 'sync:run', 'sync:cancel', 'sync:jobs', 'decision:list', 'decision:explain', 'decision:set', 'rules:active', 'match:candidates', 'match:choose', 'offline:status', 'offline:sync', 'offline:resolve', 'settings:get', 'settings:set', 'settings:test-connection', 'settings:pick-folder', 'model:detect', 'dashboard:summary', 'pipeline:run', 'pipeline:cancel', 'pipeline:status', 'export:decisions', 'cost:accounts', 'cost:query', 'cost:drill', 'cost:movers', 'cost:pod-realized', 'cost:export'] as const;
export const EVENT_NAMES = ['app:log', 'sync:progress', 'offline:changed', 'pipeline:progress'] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
