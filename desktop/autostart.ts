/**
 * Start at login on Linux, where Electron's app.setLoginItemSettings does nothing: an XDG
 * autostart entry (`$XDG_CONFIG_HOME/autostart/mamori.desktop`), written atomically and removed
 * when the setting is turned off. macOS and Windows use Electron's own login items.
 */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno } from '../node-shared/errno.js';
import { writeFileAtomic } from './settings-store.js';

export const AUTOSTART_FILE = 'mamori.desktop';

/** Desktop Entry quoting for an Exec argument (freedesktop.org Desktop Entry spec, "Exec key"). */
function quoteExecArg(arg: string): string {
  if (!/[\s"'\\`$<>|&;()*?#~=%]/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Mamori',
    'Comment=Security codes for online banking',
    `Exec=${command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface LinuxAutostartOptions {
  /** $XDG_CONFIG_HOME, or ~/.config. */
  configHome: string;
  /** What to run: the AppImage file ($APPIMAGE) when running from one, else the executable. */
  command: readonly string[];
}

export async function setLinuxAutostart(enabled: boolean, options: LinuxAutostartOptions): Promise<void> {
  const path = join(options.configHome, 'autostart', AUTOSTART_FILE);
  if (enabled) {
    await writeFileAtomic(path, autostartEntry(options.command));
    return;
  }
  await unlink(path).catch((error: unknown) => {
    if (!isErrno(error, 'ENOENT')) throw error;
  });
}
