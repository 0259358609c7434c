/**
 * Chooses the HostApi once at start-up: the Electron bridge when the preload exposed one, else the
 * headless host that served this page. The rest of the renderer only ever sees `host()`.
 */
import type { HostApi, RevopsBridge } from '../../../app/contract';
import { createBrowserHost } from './browser';
import { createElectronHost } from './electron';
import { takeToken } from './token';

let current: HostApi | null = null;

declare global {
  // The preload's contextBridge exposure; absent in a plain browser.
  var revops: RevopsBridge | undefined;
}

export function initHost(): HostApi {
  if (globalThis.revops) current = createElectronHost(globalThis.revops);
  else current = createBrowserHost({ origin: window.location.origin, token: takeToken(window.location, window.history, window.sessionStorage) ?? '' });
  return current;
}

export function host(): HostApi {
  if (!current) throw new Error('initHost() must run before the app renders.');
  return current;
}
