import { afterAll, expect, it } from 'vitest';

afterAll(() => {
  throw new Error('planted: cleanup failed');
});

it('passes, then the cleanup throws', () => expect(1).toBe(1));
