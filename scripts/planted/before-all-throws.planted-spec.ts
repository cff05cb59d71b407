import { expect, test } from '@playwright/test';

test.describe('a world that does not start', () => {
  test.beforeAll(() => {
    throw new Error('planted: the world did not start');
  });
  test('first', () => expect(1).toBe(1));
  test('second', () => expect(1).toBe(1));
});
