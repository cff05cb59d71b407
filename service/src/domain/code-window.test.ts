import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { describe, expect, it } from 'vitest';
import { base32Encode } from '../../../core/base32.js';
import { hotp, totp } from '../../../core/totp.js';
import { skipForMissingTool } from '../../../scripts/test-support/missing-tool.js';
import { matchCode, MAX_DRIFT_STEPS } from './code-window.js';

const crypto = new NodeCryptoPlugin();
const params = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const rfcSecret = new TextEncoder().encode('12345678901234567890');

function hasOathtool(): boolean {
  try {
    execFileSync('oathtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('RFC vectors through the service code path', () => {
  it('RFC 4226 Appendix D: HOTP counters 0..9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(rfcSecret, counter, params, crypto))).toEqual(expected);
  });

  it('RFC 6238 Appendix B (SHA1, last 6 of the 8 digits) is matched at its own step with zero drift', () => {
    const vectors: [number, string][] = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
      [20000000000, '353130'],
    ];
    for (const [seconds, code] of vectors) {
      expect(totp(rfcSecret, seconds * 1000, params, crypto)).toBe(code);
      expect(matchCode(rfcSecret, code, seconds * 1000, 0, params, crypto)).toEqual({ step: Math.floor(seconds / 30), drift: 0 });
    }
  });
});

describe('matchCode window', () => {
  const now = 1_893_456_015_000; // mid-step
  const T = Math.floor(now / 30_000);
  const secret = randomBytes(20);
  const at = (k: number) => hotp(secret, T + k, params, crypto);

  it('accepts T-1, T, T+1 and learns the offset as drift', () => {
    expect(matchCode(secret, at(-1), now, 0, params, crypto)).toEqual({ step: T - 1, drift: -1 });
    expect(matchCode(secret, at(0), now, 0, params, crypto)).toEqual({ step: T, drift: 0 });
    expect(matchCode(secret, at(1), now, 0, params, crypto)).toEqual({ step: T + 1, drift: 1 });
  });

  it('refuses T-2 and T+2 without drift', () => {
    expect(matchCode(secret, at(-2), now, 0, params, crypto)).toBeNull();
    expect(matchCode(secret, at(2), now, 0, params, crypto)).toBeNull();
  });

  it('centres the window on the learned drift, capped at ±4 steps', () => {
    expect(matchCode(secret, at(3), now, 2, params, crypto)).toEqual({ step: T + 3, drift: 3 });
    expect(matchCode(secret, at(5), now, 4, params, crypto)).toEqual({ step: T + 5, drift: MAX_DRIFT_STEPS });
    // A stored drift beyond the cap is treated as the cap: T+7 stays out of reach.
    expect(matchCode(secret, at(7), now, 9, params, crypto)).toBeNull();
    expect(matchCode(secret, at(-5), now, -4, params, crypto)).toEqual({ step: T - 5, drift: -MAX_DRIFT_STEPS });
  });
});

describe('codes agree with oathtool', () => {
  // In CI a missing oathtool is a broken machine: the check runs and fails instead of skipping.
  const skip = skipForMissingTool(hasOathtool() ? null : 'oathtool is not installed (apt-get install oathtool)', 'the cross-check against oathtool');
  it.skipIf(skip)('core totp equals `oathtool --totp` for random secrets and times', () => {
    for (let i = 0; i < 8; i++) {
      const secret = randomBytes(20);
      const seconds = 1_600_000_000 + i * 12_345_679;
      const ours = totp(secret, seconds * 1000, params, crypto);
      const theirs = execFileSync('oathtool', ['--totp', '-b', base32Encode(secret), '-N', `@${seconds}`], { encoding: 'utf8' }).trim();
      expect(ours).toBe(theirs);
    }
  });
});
