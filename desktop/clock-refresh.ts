/**
 * Keeping the clock offset fresh while a window is open: every 10 minutes (and once at start) the
 * clock keeper is asked whether a re-measure is due (it is every 6 h, see clock-offset.ts), and
 * the host hears when a new offset was measured, to show the window its corrected codes. The
 * Electron glue and the preview host both run it.
 */
import type { ClockKeeper } from './clock-offset.js';

/** How often to ask whether the offset is due for re-measuring. */
export const CLOCK_CHECK_MS = 10 * 60 * 1000;

export interface ClockRefresh {
  stop(): void;
}

export function startClockRefresh(clock: ClockKeeper, defaultServiceUrl: string, onMeasured: () => Promise<void>): ClockRefresh {
  const refresh = () =>
    void clock
      .refreshIfDue(defaultServiceUrl)
      .then((measured) => (measured ? onMeasured() : undefined))
      .catch(() => undefined);
  const timer = setInterval(refresh, CLOCK_CHECK_MS);
  // Never the reason a process stays alive: the host's own lifetime decides that.
  timer.unref();
  refresh();
  return { stop: () => clearInterval(timer) };
}
