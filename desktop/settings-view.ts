/**
 * What the settings file means to a window and to the glue around it: the language (the
 * preference resolved against the OS locale), the token service to ask, and the desktop
 * preferences. The renderer's state (ipc/app-state.ts), the glue's preferences feed and the CLI
 * read them from here, so that none of them decides these differently.
 */
import { DEFAULT_PREFERENCES, type Language, type LanguagePreference, type Preferences } from '../electron/shared/contract.js';
import type { Settings } from './settings-store.js';

export function resolveLanguage(preference: Settings['language'], systemLocale: string): Language {
  if (preference !== 'system') return preference;
  return systemLocale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The preferences the renderer sees (window bounds stay in main). */
export function preferencesOf(settings: Settings | null): Preferences {
  if (settings === null) return { ...DEFAULT_PREFERENCES };
  const { closeToTray, startAtLogin, alwaysOnTop, clipboardClearSeconds } = settings.preferences;
  return { closeToTray, startAtLogin, alwaysOnTop, clipboardClearSeconds };
}

/**
 * The token service to ask: the one the settings name, else the program's configured default
 * (config.ts), where '' means that none is configured.
 */
export function serviceUrlOf(settings: Pick<Settings, 'serviceUrl'> | null, defaultServiceUrl: string): string {
  return settings?.serviceUrl ?? defaultServiceUrl;
}

export interface SettingsView {
  readonly language: Language;
  readonly languagePreference: LanguagePreference;
  readonly serviceUrl: string;
  readonly preferences: Preferences;
}

/** `settings` null: the file could not be read (corrupt), so the defaults apply. */
export function settingsView(settings: Settings | null, systemLocale: string, defaultServiceUrl: string): SettingsView {
  const preference = settings?.language ?? 'system';
  return {
    language: resolveLanguage(preference, systemLocale),
    languagePreference: preference,
    serviceUrl: serviceUrlOf(settings, defaultServiceUrl),
    preferences: preferencesOf(settings),
  };
}
