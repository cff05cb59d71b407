/**
 * The one window over its life: opened where it was last (if that place is still on a screen),
 * always on top as the settings say, hidden to the tray on close when the settings say so, its
 * place remembered on every close, shown again by a second start of Mamori or by the tray.
 */
import { app, screen, type BrowserWindow } from 'electron';
import type { HostPreferences, PreferencesFeed } from '../../desktop/preferences-feed.js';
import type { SettingsStore } from '../../desktop/settings-store.js';
import { restorableBounds, saveWindowBounds } from '../../desktop/window-state.js';
import type { EventChannel } from '../shared/contract.js';
import { createMainWindow, MIN_WINDOW_SIZE, type WindowPaths } from './window.js';

export interface AppWindow {
  /** The window while it is open (dialogs attach to it), else null. */
  current(): BrowserWindow | null;
  /** Shows the window, opening it again if it was closed, restoring it if minimised. */
  show(): void;
  /** Sends an event to the window, if it is open. */
  send(channel: EventChannel, payload: unknown): void;
}

export function setupWindow(paths: WindowPaths, store: SettingsStore, preferences: PreferencesFeed, initial: HostPreferences): AppWindow {
  let latest = initial;
  let quitting = false;
  let win: BrowserWindow | null = null;

  function open(): BrowserWindow {
    const workAreas = screen.getAllDisplays().map((display) => display.workArea);
    const created = createMainWindow(paths, { bounds: restorableBounds(initial.windowBounds, workAreas, MIN_WINDOW_SIZE), alwaysOnTop: latest.preferences.alwaysOnTop });
    created.on('close', (event) => {
      // Remember where the window was, whether it hides to the tray or closes for good.
      if (!created.isMinimized()) void saveWindowBounds(store, created.getNormalBounds()).catch(() => undefined);
      if (!quitting && latest.preferences.closeToTray) {
        event.preventDefault();
        created.hide();
      }
    });
    return created;
  }

  const current = () => (win && !win.isDestroyed() ? win : null);

  function show(): void {
    const shown = current() ?? open();
    win = shown;
    if (shown.isMinimized()) shown.restore();
    shown.show();
    shown.focus();
  }

  win = open();
  preferences.subscribe((changed) => {
    latest = changed;
    current()?.setAlwaysOnTop(changed.preferences.alwaysOnTop);
  });
  app.on('second-instance', show);
  app.on('before-quit', () => {
    quitting = true;
  });

  return {
    current,
    show,
    send(channel, payload) {
      current()?.webContents.send(channel, payload);
    },
  };
}
