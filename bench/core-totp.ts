/**
 * Codes per second: core `totp` (otplib's RFC 4226 primitives + the node:crypto HMAC adapter that
 * main and the service use)
 * against a raw node:crypto HMAC TOTP written inline, in the same run. Target: ratio >= 0.9.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { totp } from '../core/totp.js';
import { nodeHmac } from '../node-shared/node-hmac.js';

function rawTotp(secret: Uint8Array, nowMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(nowMs / 30_000)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

const secrets = Array.from({ length: 64 }, () => randomBytes(20));
const params = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

type CodeFn = (secret: Uint8Array, t: number) => string;

/** Codes per second for one short burst. */
function burst(fn: CodeFn, ms: number): number {
  let n = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 1000; i++, n++) sink ^= fn(secrets[n & 63]!, 1_700_000_000_000 + n * 30_000).charCodeAt(0);
  }
  if (sink === -1) console.log('unreachable');
  return n / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Alternating bursts, so that a busy machine slows both sides alike; the figure reported is
 * the median of the per-round ratios, which a single slow burst cannot move.
 */
function compare(a: CodeFn, b: CodeFn, rounds = 15, ms = 250): { a: number; b: number; ratio: number } {
  for (let i = 0; i < 20_000; i++) {
    a(secrets[i & 63]!, i * 30_000);
    b(secrets[i & 63]!, i * 30_000);
  }
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const x = burst(a, ms);
    const y = burst(b, ms);
    as.push(x);
    bs.push(y);
    ratios.push(x / y);
  }
  return { a: median(as), b: median(bs), ratio: median(ratios) };
}

// Same-code sanity check before timing anything.
for (let i = 0; i < 100; i++) {
  const t = 1_600_000_000_000 + i * 12_345_678;
  if (totp(secrets[i & 63]!, t, params, nodeHmac) !== rawTotp(secrets[i & 63]!, t)) throw new Error('core and raw disagree');
}

const { a: core, b: raw, ratio } = compare((s, t) => totp(s, t, params, nodeHmac), rawTotp);
console.log(`core totp (otplib, node:crypto HMAC): ${Math.round(core).toLocaleString('en')} codes/s`);
console.log(`raw node:crypto HMAC TOTP:        ${Math.round(raw).toLocaleString('en')} codes/s`);
console.log(`ratio core/raw: ${ratio.toFixed(2)} (target >= 0.90) ${ratio >= 0.9 ? 'OK' : 'BELOW TARGET'}`);
