/**
 * The preferences as the glue around a window needs them: always on top, start at login, close
 * to the tray, the language (for the tray's menu), the token service (whose site links may open)
 * and the remembered window place. Read from the settings file, and told to every subscriber
 * after the window changed a setting, so that a host follows the settings through the desktop
 * layer rather than through the renderer's state.
 */
import type { Settings, SettingsStore, WindowBounds } from './settings-store.js';
import { settingsView, type SettingsView } from './settings-view.js';

export interface HostPreferences extends SettingsView {
  readonly windowBounds: WindowBounds | undefined;
}

export type PreferencesListener = (preferences: HostPreferences) => void;

export interface PreferencesFeed {
  /** The preferences now; the defaults when the settings file cannot be read. */
  read(): Promise<HostPreferences>;
  /** `listener` hears every change from now on; the returned function stops that. */
  subscribe(listener: PreferencesListener): () => void;
  /** Tells the subscribers about settings just saved (the handler table calls it). */
  announce(settings: Settings): void;
}

export interface PreferencesDeps {
  readonly store: SettingsStore;
  readonly systemLocale: () => string;
  readonly defaultServiceUrl: string;
}

export function createPreferencesFeed(deps: PreferencesDeps): PreferencesFeed {
  const listeners = new Set<PreferencesListener>();
  const of = (settings: Settings | null): HostPreferences => ({
    ...settingsView(settings, deps.systemLocale(), deps.defaultServiceUrl),
    windowBounds: settings?.preferences.windowBounds,
  });

  return {
    async read() {
      // A settings file that cannot be read is the window's to explain; the glue goes on with the defaults.
      return of(await deps.store.read().catch(() => null));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    announce(settings) {
      const preferences = of(settings);
      for (const listener of listeners) listener(preferences);
    },
  };
}
