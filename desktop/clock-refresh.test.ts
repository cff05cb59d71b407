import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClockKeeper } from './clock-offset.js';
import { CLOCK_CHECK_MS, startClockRefresh } from './clock-refresh.js';

describe('clock refresh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks at once and then every CLOCK_CHECK_MS, tells the host only when an offset was measured, and stops', async () => {
    const answers = [true, false, true];
    const asked: string[] = [];
    const clock: ClockKeeper = {
      measure: () => Promise.reject(new Error('not used')),
      refreshIfDue: async (url) => (asked.push(url), answers.shift() ?? false),
    };
    let measured = 0;
    const refresh = startClockRefresh(clock, 'https://token.example.jp', async () => void measured++);
    await vi.advanceTimersByTimeAsync(0);
    expect([asked.length, measured]).toEqual([1, 1]);
    await vi.advanceTimersByTimeAsync(CLOCK_CHECK_MS);
    expect([asked.length, measured]).toEqual([2, 1]);
    await vi.advanceTimersByTimeAsync(CLOCK_CHECK_MS);
    expect([asked.length, measured]).toEqual([3, 2]);
    refresh.stop();
    await vi.advanceTimersByTimeAsync(CLOCK_CHECK_MS * 3);
    expect(asked).toEqual(['https://token.example.jp', 'https://token.example.jp', 'https://token.example.jp']);
  });
});
