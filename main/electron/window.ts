/**
 * The main window: sandboxed, context-isolated, no Node in the renderer, no navigation away from the
 * app, no new windows (external http(s) links open in the user's browser), no permissions granted.
 */
import { BrowserWindow, session, shell } from 'electron';

export type WindowOptions = { preloadPath: string; startUrl: string; isTrustedUrl: (url: string) => boolean; csp: string };

export function hardenSession(csp: string): void {
  // Responses from the dev server (http) get the CSP here; app:// responses set it themselves.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: opts.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!opts.isTrustedUrl(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(opts.startUrl);
  return win;
}
