/**
 * Codes per second: core `totp` (otplib + node:crypto plugin, as main and the service use it)
 * against a raw node:crypto HMAC TOTP written inline, in the same run. Target: ratio >= 0.9.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { totp } from '../core/totp.js';

function rawTotp(secret: Uint8Array, nowMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(nowMs / 30_000)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

const secrets = Array.from({ length: 64 }, () => randomBytes(20));
const crypto = new NodeCryptoPlugin();
const params = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

function measure(name: string, fn: (secret: Uint8Array, t: number) => string, ms = 2000): number {
  // Warm up so both sides are measured after JIT.
  for (let i = 0; i < 20_000; i++) fn(secrets[i & 63]!, 1_700_000_000_000 + i * 30_000);
  let n = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 1000; i++, n++) sink ^= fn(secrets[n & 63]!, 1_700_000_000_000 + n * 30_000).charCodeAt(0);
  }
  const perSecond = n / ((performance.now() - start) / 1000);
  console.log(`${name.padEnd(34)} ${Math.round(perSecond).toLocaleString('en')} codes/s (sink ${sink & 1})`);
  return perSecond;
}

// Same-code sanity check before timing anything.
for (let i = 0; i < 100; i++) {
  const t = 1_600_000_000_000 + i * 12_345_678;
  if (totp(secrets[i & 63]!, t, params, crypto) !== rawTotp(secrets[i & 63]!, t)) throw new Error('core and raw disagree');
}

const core = measure('core totp (otplib + node:crypto)', (s, t) => totp(s, t, params, crypto));
const raw = measure('raw node:crypto HMAC TOTP', rawTotp);
const ratio = core / raw;
console.log(`ratio core/raw: ${ratio.toFixed(2)} (target >= 0.90) ${ratio >= 0.9 ? 'OK' : 'BELOW TARGET'}`);
