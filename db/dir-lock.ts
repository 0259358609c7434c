/**
 * An exclusive lock on a PGlite data directory.
 *
 * Why: PGlite is a single-process engine with no lock of its own; two PGlite instances (two processes,
 * or two opens in one process) writing one data directory corrupt it. The lock is a file created with
 * O_EXCL holding the owner's pid, placed beside the directory (`<dir>.lock`, not inside it, so the
 * engine's own files are untouched); a lock whose process is gone is stale and taken over.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type DirLock = { release(): Promise<void> };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockDir(dir: string, what: string): Promise<DirLock> {
  await mkdir(dirname(dir), { recursive: true });
  const file = `${dir.replace(/[\\/]+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        const who = pid === process.pid ? 'this process (opened twice?)' : `process ${pid}`;
        throw new Error(`The ${what} at ${dir} is in use by ${who}. Close the other RevOps Workbench first.`);
      }
      await rm(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Could not lock the ${what} at ${dir} (${file} keeps reappearing)`);
}
