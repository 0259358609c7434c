import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Electron derives userData from productName; the CLI and host use the same folder so they share one warehouse. */
export const PRODUCT_NAME = 'RevOps Workbench';

/**
 * The app's data folder: `REVOPS_DATA_DIR` when set, else the platform's per-user app data folder
 * (the same path Electron's `app.getPath('userData')` gives).
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.REVOPS_DATA_DIR?.trim();
  if (override) return resolve(override);
  const home = homedir();
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
  }
}
