import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSettingsStore } from './settings-store.js';
import { restorableBounds, saveWindowBounds } from './window-state.js';

const MIN = { width: 320, height: 400 };
const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const rightMonitor = { x: 1440, y: 0, width: 1920, height: 1050 };

describe('window bounds', () => {
  it('restores a place that is on a screen', () => {
    const saved = { x: 100, y: 80, width: 380, height: 470 };
    expect(restorableBounds(saved, [laptop], MIN)).toEqual(saved);
    expect(restorableBounds({ ...saved, x: 2000 }, [laptop, rightMonitor], MIN)).toEqual({ ...saved, x: 2000 });
  });

  it('lets the OS place the window when its monitor is gone or nothing was saved', () => {
    expect(restorableBounds({ x: 2000, y: 80, width: 380, height: 470 }, [laptop], MIN)).toBeUndefined();
    // Only a sliver of the title bar would show: not reachable.
    expect(restorableBounds({ x: 1420, y: 80, width: 380, height: 470 }, [laptop], MIN)).toBeUndefined();
    expect(restorableBounds({ x: 100, y: -460, width: 380, height: 470 }, [laptop], MIN)).toBeUndefined();
    expect(restorableBounds(undefined, [laptop], MIN)).toBeUndefined();
  });

  it('keeps the size between the minimum and the screen', () => {
    expect(restorableBounds({ x: 10, y: 10, width: 100, height: 100 }, [laptop], MIN)).toEqual({ x: 10, y: 10, width: 320, height: 400 });
    expect(restorableBounds({ x: 10, y: 10, width: 5000, height: 5000 }, [laptop], MIN)).toEqual({ x: 10, y: 10, width: 1440, height: 870 });
  });

  it('saves rounded bounds in the settings file next to the other preferences', async () => {
    const store = createSettingsStore(join(await mkdtemp(join(tmpdir(), 'mamori-bounds-')), 'settings.json'));
    await saveWindowBounds(store, { x: 10.4, y: 20.6, width: 380, height: 470 });
    const settings = await store.read();
    expect(settings.preferences.windowBounds).toEqual({ x: 10, y: 21, width: 380, height: 470 });
    expect(settings.preferences.clipboardClearSeconds).toBe(30);
  });
});
