import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errnoOf, isErrno } from './errno.js';

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('errnoOf', () => {
  it('reads the code of a system error', () => {
    const error = failure(() => readFileSync('/nonexistent/mamori'));
    expect(errnoOf(error)).toBe('ENOENT');
    expect(isErrno(error, 'ENOENT')).toBe(true);
    expect(isErrno(error, 'EEXIST')).toBe(false);
  });

  it("says 'unknown error' for anything else", () => {
    expect(errnoOf(new Error('plain'))).toBe('unknown error');
    expect(errnoOf('ENOENT')).toBe('unknown error');
    expect(errnoOf(Object.assign(new Error('odd'), { code: 42 }))).toBe('unknown error');
  });
});
