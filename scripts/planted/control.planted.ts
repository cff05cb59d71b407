import { expect, it } from 'vitest';

// The control: one pass and one chosen skip must give "1 passed, 0 failed, 1 skipped" and exit 0.
it('passes', () => expect(1 + 1).toBe(2));
it.skipIf(true)('chooses to skip', () => expect(1).toBe(2));
