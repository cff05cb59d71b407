import { expect, test } from '@playwright/test';

test('passes', () => expect(1).toBe(1));
test('chooses to skip', () => {
  test.skip(true, 'planted: a tool is missing here');
});
