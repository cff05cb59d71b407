import { expect, it } from 'vitest';

it('passes but leaves a rejection nobody awaits', () => {
  void Promise.reject(new Error('planted: unhandled rejection'));
  expect(1).toBe(1);
});
