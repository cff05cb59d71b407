import { expect, it } from 'vitest';

it('is never collected', () => expect(1).toBe(1));

throw new Error('planted: the module fails to load');
