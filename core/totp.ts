/**
 * HOTP (RFC 4226) and TOTP (RFC 6238) over otplib.
 *
 * Time and crypto are parameters: `nowMs` comes from the caller's (corrected) clock, and the
 * HMAC backend is injected so that this module stays free of `node:*` imports. Main-side, CLI
 * and service code pass `nodeHmac` (node-shared/node-hmac.ts, about 4x faster than the pure-JS default).
 */
import { counterToBytes, dynamicTruncate, truncateDigits } from '@otplib/core';
import { NobleCryptoPlugin } from 'otplib';
import { stepAt } from './step.js';

/**
 * The HMAC this module needs; every otplib crypto plugin fits. Node programs pass a direct
 * `node:crypto` adapter (node-shared/node-hmac.ts): otplib's own node plugin re-validates the
 * algorithm name and copies the digest on every call, which cost a third of the throughput in
 * bench/core-totp.ts.
 */
export interface HmacPort {
  hmac(algorithm: 'sha1' | 'sha256' | 'sha512', key: Uint8Array, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';
export type Digits = 6 | 8;
export type Period = 30 | 60;

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

export interface HotpOptions {
  readonly algorithm: HashAlgorithm;
  readonly digits: Digits;
}

export interface TotpParams extends HotpOptions {
  readonly period: Period;
}

/** Shortest secret we accept: 80 bits. RFC 4226 §4 asks for 128 but real services issue 10-byte secrets. */
export const MIN_SECRET_BYTES = 10;
/** Longest secret we accept; a guard against absurd input rather than a cryptographic limit. */
export const MAX_SECRET_BYTES = 128;

// Pure JS (noble-hashes): right for any runtime, about 4x slower than node:crypto.
const defaultCrypto: HmacPort = new NobleCryptoPlugin();

const otplibAlgorithm = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;
const MAX_COUNTER = Number.MAX_SAFE_INTEGER;

/** Thrown for a secret outside [MIN_SECRET_BYTES, MAX_SECRET_BYTES]. */
export class SecretLengthError extends Error {
  readonly length: number;
  constructor(length: number) {
    super(`A secret must be ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes long; this one has ${length}.`);
    this.name = 'SecretLengthError';
    this.length = length;
  }
}

function checkSecret(secret: Uint8Array): void {
  if (secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES) throw new SecretLengthError(secret.length);
}

/** RFC 4226 §5.3: the HOTP value for one counter, zero-padded to `digits`. */
export function hotp(secret: Uint8Array, counter: number, opts: HotpOptions, crypto: HmacPort = defaultCrypto): string {
  checkSecret(secret);
  if (!Number.isSafeInteger(counter) || counter < 0 || counter > MAX_COUNTER) throw new RangeError(`Invalid HOTP counter ${counter}`);
  // otplib's own primitives (RFC 4226 §5.3) around the plugin's HMAC. We skip otplib's
  // generateSync wrapper: its per-call option validation cost 60% of the time (bench/core-totp.ts)
  // and its guardrails refuse the 10-byte secrets real services issue.
  const mac = crypto.hmac(otplibAlgorithm[opts.algorithm], secret, counterToBytes(counter));
  if (mac instanceof Promise) throw new TypeError('hotp needs a synchronous crypto plugin (node:crypto or noble)');
  return truncateDigits(dynamicTruncate(mac), opts.digits);
}

/** RFC 6238 §4: HOTP with the counter T = floor(unix seconds / period), T0 = 0. */
export function totp(secret: Uint8Array, nowMs: number, params: TotpParams, crypto: HmacPort = defaultCrypto): string {
  return hotp(secret, stepAt(nowMs, params.period), params, crypto);
}
