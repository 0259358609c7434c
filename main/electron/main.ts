/**
 * Electron main process: app lifecycle, single instance, the window, the menu, the log file, and the
 * contract over IPC through the same runtime (services + handler registry) as the headless host.
 * Data folder: REVOPS_DATA_DIR when set, else Electron's userData (the same folder the CLI uses).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow } from 'electron';
import { app } from 'electron';
import { PRODUCT_NAME, resolveDataDir } from '../config/data-dir';
import { createRuntime } from '../host/runtime';
import { warehouseUrlFor } from '../services/settings/secrets-env';
import { createKeychainStore } from './credentials-electron';
import { desktopCsp } from './csp';
import { pickFolder } from './folder-dialog';
import { chooseExportTarget } from './save-dialog';
import { bindIpc } from './ipc';
import { openLogFile } from './log-file';
import { installMenu } from './menu';
import { RENDERER_URL, registerRendererScheme, serveRenderer } from './renderer-protocol';
import { createMainWindow, hardenSession } from './window';
import { electronWorkerSpawner } from './worker-host-electron';

const here = dirname(fileURLToPath(import.meta.url));
// electron-vite sets this in `electron-vite dev`; a packaged app never loads a dev server.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

app.setName(PRODUCT_NAME);
// userData would otherwise follow package.json's `name` in development ("revops-workbench") and
// productName when packaged; pinning it to <appData>/RevOps Workbench keeps one folder for the desktop
// app and the CLI (main/config/data-dir.ts), and REVOPS_DATA_DIR overrides both.
app.setPath('userData', process.env.REVOPS_DATA_DIR?.trim() ? resolveDataDir() : join(app.getPath('appData'), PRODUCT_NAME));
registerRendererScheme();
// The rule files: packaged, electron-builder ships them as extraResources (<resources>/rules); in
// development the bundle runs from out/main, so main/services/decide/rule-files.ts's own guess (three
// folders up from its module) would miss the repository's rules/. REVOPS_RULES_DIR still wins.
process.env.REVOPS_RULES_DIR ??= app.isPackaged ? join(process.resourcesPath, 'rules') : join(app.getAppPath(), 'rules');

function isTrustedUrl(url: string): boolean {
  if (url.startsWith('app://renderer/')) return true;
  return devServerUrl !== undefined && url.startsWith(new URL(devServerUrl).origin + '/');
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logFile = openLogFile(dataDir);
  // Passwords live in the OS keychain (safeStorage); the warehouse is DATABASE_URL, else the settings'.
  const credentials = createKeychainStore(dataDir);
  const runtime = createRuntime({
    dataDir,
    databaseUrl: await warehouseUrlFor(dataDir, credentials),
    shell: 'electron',
    appVersion: app.getVersion(),
    logSink: (entry) => logFile.write(entry),
    credentials,
    // The embedding worker runs as a utilityProcess through the same worker host as under Node.
    spawnWorker: electronWorkerSpawner(),
    pickFolder,
    chooseExportTarget,
  });
  runtime.log('info', `${PRODUCT_NAME} ${app.getVersion()} starting; data folder ${dataDir}`);

  const csp = desktopCsp(devServerUrl);
  hardenSession(csp);
  serveRenderer(join(here, '../renderer'), csp);
  const unbind = bindIpc(runtime, isTrustedUrl);
  installMenu({ dataDir, logPath: logFile.path, isDev: !app.isPackaged });

  let win: BrowserWindow | null = null;
  const open = () => {
    win = createMainWindow({ preloadPath: join(here, '../preload/preload.cjs'), startUrl: devServerUrl ?? RENDERER_URL, isTrustedUrl, csp });
    win.on('closed', () => {
      win = null;
    });
  };
  open();

  app.on('second-instance', () => {
    if (!win) return open();
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (!win) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let shuttingDown = false;
  app.on('will-quit', (event) => {
    if (shuttingDown) return;
    // Close the warehouse cleanly (PGlite flushes on close) before the process exits.
    event.preventDefault();
    shuttingDown = true;
    unbind();
    runtime
      .close()
      .catch((err: unknown) => runtime.log('error', `Closing the warehouse failed: ${(err as Error).message}`))
      .finally(() => {
        void logFile.close().finally(() => app.quit());
      });
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another window already owns the data folder (and the embedded warehouse): it gets focused instead.
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      process.stderr.write(`RevOps Workbench failed to start: ${(err as Error).stack ?? String(err)}\n`);
      app.exit(1);
    });
}
