/**
 * Test helper: makes a folder really unwritable for this process and proves it. root ignores permission
 * bits, so as root the folder is made immutable (`chattr +i`, ext4/xfs/btrfs); otherwise mode 0555.
 * The probe write must fail, so a test using this cannot pass on a folder that was writable after all.
 */
import { execFileSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function makeUnwritable(dir: string): Promise<() => Promise<void>> {
  let restore: () => Promise<void>;
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', dir]);
    restore = async () => {
      execFileSync('chattr', ['-i', dir]);
    };
  } else {
    await chmod(dir, 0o555);
    restore = () => chmod(dir, 0o755);
  }
  const probe = await writeFile(join(dir, '.probe'), 'x').then(() => 'written', (err: NodeJS.ErrnoException) => err.code ?? 'error');
  if (probe === 'written') {
    await restore();
    throw new Error(`makeUnwritable: ${dir} is still writable`);
  }
  return restore;
}
