/**
 * Time-step arithmetic (RFC 6238 §4.2). Everything is in milliseconds on the caller's clock;
 * nothing here reads the clock itself.
 */

/** The TOTP counter T for a moment: floor(seconds since the epoch / period). */
export function stepAt(nowMs: number, periodSeconds: number): number {
  return Math.floor(nowMs / 1000 / periodSeconds);
}

/** When the step containing `nowMs` ends (the next code appears), in ms since the epoch. */
export function stepEndsAt(nowMs: number, periodSeconds: number): number {
  return (stepAt(nowMs, periodSeconds) + 1) * periodSeconds * 1000;
}

/**
 * Whole seconds left in the current step, as a countdown shows them: 30..1 for a 30 s period.
 * Rounded up so that the display reaches 1, never 0, before the code changes.
 */
export function secondsLeft(nowMs: number, endsAtMs: number): number {
  return Math.max(0, Math.ceil((endsAtMs - nowMs) / 1000));
}
