/** The clock offset kept fresh while the app runs (desktop/clock-refresh.ts), stopped at quit. */
import { app } from 'electron';
import type { ClockKeeper } from '../../desktop/clock-offset.js';
import { startClockRefresh } from '../../desktop/clock-refresh.js';

/** `onMeasured`: a new offset was measured; the window hears about it. */
export function setupClockRefresh(clock: ClockKeeper, defaultServiceUrl: string, onMeasured: () => Promise<void>): void {
  const refresh = startClockRefresh(clock, defaultServiceUrl, onMeasured);
  app.on('before-quit', () => refresh.stop());
}
