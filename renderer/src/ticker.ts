/**
 * The one 1 Hz ticker every view shares. It only says "time moved"; views derive what they show
 * from the clock and `stepEndsAt` on each tick, never by counting ticks. Ticks are aligned to
 * whole seconds of the corrected clock (so the countdown flips when the code's second does) and
 * stop while the window is hidden, or when nobody listens.
 */
type Listener = () => void;

const listeners = new Set<Listener>();
let timer: ReturnType<typeof setTimeout> | undefined;
let offsetMs = 0;
/** Local clock (Date.now) at the last tick: the snapshot React reads between ticks. */
let lastTick = Date.now();
/** The local time the pending tick is meant for: a whole second of the corrected clock. */
let target = 0;

/** `from`: the moment to count from; a tick passes its own second so an early timer cannot repeat it. */
function schedule(from = Date.now()): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (listeners.size === 0 || document.hidden) return;
  const local = from;
  const intoSecond = (((local + offsetMs) % 1000) + 1000) % 1000;
  target = local + 1000 - intoSecond;
  timer = setTimeout(tick, target - Date.now());
}

function tick(): void {
  // A timer may fire a millisecond early; the tick still stands for the second it was set for.
  lastTick = Math.max(Date.now(), target);
  for (const listener of [...listeners]) listener();
  schedule(lastTick);
}

document.addEventListener('visibilitychange', () => {
  // Coming back: show the right second at once instead of the one from before hiding.
  if (!document.hidden && listeners.size > 0) {
    target = 0;
    tick();
  } else schedule();
});

export const ticker = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    if (listeners.size === 1) {
      lastTick = Date.now();
      schedule();
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) schedule();
    };
  },
  /** Local time of the last tick, in ms: stable between ticks, as useSyncExternalStore needs. */
  getSnapshot(): number {
    return lastTick;
  },
  /** Aligns ticks with whole seconds of the corrected clock (local + offset). */
  setOffset(ms: number): void {
    if (ms === offsetMs) return;
    offsetMs = ms;
    schedule();
  },
};
