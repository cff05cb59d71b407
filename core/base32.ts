/**
 * RFC 4648 §6 base32, as used by otpauth:// secrets. Decoding is forgiving about what people
 * paste (spaces, hyphens, lower case, missing padding) and strict about everything else.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export class Base32Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Base32Error';
  }
}

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Strip what humans add around a key: spaces, hyphens, '=' padding; fold to upper case. */
export function normalizeBase32(text: string): string {
  return text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
}

export function base32Decode(text: string): Uint8Array {
  const clean = normalizeBase32(text);
  if (clean.length === 0) throw new Base32Error('The key is empty.');
  // Lengths 1, 3 and 6 (mod 8) cannot come from whole bytes.
  if ([1, 3, 6].includes(clean.length % 8)) throw new Base32Error('The key has the wrong length; a character may be missing.');
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < clean.length; i++) {
    const value = ALPHABET.indexOf(clean.charAt(i));
    if (value < 0) throw new Base32Error(`The key contains "${clean.charAt(i)}", which is not a base32 letter (A-Z, 2-7).`);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}
