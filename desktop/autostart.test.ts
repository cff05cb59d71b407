import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTOSTART_FILE, autostartEntry, setLinuxAutostart } from './autostart.js';

describe('Linux autostart entry', () => {
  it('writes and removes an XDG autostart file', async () => {
    const configHome = await mkdtemp(join(tmpdir(), 'mamori-xdg-'));
    await setLinuxAutostart(true, { configHome, command: ['/opt/Mamori/mamori'] });
    const text = await readFile(join(configHome, 'autostart', AUTOSTART_FILE), 'utf8');
    expect(text).toContain('[Desktop Entry]\nType=Application\nName=Mamori\n');
    expect(text).toContain('Exec=/opt/Mamori/mamori\n');
    await setLinuxAutostart(false, { configHome, command: ['/opt/Mamori/mamori'] });
    expect(await readdir(join(configHome, 'autostart'))).toEqual([]);
    // Turning off twice is fine.
    await setLinuxAutostart(false, { configHome, command: [] });
  });

  it('quotes paths with spaces and reserved characters', () => {
    expect(autostartEntry(['/home/a b/Mamori 1.0.AppImage', '--hidden'])).toContain('Exec="/home/a b/Mamori 1.0.AppImage" --hidden\n');
    expect(autostartEntry(['/x/$HOME"%'])).toContain('Exec="/x/\\$HOME\\"%%"\n');
  });
});
