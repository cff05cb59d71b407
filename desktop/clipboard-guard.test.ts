import { describe, expect, it } from 'vitest';
import { concealmentFormats, createClipboardGuard, type Scheduler, type SystemClipboard } from './clipboard-guard.js';

/** A clipboard that records every write with its formats. */
function recordingClipboard() {
  const writes: { text: string; formats: Record<string, Uint8Array> }[] = [];
  let text = '';
  let clears = 0;
  const port: SystemClipboard = {
    writeText(value, formats) {
      writes.push({ text: value, formats: { ...formats } });
      text = value;
    },
    readText: () => text,
    clear() {
      clears++;
      text = '';
    },
  };
  return {
    port,
    writes,
    get text() {
      return text;
    },
    /** The user copies something else in another program. */
    userCopies(value: string) {
      text = value;
    },
    get clears() {
      return clears;
    },
  };
}

/** Timers that fire only when the test moves the clock. */
function manualScheduler() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const scheduler: Scheduler = {
    schedule(callback, delayMs) {
      const id = nextId++;
      timers.set(id, { at: now + delayMs, callback });
      return id;
    },
    cancel(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    scheduler,
    get pending() {
      return timers.size;
    },
    async advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        timers.delete(id);
        timer.callback();
      }
      // Let the clear's awaited read and clear settle.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

const decode = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

describe('clipboard guard', () => {
  it('copies the text with the platform concealment formats in the same write', async () => {
    const clip = recordingClipboard();
    const time = manualScheduler();
    const guard = createClipboardGuard({ clipboard: clip.port, platform: 'linux', scheduler: time.scheduler });
    await guard.copy('082263', 30_000);
    expect(clip.text).toBe('082263');
    expect(clip.writes).toHaveLength(1);
    expect(Object.keys(clip.writes[0]!.formats)).toEqual(['x-kde-passwordManagerHint']);
    expect(decode(clip.writes[0]!.formats['x-kde-passwordManagerHint'])).toBe('secret');
  });

  it('clears after the delay, not a millisecond before', async () => {
    const clip = recordingClipboard();
    const time = manualScheduler();
    const guard = createClipboardGuard({ clipboard: clip.port, platform: 'linux', scheduler: time.scheduler });
    await guard.copy('082263', 30_000);
    await time.advance(29_999);
    expect(clip.text).toBe('082263');
    expect(clip.clears).toBe(0);
    await time.advance(1);
    expect(clip.text).toBe('');
    expect(clip.clears).toBe(1);
    expect(time.pending).toBe(0);
  });

  it('does not clear a value the user copied since', async () => {
    const clip = recordingClipboard();
    const time = manualScheduler();
    const guard = createClipboardGuard({ clipboard: clip.port, platform: 'linux', scheduler: time.scheduler });
    await guard.copy('082263', 30_000);
    clip.userCopies('my shopping list');
    await time.advance(30_000);
    expect(clip.text).toBe('my shopping list');
    expect(clip.clears).toBe(0);
  });

  it('a new copy restarts the delay and only the last value is cleared', async () => {
    const clip = recordingClipboard();
    const time = manualScheduler();
    const guard = createClipboardGuard({ clipboard: clip.port, platform: 'linux', scheduler: time.scheduler });
    await guard.copy('MAMO12345674', 30_000);
    await time.advance(20_000);
    await guard.copy('082263', 30_000);
    expect(time.pending).toBe(1);
    await time.advance(20_000); // 40 s after the first copy, 20 s after the second
    expect(clip.text).toBe('082263');
    await time.advance(10_000);
    expect(clip.text).toBe('');
    expect(clip.clears).toBe(1);
  });

  it('a delay of 0 never clears, not even at quit', async () => {
    const clip = recordingClipboard();
    const time = manualScheduler();
    const guard = createClipboardGuard({ clipboard: clip.port, platform: 'linux', scheduler: time.scheduler });
    await guard.copy('082263', 0);
    expect(time.pending).toBe(0);
    await time.advance(24 * 3600_000);
    await guard.clearIfOurs();
    expect(clip.text).toBe('082263');
    expect(clip.clears).toBe(0);
  });

  it('clearIfOurs (at quit) clears our pending copy at once, and the timer no longer fires', async () => {
    const clip = recordingClipboard();
    const time = manualScheduler();
    const guard = createClipboardGuard({ clipboard: clip.port, platform: 'darwin', scheduler: time.scheduler });
    await guard.copy('082263', 30_000);
    await guard.clearIfOurs();
    expect(clip.text).toBe('');
    expect(time.pending).toBe(0);
    clip.userCopies('later text');
    await time.advance(30_000);
    expect(clip.text).toBe('later text');
  });

  it('an unreadable clipboard is left alone', async () => {
    const clip = recordingClipboard();
    const time = manualScheduler();
    const port: SystemClipboard = {
      ...clip.port,
      readText: () => {
        throw new Error('clipboard owned by another process');
      },
    };
    const guard = createClipboardGuard({ clipboard: port, platform: 'linux', scheduler: time.scheduler });
    await guard.copy('082263', 30_000);
    await time.advance(30_000);
    expect(clip.clears).toBe(0);
  });

  it('uses the concealment formats of each platform', () => {
    const linux = concealmentFormats('linux');
    expect(Object.keys(linux)).toEqual(['x-kde-passwordManagerHint']);
    expect(decode(linux['x-kde-passwordManagerHint'])).toBe('secret');

    const windows = concealmentFormats('win32');
    expect(Object.keys(windows).sort()).toEqual(['CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard', 'ExcludeClipboardContentFromMonitorProcessing']);
    expect([...windows.CanIncludeInClipboardHistory!]).toEqual([0, 0, 0, 0]);
    expect([...windows.CanUploadToCloudClipboard!]).toEqual([0, 0, 0, 0]);

    expect(Object.keys(concealmentFormats('darwin'))).toEqual(['org.nspasteboard.ConcealedType']);
    // Elsewhere (e.g. FreeBSD) there is no convention: plain text only.
    expect(concealmentFormats('freebsd')).toEqual({});
  });

  it('writes the Windows and macOS formats along with the text', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const clip = recordingClipboard();
      const guard = createClipboardGuard({ clipboard: clip.port, platform, scheduler: manualScheduler().scheduler });
      await guard.copy('123456', 30_000);
      expect(Object.keys(clip.writes[0]!.formats).sort()).toEqual(Object.keys(concealmentFormats(platform)).sort());
    }
  });
});
