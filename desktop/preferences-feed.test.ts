import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../electron/shared/contract.js';
import { createPreferencesFeed, type HostPreferences } from './preferences-feed.js';
import { createSettingsStore, SETTINGS_FILE } from './settings-store.js';

async function feedIn(dir?: string) {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'mamori-feed-')));
  const store = createSettingsStore(join(folder, SETTINGS_FILE));
  return { store, feed: createPreferencesFeed({ store, systemLocale: () => 'ja-JP', defaultServiceUrl: 'http://127.0.0.1:8787' }) };
}

describe('preferences feed', () => {
  it('reads the settings as the glue needs them, window place included', async () => {
    const { store, feed } = await feedIn();
    const windowBounds = { x: 10, y: 20, width: 380, height: 470 };
    await store.update((s) => ({ ...s, serviceUrl: 'https://token.example.jp', preferences: { ...s.preferences, alwaysOnTop: true, windowBounds } }));
    expect(await feed.read()).toEqual({
      language: 'ja',
      languagePreference: 'system',
      serviceUrl: 'https://token.example.jp',
      preferences: { ...DEFAULT_PREFERENCES, alwaysOnTop: true },
      windowBounds,
    });
  });

  it('goes on with the defaults when the settings file cannot be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mamori-feed-'));
    await writeFile(join(dir, SETTINGS_FILE), '{ not json');
    const { feed } = await feedIn(dir);
    expect(await feed.read()).toEqual({ language: 'ja', languagePreference: 'system', serviceUrl: 'http://127.0.0.1:8787', preferences: DEFAULT_PREFERENCES, windowBounds: undefined });
  });

  it('tells each subscriber about saved settings until it unsubscribes', async () => {
    const { store, feed } = await feedIn();
    const heard: HostPreferences[] = [];
    const stop = feed.subscribe((preferences) => heard.push(preferences));
    feed.announce(await store.update((s) => ({ ...s, language: 'en', preferences: { ...s.preferences, startAtLogin: true } })));
    stop();
    feed.announce(await store.update((s) => ({ ...s, language: 'ja' })));
    expect(heard.map((p) => [p.language, p.preferences.startAtLogin])).toEqual([['en', true]]);
  });
});
