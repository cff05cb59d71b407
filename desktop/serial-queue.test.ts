import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue.js';

describe('serial queue', () => {
  it('starts each task only when the one before has settled, in the order given', async () => {
    const queue = createSerialQueue();
    const events: string[] = [];
    let release = () => {};
    const first = queue(async () => {
      events.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      events.push('first ends');
      return 1;
    });
    const second = queue(async () => {
      events.push('second starts');
      return 2;
    });
    await Promise.resolve();
    expect(events).toEqual(['first starts']);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(['first starts', 'first ends', 'second starts']);
  });

  it('passes a failure to its caller and goes on with the next task', async () => {
    const queue = createSerialQueue();
    const failed = queue(() => Promise.reject(new Error('no')));
    const next = queue(async () => 'next');
    await expect(failed).rejects.toThrow('no');
    expect(await next).toBe('next');
  });
});
