import { beforeAll, describe, expect, it } from 'vitest';

// A world that fails to start (as a keychain that does not come up): its tests never run.
describe('a world that does not start', () => {
  beforeAll(() => {
    throw new Error('planted: the world did not start');
  });
  it('would check one thing', () => expect(1).toBe(1));
  it('would check another', () => expect(2).toBe(2));
});

it('passes outside it', () => expect(true).toBe(true));
