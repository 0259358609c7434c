/**
 * Packaging cannot run here (electron-builder downloads Electron), so its configuration is checked
 * offline: electron-builder's own schema accepts electron-builder.yml; the targets, the native modules
 * unpacked from asar, no model weights and no Electron copy in the app; `npm run dist` rebuilds the
 * native modules in the packaging script (in order, Node build restored) and never in an install hook.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

type BuilderYml = {
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: { from: string; to: string }[];
  linux: { target: string[]; maintainer?: string };
  win: { target: string[] };
  mac: { target: string[] };
};

describe('packaging (electron-builder.yml, npm run dist)', () => {
  it("electron-builder's own schema accepts the configuration", async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // and refuses a typo, so the check above means something
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, targets: ['AppImage'] } as never }, new DebugLogger(false))).rejects.toThrow(/does not match the API schema/);
  });

  it('targets Linux (AppImage, deb), Windows (nsis), macOS (dmg); native modules unpacked; no weights, no Electron inside', async () => {
    const y = parse(await readFile(resolve(root, 'electron-builder.yml'), 'utf8')) as BuilderYml;
    expect(y.linux.target).toEqual(['AppImage', 'deb']);
    expect(y.linux.maintainer).toBeTruthy();
    expect(y.win.target).toEqual(['nsis']);
    expect(y.mac.target).toEqual(['dmg']);
    expect(y.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/onnxruntime-node/**']));
    expect(y.files).toEqual(expect.arrayContaining(['out/**', '!resources/models/**', '!**/*.onnx', '!**/*.onnx_data', '!**/node_modules/electron/**']));
    // nothing under resources/models is shipped by any other route
    expect(y.files.filter((f) => !f.startsWith('!') && f.includes('resources'))).toEqual([]);
    expect(y.extraResources.map((r) => r.from)).toEqual(['rules']);
    // the packaging script rebuilds; electron-builder must not rebuild again (and leave Electron binaries in node_modules)
    expect(y.npmRebuild).toBe(false);
  });

  it('npm run dist = scripts/dist.mjs; no install hook rebuilds native modules', async () => {
    const pkg = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(pkg.scripts[hook] ?? '', hook).not.toMatch(/rebuild|install-app-deps|electron-builder/);
    }
  });

  it('dist.mjs builds, rebuilds for the installed Electron, packages with this file, then restores the Node build', async () => {
    const { stderr } = await run(process.execPath, [resolve(root, 'scripts/dist.mjs'), '--dry-run', '--linux'], { cwd: root });
    const electron = JSON.parse(await readFile(resolve(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
    expect(stderr.trim().split('\n')).toEqual([
      'dist: build (electron-vite): node_modules/.bin/electron-vite build',
      `dist: rebuild native modules for Electron ${electron.version}: node_modules/.bin/electron-builder install-app-deps`,
      `dist: package (electron-builder): node_modules/.bin/electron-builder --config electron-builder.yml --publish never -c.electronVersion=${electron.version} --linux`,
      'dist: restore the Node build of the native modules: npm rebuild better-sqlite3',
    ]);
  });
});
