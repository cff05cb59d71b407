/**
 * Start at login, following the setting: Electron's login items on macOS and Windows, an XDG
 * autostart entry on Linux (desktop/autostart.ts), where Electron's login items do nothing.
 */
import { app } from 'electron';
import { setLinuxAutostart } from '../../desktop/autostart.js';
import type { DesktopConfig } from '../../desktop/config.js';
import type { HostPreferences, PreferencesFeed } from '../../desktop/preferences-feed.js';

async function applyStartAtLogin(enabled: boolean, config: DesktopConfig): Promise<void> {
  if (process.platform === 'linux') {
    // From an AppImage, start the AppImage file (the mounted executable path changes each run).
    const command = config.appImage !== undefined ? [config.appImage] : app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
    await setLinuxAutostart(enabled, { configHome: config.configHome, command });
  } else {
    app.setLoginItemSettings({ openAtLogin: enabled });
  }
}

export function setupLoginItem(config: DesktopConfig, preferences: PreferencesFeed, initial: HostPreferences): void {
  let enabled = initial.preferences.startAtLogin;
  // The login item follows the setting also when the OS list was edited behind our back.
  if (enabled) void applyStartAtLogin(true, config).catch(() => undefined);
  preferences.subscribe((changed) => {
    if (changed.preferences.startAtLogin === enabled) return;
    enabled = changed.preferences.startAtLogin;
    void applyStartAtLogin(enabled, config).catch((error: unknown) => console.error('Could not change start at login:', error));
  });
}
