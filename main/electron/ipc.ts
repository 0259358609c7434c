/**
 * Binds the contract to Electron IPC with the shared handler registry. One IPC channel per contract
 * channel (the preload allows contract names only); results travel as InvokeResult envelopes.
 * Invariant: only our own renderer (app://renderer or the dev server) may invoke; other frames get
 * `unauthorized`.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { BrowserWindow, ipcMain } from 'electron';
import type { InvokeResult } from '../../app/contract';
import { INVOKE_CHANNELS } from '../../app/contract/channels';
import type { Runtime } from '../host/runtime';

export function bindIpc(runtime: Runtime, isTrustedUrl: (url: string) => boolean): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<InvokeResult<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        runtime.log('warn', `Refused ${channel} from an untrusted frame (${url || 'unknown'})`);
        return { ok: false, error: { code: 'unauthorized', message: 'This frame may not use the app API.' } };
      }
      return runtime.handlers.invoke(channel, input);
    });
  }
  const unsubscribe = runtime.events.subscribe((envelope) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(envelope.event, envelope.payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
