/**
 * Writes a file completely or not at all: the content goes to a temporary file in the target folder
 * (same file system, so the final rename is atomic), is flushed to disk, and only then replaces the
 * target. Any failure removes the temporary file; the target keeps its previous content.
 *
 * Problems a user can fix are ExportTargetError (contract code bad_input) with one line saying what is
 * wrong and a hint saying what to do: a folder that does not exist or is not writable, a target that is a
 * folder, or a file open in another program — Excel and LibreOffice leave an owner/lock file next to a
 * workbook they have open (`~$name.xlsx`, `.~lock.name.xlsx#`), and on Windows the open file itself
 * refuses to be replaced (EBUSY / EPERM).
 */
import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export class ExportTargetError extends Error {
  override name = 'ExportTargetError';
  readonly contractCode = 'bad_input';
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

const exists = (p: string) => access(p, constants.F_OK).then(() => true, () => false);
const codeOf = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code ?? '';

/** The lock files office programs keep next to a document they have open. */
export function lockFilesOf(target: string): string[] {
  const dir = dirname(target);
  const name = basename(target);
  return [join(dir, `~$${name}`), join(dir, `.~lock.${name}#`)];
}

function openElsewhere(target: string): ExportTargetError {
  return new ExportTargetError(`${target} is open in another program (Excel, LibreOffice …) and cannot be replaced.`, 'Close it there and export again, or choose another file name.');
}

/** Maps a file-system error on `target` (or its folder) to a message a user can act on. */
export function targetError(err: unknown, target: string): Error {
  const dir = dirname(target);
  switch (codeOf(err)) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ExportTargetError(`Cannot write to the folder ${dir}: permission denied${codeOf(err) === 'EROFS' ? ' (read-only file system)' : ''}.`, 'Choose a folder you can write to (e.g. your Documents folder) or ask for write access.');
    case 'ENOENT':
    case 'ENOTDIR':
      return new ExportTargetError(`The folder ${dir} does not exist.`, 'Create it first or choose an existing folder.');
    case 'EISDIR':
      return new ExportTargetError(`${target} is a folder, not a file.`, 'Give a file name ending in .xlsx or .csv.');
    case 'EBUSY':
      return openElsewhere(target);
    case 'ENOSPC':
    case 'EDQUOT':
      return new ExportTargetError(`The disk holding ${dir} is full.`, 'Free some space or choose another folder.');
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}

/** Refuses before any work when the target cannot be replaced: a folder, or a file open elsewhere. */
async function checkTarget(target: string): Promise<void> {
  const st = await stat(target).catch(() => null);
  if (st?.isDirectory()) throw targetError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), target);
  for (const lock of lockFilesOf(target)) if (await exists(lock)) throw openElsewhere(target);
  if (st) {
    // Windows: a workbook open in Excel cannot be opened for writing (sharing violation)
    const fh = await open(target, 'r+').catch((err: unknown) => {
      const code = codeOf(err);
      if (code === 'EBUSY' || (process.platform === 'win32' && code === 'EPERM')) throw openElsewhere(target);
      if (code === 'EACCES' || code === 'EPERM') throw new ExportTargetError(`${target} is read-only.`, 'Choose another file name, or make the file writable.');
      throw targetError(err, target);
    });
    await fh.close();
  }
}

export type AtomicResult<T> = { value: T; bytes: number; path: string };

/**
 * Creates the temporary file (so an unwritable folder fails before any data is read), then runs `write`
 * on a stream into it and renames it over `target`. `write` must resolve only when it has finished
 * writing; the stream is ended here.
 */
export async function writeAtomically<T>(targetIn: string, write: (out: Writable) => Promise<T>): Promise<AtomicResult<T>> {
  const target = resolve(targetIn);
  await checkTarget(target);
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  // created here, empty, so an unwritable folder fails before `write` runs
  await open(tmp, 'wx', 0o644).then((fh) => fh.close(), (err: unknown) => {
    throw targetError(err, target);
  });
  let renamed = false;
  const out = createWriteStream(tmp, { flags: 'r+' });
  const closed = new Promise<void>((res) => out.once('close', () => res()));
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  void failed.catch(() => undefined);
  try {
    const value = await Promise.race([write(out), failed]);
    if (!out.writableEnded) out.end();
    await Promise.race([finished(out), failed]);
    await closed;
    // on disk before it replaces the target (a crash right after the rename must not leave an empty file)
    const fh = await open(tmp, 'r+');
    try {
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target).catch((err: unknown) => {
      const code = codeOf(err);
      // Windows refuses to replace a file another program holds open
      if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') throw openElsewhere(target);
      throw targetError(err, target);
    });
    renamed = true;
    return { value, bytes: (await stat(target)).size, path: target };
  } catch (err) {
    throw err instanceof ExportTargetError ? err : targetError(err, target);
  } finally {
    if (!renamed) {
      // the descriptor must be closed before the unlink (Windows cannot delete an open file)
      if (!out.closed) {
        out.destroy();
        await closed;
      }
      await unlink(tmp).catch(() => undefined);
    }
  }
}
