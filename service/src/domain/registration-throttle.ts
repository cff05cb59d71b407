/**
 * How many registration attempts a relying party may make, and how often. Wrong codes at
 * registration do not count toward the credential's lockout: an unregistered credential has no
 * user the party could unlock it for, so counting them let anyone who can reach POST /v1/register
 * (a customer with one login at a bank) lock other people's credentials for good. Instead
 * attempts are counted per (party, user) and per (party, credential) in the database
 * (registration_throttle, migration 2), so the limits hold across restarts and across instances.
 *
 * A window opens at the first counted attempt and lasts `windowMs`; while it is open, attempts
 * beyond `max` are refused (HTTP 429 registration_throttled) without the code being checked, so
 * a correct code is refused too and the refusal says nothing about it. A successful registration
 * forgets both counts. Attempts are counted before their code is checked (a success gives its
 * slot back by clearing), so that N parallel attempts get N distinct counts and at most `max` of
 * them reach a code check: counting after the check would let a burst slip past a read of the
 * counter.
 */
import type { ThrottleCount, ThrottleKind } from '../storage/storage.js';

export interface ThrottleLimit {
  /** Attempts let through per window; the next ones are refused until the window closes. */
  readonly max: number;
  readonly windowMs: number;
}

export const REGISTRATION_LIMITS: Readonly<Record<ThrottleKind, ThrottleLimit>> = {
  // Per user: every registration attempt that does not register counts (wrong code, unknown,
  // expired or taken credential, malformed input), counted before anything is looked up, so a
  // throttled user learns nothing more. 10 is what a person gets at login before the lockout;
  // 15 minutes lets someone who fumbled finish in the same sitting, and caps one login at 960
  // attempts a day.
  user: { max: 10, windowMs: 15 * 60_000 },
  // Per credential, whoever names it: attempts that reach its code check. So that rotating user
  // names (many logins at one bank, or a faulty bank) guesses one credential's code no faster
  // than one user could: 960 guesses a day per relying party, each right with a chance of about
  // 3 in a million (the window holds 3 codes), about 0.3% a day. A lucky guess only attaches
  // someone else's token to the guesser's own account; it opens nothing. The price: a login at
  // a bank can keep a credential's registration *at that bank* paused by spending 10 wrong codes
  // every 15 minutes. That pauses, is audited, and never kills the credential.
  credential: { max: 10, windowMs: 15 * 60_000 },
};

/** This attempt's count (itself included) is beyond the limit: refuse it unchecked. */
export function overLimit(kind: ThrottleKind, count: ThrottleCount): boolean {
  return count.failures > REGISTRATION_LIMITS[kind].max;
}

/**
 * This attempt took the window's last slot: if it fails, the key is throttled from now on.
 * Exactly one attempt per window gets this count, so the throttle is audited once, like a lock.
 */
export function fillsLimit(kind: ThrottleKind, count: ThrottleCount): boolean {
  return count.failures === REGISTRATION_LIMITS[kind].max;
}

/** Whole seconds until the window closes (at least 1, at most one window even across skewed instance clocks). */
export function retryAfterSeconds(kind: ThrottleKind, count: ThrottleCount, now: number): number {
  const { windowMs } = REGISTRATION_LIMITS[kind];
  const remaining = Math.min(windowMs, count.windowStart + windowMs - now);
  return Math.max(1, Math.ceil(remaining / 1000));
}
