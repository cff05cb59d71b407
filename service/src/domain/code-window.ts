/**
 * Which time step, if any, a typed code belongs to (RFC 6238 §5.2): steps T-1, T, T+1 around
 * the server's step T shifted by the credential's learned drift. Every candidate is computed
 * and compared in constant time, so the response time does not tell which step matched.
 */
import { timingSafeEqual } from 'node:crypto';
import { stepAt } from '../../../core/step.js';
import { hotp, type HmacPort } from '../../../core/totp.js';

/** Steps accepted either side of the expected one. */
export const WINDOW_STEPS = 1;
/** The learned drift never exceeds this many steps (±2 minutes at 30 s). */
export const MAX_DRIFT_STEPS = 4;
/** Consecutive failures that lock a credential. */
export const LOCK_THRESHOLD = 10;

export interface CodeParams {
  readonly algorithm: 'SHA1';
  readonly digits: 6;
  readonly period: 30;
}

export interface CodeMatch {
  readonly step: number;
  /** The drift to remember: the matched step relative to the server's step, capped. */
  readonly drift: number;
}

/** `code` must already be normalized (exactly `digits` ASCII digits). */
export function matchCode(
  secret: Uint8Array,
  code: string,
  nowMs: number,
  drift: number,
  params: CodeParams,
  crypto: HmacPort,
): CodeMatch | null {
  const serverStep = stepAt(nowMs, params.period);
  const centre = serverStep + clampDrift(drift);
  const typed = Buffer.from(code, 'latin1');
  let matched = -1;
  for (let step = centre - WINDOW_STEPS; step <= centre + WINDOW_STEPS; step++) {
    if (step < 0) continue;
    const expected = Buffer.from(hotp(secret, step, params, crypto), 'latin1');
    // No early exit: all candidates cost the same whether or not one matched.
    if (expected.length === typed.length && timingSafeEqual(expected, typed) && matched < 0) matched = step;
  }
  return matched < 0 ? null : { step: matched, drift: clampDrift(matched - serverStep) };
}

function clampDrift(drift: number): number {
  return Math.max(-MAX_DRIFT_STEPS, Math.min(MAX_DRIFT_STEPS, drift));
}
