#!/usr/bin/env node
// `npm run dist [-- <electron-builder args, e.g. --linux | --win | --mac>]`: the installable packages
// (electron-builder.yml: AppImage + deb, nsis, dmg) into release/. Needs internet on the building machine:
// electron-builder downloads Electron for the target, and the native modules need Electron's headers or
// prebuilds. Build each OS's packages on that OS (dmg only on macOS; nsis on Windows, or Linux with wine).
//
// Steps, in order:
//   1. electron-vite build                         → out/ (main + worker + migrations, preload, renderer)
//   2. electron-builder install-app-deps           → native modules (better-sqlite3) rebuilt for Electron's ABI
//   3. electron-builder --config electron-builder.yml --publish never -c.electronVersion=<installed> …
//   4. always, even after a failure: npm rebuild better-sqlite3 → the Node build back, so `npm test` works
// Native modules are rebuilt here and not in postinstall: a postinstall rebuild for Electron would break
// the plain-Node tests (architecture guide). onnxruntime-node is N-API: one binary serves Node and Electron.
//
// `--dry-run` prints the commands without running them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const builderArgs = args.filter((a) => a !== '--dry-run');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** The installed Electron's version (package.json of node_modules/electron), or null. */
function electronVersion() {
  const pkg = join(root, 'node_modules', 'electron', 'package.json');
  if (!existsSync(pkg)) return null;
  return JSON.parse(readFileSync(pkg, 'utf8')).version ?? null;
}

const version = electronVersion();
if (!version) {
  process.stderr.write('dist: Electron is not installed (node_modules/electron). On a machine with internet access run `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD, then `npm run dist`.\n');
  process.exit(1);
}

const steps = [
  { what: 'build (electron-vite)', cmd: bin('electron-vite'), args: ['build'] },
  { what: `rebuild native modules for Electron ${version}`, cmd: bin('electron-builder'), args: ['install-app-deps'] },
  { what: 'package (electron-builder)', cmd: bin('electron-builder'), args: ['--config', 'electron-builder.yml', '--publish', 'never', `-c.electronVersion=${version}`, ...builderArgs] },
];
const restore = { what: 'restore the Node build of the native modules', cmd: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: ['rebuild', 'better-sqlite3'] };

function run(step) {
  process.stderr.write(`dist: ${step.what}: ${[step.cmd.startsWith(root) ? step.cmd.slice(root.length) : step.cmd, ...step.args].join(' ')}\n`);
  if (dryRun) return 0;
  const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

let status = 0;
for (const step of steps) {
  status = run(step);
  if (status !== 0) {
    process.stderr.write(`dist: ${step.what} failed (exit ${status}).\n`);
    break;
  }
}
const restored = run(restore);
if (restored !== 0) process.stderr.write('dist: could not restore the Node build of better-sqlite3; run `npm rebuild better-sqlite3` before `npm test`.\n');
if (status === 0 && !dryRun) process.stderr.write(`dist: packages are in ${join(root, 'release')}\n`);
process.exit(status || restored);
