/**
 * Standard base64 (RFC 4648 §4) with padding, and tolerant decoding of the URL-safe alphabet
 * (§5) and of missing padding, which Google Authenticator export links use. Written here
 * because core may not use Node's Buffer or the DOM's atob.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));
VALUES.set('-', 62);
VALUES.set('_', 63);

export class Base64Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Base64Error';
  }
}

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

/** Decode base64 or base64url, padded or not; whitespace is ignored. Throws Base64Error. */
export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const body = clean.replace(/=+$/, '');
  if (clean.length - body.length > 2) throw new Base64Error('Too much base64 padding.');
  if (body.length % 4 === 1) throw new Base64Error('The base64 text has an impossible length.');
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of body) {
    const v = VALUES.get(char);
    if (v === undefined) throw new Base64Error(`"${char}" is not a base64 character.`);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, otherwise the text was not produced by an encoder.
  if ((value & ((1 << bits) - 1)) !== 0) throw new Base64Error('The base64 text has stray trailing bits.');
  return out;
}
