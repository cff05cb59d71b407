/**
 * Test support: make a folder refuse new files, as a read-only or full disk would. Root ignores
 * permission bits, so as root the folder is made immutable (chattr +i) instead.
 * Returns the undo function, or null when neither works on this machine.
 */
import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function makeReadOnly(dir: string): Promise<(() => Promise<void>) | null> {
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o500);
    return () => chmod(dir, 0o700);
  }
  try {
    await run('chattr', ['+i', dir]);
  } catch {
    return null;
  }
  return async () => {
    await run('chattr', ['-i', dir]);
  };
}
