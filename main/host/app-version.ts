// The one place the app reads its own name and version (bundled into main by electron-vite, read by tsx in dev).
import packageJson from '../../package.json' with { type: 'json' };

export const APP_NAME = 'RevOps Workbench';
export const APP_VERSION: string = packageJson.version;
