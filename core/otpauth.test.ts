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

describe('messages about a bad link never quote the secret', () => {
  const other = base32Encode(Uint8Array.from({ length: 20 }, (_, i) => 200 - i));
  it.each([
    ['no "/" after the type', `otpauth://totp?secret=${key}&issuer=Bank`],
    ['a parameter name that is the key', `otpauth://totp/x?secret=${other}&${key}&${key}`],
    ['two links pasted as one (period)', `otpauth://totp/x?secret=${other}&period=30otpauth://totp/y?secret=${key}`],
    ['two links pasted as one (digits)', `otpauth://totp/x?secret=${other}&digits=6otpauth://totp/y?secret=${key}`],
    ['two links pasted as one (algorithm)', `otpauth://totp/x?secret=${other}&algorithm=SHA1otpauth://totp/y?secret=${key}`],
  ])('%s', (_what, link) => {
    const result = parseOtpauth(link);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message.toUpperCase();
    for (let i = 0; i + 6 <= key.length; i++) expect(message).not.toContain(key.slice(i, i + 6));
    expect(message.length).toBeLessThan(120);
  });

  it('still names a short, plain wrong value', () => {
    expect(parseOtpauth(`otpauth://totp/x?secret=${key}&digits=7`)).toEqual({ ok: false, message: 'Unsupported number of digits "7"; use 6 or 8.' });
    expect(parseOtpauth(`otpauth://totp/x?secret=${key}&algorithm=MD5`)).toMatchObject({ message: expect.stringContaining('"MD5"') });
    expect(parseOtpauth(`otpauth://foo/x?secret=${key}`)).toMatchObject({ message: expect.stringContaining('"foo"') });
    expect(parseOtpauth(`otpauth://totp/x?secret=${key}&digits=6&digits=8`)).toMatchObject({ message: 'The parameter "digits" appears twice.' });
  });
});

describe('the label: "Issuer:account"', () => {
  it('accepts a percent-encoded colon as the separator when there is no literal one', () => {
    expect(parseOtpauth(`otpauth://totp/ACME%20Co%3Ajohn@example.com?secret=${key}`)).toMatchObject({ ok: true, account: { issuer: 'ACME Co', label: 'john@example.com' } });
  });

  it('takes the literal colon as the separator, so encoded colons stay inside the names', () => {
    expect(parseOtpauth(`otpauth://totp/A%3AB:c%3Ad?secret=${key}`)).toMatchObject({ ok: true, account: { issuer: 'A:B', label: 'c:d' } });
    expect(parseOtpauth(`otpauth://totp/:alice%3Awork?secret=${key}`)).toMatchObject({ ok: true, account: { issuer: '', label: 'alice:work' } });
  });
});

describe('formatOtpauth', () => {
  const account = (issuer: string, label: string): OtpauthAccount => ({ secret: secret20, issuer, label, algorithm: 'SHA1', digits: 6, period: 30 });

  it.each<OtpauthAccount>([
    { secret: secret20, issuer: 'ACME Co', label: 'john@example.com', algorithm: 'SHA512', digits: 8, period: 60 },
    { secret: secret20, issuer: '', label: 'plain', algorithm: 'SHA1', digits: 6, period: 30 },
    { secret: secret20, issuer: '信用金庫', label: '山田 太郎', algorithm: 'SHA256', digits: 6, period: 30 },
    account('', 'alice:work'),
    account('A:B', 'alice'),
    account('A:B', 'c:d:e'),
    account('', ':leading colon'),
    account('Bank/Card', 'a/b'),
    account('100% Bank', '50%off %41'),
    account('Q&A', 'x&y=z'),
    account('Who?', 'why?#here'),
    account('Plus+Bank', 'a+b c'),
    account('Big Bank Co', 'spaced out name'),
    account('三井住友:銀行', 'やまだ:たろう'),
    account('', 'alice@example.com'),
  ])('round-trips issuer $issuer, label $label', (a) => {
    expect(parseOtpauth(formatOtpauth(a))).toEqual({ ok: true, account: a });
  });

  it('writes the Key Uri Format for ordinary names: a literal separator, "@" as is, the issuer parameter', () => {
    expect(formatOtpauth(account('Example', 'alice@example.com'))).toBe(`otpauth://totp/Example:alice@example.com?secret=${key}&issuer=Example&algorithm=SHA1&digits=6&period=30`);
    expect(formatOtpauth(account('', 'alice'))).toBe(`otpauth://totp/alice?secret=${key}&algorithm=SHA1&digits=6&period=30`);
    expect(formatOtpauth(account('ACME Co', 'a b'))).toMatch(/^otpauth:\/\/totp\/ACME%20Co:a%20b\?secret=[A-Z2-7]+&issuer=ACME%20Co&/);
  });

  it('encodes every colon inside the names, leaving exactly one literal colon', () => {
    const link = formatOtpauth(account('A:B', 'c:d'));
    expect(link).toMatch(/^otpauth:\/\/totp\/A%3AB:c%3Ad\?secret=[A-Z2-7]+&issuer=A%3AB&/);
    expect(link.slice('otpauth:'.length).split(':')).toHaveLength(2);
  });
});
