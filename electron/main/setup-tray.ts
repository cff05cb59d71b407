/** The tray icon (tray.ts), its menu in the language the settings resolve to. */
import type { HostPreferences, PreferencesFeed } from '../../desktop/preferences-feed.js';
import { createTray, type MamoriTray, type TrayActions } from './tray.js';

export function setupTray(iconPath: string, preferences: PreferencesFeed, initial: HostPreferences, actions: TrayActions): MamoriTray {
  const tray = createTray(iconPath, initial.language, actions);
  preferences.subscribe((changed) => tray.setLanguage(changed.language));
  return tray;
}
