/**
 * The sandboxed preload: exposes `window.revops` (RevopsBridge) with invoke/on for contract channels
 * only, and strips the Electron event object so the renderer never holds IPC internals.
 * Invariant: keep this tiny and dependency-free (it is bundled alone, as CommonJS, for the sandbox);
 * main validates every input again, this is only the first gate.
 */
import type { IpcRendererEvent } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';
import type { InvokeResult } from '../../app/contract/errors';
import type { RevopsBridge } from '../../app/contract/host-api';
import { isEventName, isInvokeChannel } from '../../app/contract/channels';

const bridge: RevopsBridge = {
  invoke(channel, input) {
    if (!isInvokeChannel(channel)) {
      const refused: InvokeResult<unknown> = { ok: false, error: { code: 'unknown_channel', message: `Unknown channel '${channel}'.` } };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(channel, input) as Promise<InvokeResult<unknown>>;
  },
  on(event, handler) {
    if (!isEventName(event)) throw new Error(`Unknown event '${event}'.`);
    const listener = (_event: IpcRendererEvent, payload: unknown) => handler(payload);
    ipcRenderer.on(event, listener);
    return () => {
      ipcRenderer.removeListener(event, listener);
    };
  },
};

contextBridge.exposeInMainWorld('revops', bridge);
