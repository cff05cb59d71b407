/**
 * Fixed-window request counters (per IP for provisioning, per API key for relying parties).
 * In memory, so the limits are per service instance: with N instances behind a load balancer
 * a client gets up to N times the limit. That is acceptable for abuse limits (they bound the
 * cost, not a security property); one use and lockout never depend on these counters.
 */
export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

export type LimitDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

interface Window {
  start: number;
  count: number;
}

/** Beyond this many tracked keys, expired windows are swept so memory stays bounded. */
const SWEEP_AT = 10_000;

export class FixedWindowLimiter {
  readonly #limit: RateLimit;
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();

  constructor(limit: RateLimit, now: () => number) {
    this.#limit = limit;
    this.#now = now;
  }

  hit(key: string): LimitDecision {
    const now = this.#now();
    let w = this.#windows.get(key);
    if (w === undefined || now - w.start >= this.#limit.windowMs) {
      if (w === undefined && this.#windows.size >= SWEEP_AT) this.#sweep(now);
      w = { start: now, count: 0 };
      this.#windows.set(key, w);
    }
    w.count += 1;
    if (w.count <= this.#limit.max) return { ok: true };
    return { ok: false, retryAfterMs: w.start + this.#limit.windowMs - now };
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (now - w.start >= this.#limit.windowMs) this.#windows.delete(key);
  }
}
