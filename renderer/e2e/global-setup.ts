/**
 * Builds the renderer (out/renderer) when it is missing or older than its sources, so `npm run test:e2e`
 * always tests the current UI. The electron project needs the full electron-vite build instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((max, name) => (name === 'e2e' || name === 'node_modules' ? max : Math.max(max, newestMtime(join(path, name)))), s.mtimeMs);
}

function build(script: 'build:renderer' | 'build'): void {
  process.stderr.write(`[e2e] npm run ${script}\n`);
  execFileSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
}

// eslint-disable-next-line no-restricted-syntax -- Playwright loads globalSetup through its default export.
export default function globalSetup(): void {
  if (process.env.E2E_ELECTRON === '1') {
    build('build');
    return;
  }
  const built = join(root, 'out/renderer/index.html');
  const sources = ['renderer/src', 'renderer/index.html', 'renderer/vite.config.ts', 'app'].map((p) => join(root, p));
  const stale = !existsSync(built) || sources.some((p) => newestMtime(p) > statSync(built).mtimeMs);
  if (stale) build('build:renderer');
}
