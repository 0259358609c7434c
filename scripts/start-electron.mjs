#!/usr/bin/env node
// `npm start`: builds (electron-vite) and launches the desktop app where the Electron binary exists.
// Where it does not (Electron is an optionalDependency and its binary download may be impossible), it
// says so in one message and exits non-zero instead of failing with a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The npm package `electron` exports the binary's path, and throws when the binary was never downloaded. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (!electron) {
  process.stderr.write(
    'The Electron binary is not installed on this machine (it could not be downloaded). ' +
      'Run `npm run demo` to use the app in your browser, or reinstall with internet access: npm install electron\n',
  );
  process.exit(1);
}

// The package's exports map hides bin/, so resolve it beside its package.json.
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const env = { ...process.env };
// Set by some tools; it would make the binary behave as plain Node instead of starting the app.
delete env.ELECTRON_RUN_AS_NODE;
const app = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
