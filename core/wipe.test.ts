import { describe, expect, it } from 'vitest';
import { wipe, withSecrets } from './wipe.js';

const secret = () => Uint8Array.of(1, 2, 3);
const zero = Uint8Array.of(0, 0, 0);

describe('wipe', () => {
  it('zeroes buffers given alone or in lists, skipping the missing ones', () => {
    const [a, b, c] = [secret(), secret(), secret()];
    wipe(a, [b, null], new Set([c, undefined]), null);
    expect([a, b, c]).toEqual([zero, zero, zero]);
  });
});

describe('withSecrets', () => {
  it('gives back what the function returns and zeroes afterwards', () => {
    const a = secret();
    expect(withSecrets(a, () => a.reduce((sum, byte) => sum + byte, 0))).toBe(6);
    expect(a).toEqual(zero);
  });

  it('zeroes when the function throws', () => {
    const a = secret();
    expect(() =>
      withSecrets([a], () => {
        throw new Error('failed');
      }),
    ).toThrow('failed');
    expect(a).toEqual(zero);
  });

  it('waits for a promise: the secret is intact while it runs and zeroed once it settles, either way', async () => {
    const a = secret();
    let seen: number[] = [];
    const done = withSecrets(a, async () => {
      await Promise.resolve();
      seen = [...a];
      return 'ok';
    });
    expect(a).toEqual(secret());
    expect(await done).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
    expect(a).toEqual(zero);

    const b = secret();
    await expect(withSecrets(b, () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(b).toEqual(zero);
  });
});
