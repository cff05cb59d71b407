import { describe, expect, it } from 'vitest';
import { base32Encode } from './base32.js';
import { formatOtpauth, parseOtpauth, type OtpauthAccount } from './otpauth.js';

const secret20 = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
const key = base32Encode(secret20);

describe('parseOtpauth', () => {
  it('reads a typical link with issuer in label and parameter', () => {
    const result = parseOtpauth(`otpauth://totp/ACME%20Co:john@example.com?secret=${key}&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60`);
    expect(result).toEqual({
      ok: true,
      account: { secret: secret20, issuer: 'ACME Co', label: 'john@example.com', algorithm: 'SHA256', digits: 8, period: 60 },
    });
  });

  it('applies the defaults SHA1, 6 digits, 30 s and accepts a lower-case spaced secret', () => {
    const spaced = key.toLowerCase().replace(/(.{4})/g, '$1 ');
    const result = parseOtpauth(`otpauth://totp/alice?secret=${encodeURIComponent(spaced)}`);
    expect(result).toMatchObject({ ok: true, account: { issuer: '', label: 'alice', algorithm: 'SHA1', digits: 6, period: 30 } });
  });

  it('accepts a 10-byte secret (as many real services issue)', () => {
    const result = parseOtpauth(`otpauth://totp/x?secret=${base32Encode(new Uint8Array(10).fill(9))}`);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['', /empty/],
    ['https://example.com', /otpauth:\/\//],
    [`otpauth://hotp/x?secret=${key}&counter=1`, /HOTP/],
    [`otpauth://foo/x?secret=${key}`, /Unknown link type/],
    ['otpauth://totp/x', /no secret/],
    ['otpauth://totp/x?secret=', /no secret/],
    ['otpauth://totp/x?secret=11111111', /not valid/],
    [`otpauth://totp/x?secret=${base32Encode(new Uint8Array(5))}`, /too short/],
    [`otpauth://totp/x?secret=${key}&algorithm=MD5`, /algorithm/],
    [`otpauth://totp/x?secret=${key}&digits=7`, /digits/],
    [`otpauth://totp/x?secret=${key}&period=45`, /period/],
    [`otpauth://totp/%E0%A4%A?secret=${key}`, /encoded/],
    [`otpauth://totp/x?secret=${key}&secret=${key}`, /twice/],
    [`otpauth://totp/x?secret=${key}&issuer=${'a'.repeat(300)}`, /too long/],
    ['otpauth://totp/x?secret=' + 'A'.repeat(5000), /too long/],
  ])('explains what is wrong with %j', (link, message) => {
    const result = parseOtpauth(link);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('formatOtpauth', () => {
  it.each<OtpauthAccount>([
    { secret: secret20, issuer: 'ACME Co', label: 'john@example.com', algorithm: 'SHA512', digits: 8, period: 60 },
    { secret: secret20, issuer: '', label: 'plain', algorithm: 'SHA1', digits: 6, period: 30 },
    { secret: secret20, issuer: '信用金庫', label: '山田 太郎', algorithm: 'SHA256', digits: 6, period: 30 },
  ])('round-trips $label', (account) => {
    expect(parseOtpauth(formatOtpauth(account))).toEqual({ ok: true, account });
  });
});
