/**
 * The remembered window position and size, electron-free: the glue passes the displays' work
 * areas; the rules (only restore a place that is still on a screen, keep the minimum size) are
 * tested in Node.
 */
import type { SettingsStore, WindowBounds } from './settings-store.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of the window must be on a screen for the saved place to be used: enough to grab it. */
const MIN_VISIBLE = { width: 80, height: 40 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * The saved bounds if the window would still be reachable on one of the current work areas
 * (a monitor may have been unplugged since), with the size kept within [min, work area];
 * undefined to let the OS place the window.
 */
export function restorableBounds(saved: WindowBounds | undefined, workAreas: readonly Rect[], min: { width: number; height: number }): WindowBounds | undefined {
  if (saved === undefined) return undefined;
  for (const area of workAreas) {
    // Only the top strip matters: that is where the window is dragged from.
    const top = overlap({ x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, MIN_VISIBLE.height) }, area);
    if (top.width < Math.min(MIN_VISIBLE.width, saved.width) || top.height < Math.min(MIN_VISIBLE.height, saved.height)) continue;
    return {
      x: saved.x,
      y: saved.y,
      width: Math.min(Math.max(saved.width, min.width), area.width),
      height: Math.min(Math.max(saved.height, min.height), area.height),
    };
  }
  return undefined;
}

/** Saves the window's bounds in the settings file (rounded: the file holds integers). */
export async function saveWindowBounds(store: SettingsStore, bounds: Rect): Promise<void> {
  const windowBounds: WindowBounds = {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.max(1, Math.round(bounds.width)),
    height: Math.max(1, Math.round(bounds.height)),
  };
  await store.update((settings) => ({ ...settings, preferences: { ...settings.preferences, windowBounds } }));
}
