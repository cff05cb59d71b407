import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { describe, expect, it } from 'vitest';
import { skipForMissingTool } from '../scripts/test-support/missing-tool.js';
import { base32Encode } from './base32.js';
import { hotp, SecretLengthError, totp, type Digits, type HashAlgorithm, type Period } from './totp.js';

const ascii = (s: string) => new TextEncoder().encode(s);

// RFC 6238 Appendix B: the seeds are the ASCII strings repeated to the hash's block-ish length.
const seeds: Record<HashAlgorithm, Uint8Array> = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

const rfc6238: ReadonlyArray<[number, string, string, string]> = [
  // unix seconds, SHA1, SHA256, SHA512 (8 digits, 30 s)
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

// RFC 4226 Appendix D: HOTP for counters 0..9 with the SHA1 seed, 6 digits.
const rfc4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

const cryptos = [
  ['noble (default)', undefined],
  ['node:crypto', new NodeCryptoPlugin()],
] as const;

describe.each(cryptos)('TOTP/HOTP with %s', (_name, crypto) => {
  it.each(rfc6238)('RFC 6238 Appendix B at %i s', (seconds, sha1, sha256, sha512) => {
    const expected: Record<HashAlgorithm, string> = { SHA1: sha1, SHA256: sha256, SHA512: sha512 };
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
      expect(totp(seeds[algorithm], seconds * 1000, { algorithm, digits: 8, period: 30 }, crypto)).toBe(expected[algorithm]);
    }
  });

  it('RFC 4226 Appendix D, counters 0-9', () => {
    const codes = rfc4226.map((_, counter) => hotp(seeds.SHA1, counter, { algorithm: 'SHA1', digits: 6 }, crypto));
    expect(codes).toEqual(rfc4226);
  });
});

describe('secrets', () => {
  it('accepts a real-world 10-byte secret', () => {
    const code = totp(new Uint8Array(10).fill(7), 1_700_000_000_000, { algorithm: 'SHA1', digits: 6, period: 30 });
    expect(code).toMatch(/^\d{6}$/);
  });

  it('refuses a 9-byte secret with a clear error', () => {
    expect(() => totp(new Uint8Array(9), 0, { algorithm: 'SHA1', digits: 6, period: 30 })).toThrow(SecretLengthError);
  });

  it('the time is in milliseconds: a code changes exactly at the step boundary', () => {
    const secret = seeds.SHA1;
    const params = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
    const boundary = 1_700_000_010_000; // a multiple of 30 s
    expect(boundary % 30_000).toBe(0);
    expect(totp(secret, boundary - 1, params)).toBe(hotp(secret, boundary / 30_000 - 1, params));
    expect(totp(secret, boundary, params)).toBe(hotp(secret, boundary / 30_000, params));
  });
});

describe('against Debian oathtool (an independent implementation)', () => {
  const hasOathtool = (() => {
    try {
      execFileSync('oathtool', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  // In CI a missing oathtool is a broken machine, not a reason to skip the independent check.
  it.skipIf(skipForMissingTool(hasOathtool ? null : 'oathtool is not installed (apt-get install oathtool)', 'the cross-check against oathtool'))('200 random secrets, times, algorithms, digits and periods agree', () => {
    const crypto = new NodeCryptoPlugin();
    const mismatches: string[] = [];
    for (let i = 0; i < 200; i++) {
      const secret = randomBytes(randomInt(10, 65));
      const algorithm = (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3] as HashAlgorithm;
      const digits: Digits = i % 2 === 0 ? 6 : 8;
      const period: Period = i % 5 === 0 ? 60 : 30;
      const seconds = randomInt(0, 2 ** 32);
      const ours = totp(secret, seconds * 1000, { algorithm, digits, period }, crypto);
      const theirs = execFileSync('oathtool', [
        '--totp=' + algorithm.toLowerCase(),
        '--base32',
        `--digits=${digits}`,
        `--time-step-size=${period}s`,
        `--now=@${seconds}`,
        base32Encode(secret),
      ])
        .toString()
        .trim();
      // Everything needed to reproduce a mismatch by hand with oathtool.
      if (ours !== theirs) mismatches.push(`${algorithm}/${digits}/${period} secret ${base32Encode(secret)} at ${seconds}: ${ours} vs ${theirs}`);
    }
    expect(mismatches).toEqual([]);
  });
});
