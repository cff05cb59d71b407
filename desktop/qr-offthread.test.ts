import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeQrImageOffThread, qrOffThreadStats } from './qr-offthread.js';
import { QrError } from './qr.js';

const LINK = 'otpauth://totp/ACME%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co';

/** Deterministic noise, so a failure reproduces (the same generator as qr.test.ts). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A 2400×1600 PNG of grey noise, slow to read since noise makes jsQR slow at full size. With
 * `withCode`, a small clean code near a corner, which the reduced copies scanned first lose, so
 * it is found at full size: about 1.5 s on one thread in our measurements. Without, the read
 * takes about 10 s and finds nothing.
 */
function slowPng(withCode: boolean): Uint8Array {
  const width = 2400;
  const height = 1600;
  const png = new PNG({ width, height });
  const rand = lcg(7);
  for (let i = 0; i < png.data.length; i += 4) {
    png.data.fill(Math.floor(rand() * 256), i, i + 3);
    png.data[i + 3] = 255;
  }
  if (!withCode) return PNG.sync.write(png);
  const modules = QRCode.create(LINK, { errorCorrectionLevel: 'M' }).modules;
  const scale = 2;
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * scale;
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const row = Math.floor(py / scale) - quiet;
      const col = Math.floor(px / scale) - quiet;
      const on = row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col) === 1;
      const at = ((1300 + py) * width + 2000 + px) * 4;
      png.data.fill(on ? 0 : 255, at, at + 3);
    }
  }
  return PNG.sync.write(png);
}

function blankPng(): Uint8Array {
  const png = new PNG({ width: 64, height: 64 });
  png.data.fill(255);
  return PNG.sync.write(png);
}

async function qrErrorOf(decoding: Promise<string>): Promise<QrError> {
  const error: unknown = await decoding.then(
    () => new Error('expected a QrError, got text'),
    (caught: unknown) => caught,
  );
  if (error instanceof QrError) return error;
  throw error;
}

/** A worker module given inline, to play a worker that starts and then misbehaves. */
function inlineWorker(source: string): URL {
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

describe('decodeQrImageOffThread', () => {
  // Every test but the fallback's must have read in a worker: the fallback gives the same
  // answers, so without this check a worker that never starts would go unnoticed.
  let fallbacksBefore = 0;
  let expectedFallbacks = 0;
  beforeEach(() => {
    fallbacksBefore = qrOffThreadStats().fallbacks;
    expectedFallbacks = 0;
  });
  afterEach(() => {
    expect(qrOffThreadStats().fallbacks - fallbacksBefore).toBe(expectedFallbacks);
    expect(qrOffThreadStats().liveWorkers).toBe(0);
  });

  it('reads the text of a PNG made by qrcode', async () => {
    expect(await decodeQrImageOffThread(await QRCode.toBuffer(LINK))).toBe(LINK);
  });

  it('passes on QrError reasons and messages from the worker', async () => {
    const text = await qrErrorOf(decodeQrImageOffThread(new TextEncoder().encode('just some text, not an image')));
    expect(text.reason).toBe('unsupported_image');
    expect(text.message).toMatch(/not a PNG or JPEG/);
    const blank = await qrErrorOf(decodeQrImageOffThread(blankPng()));
    expect(blank.reason).toBe('no_qr_code');
    expect(blank.message).toMatch(/No readable QR code/);
  });

  it('leaves the caller’s bytes intact (it transfers a copy)', async () => {
    const png = await QRCode.toBuffer(LINK);
    const before = Buffer.from(png);
    await decodeQrImageOffThread(png);
    expect(png.byteLength).toBe(before.byteLength);
    expect(png.equals(before)).toBe(true);
  });

  it('keeps the main thread responsive while a slow image is read', async () => {
    const png = slowPng(true);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = performance.now();
    try {
      expect(await decodeQrImageOffThread(png)).toBe(LINK);
    } finally {
      clearInterval(ticker);
    }
    const elapsed = performance.now() - started;
    // On the main thread this interval could not fire at all until the decode returned (0 ticks);
    // here it should fire about every 10 ms. A quarter of that leaves room for a busy machine.
    expect(elapsed).toBeGreaterThan(200);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 40));
  });

  it('stops a worker that takes too long and reports the image unreadable', async () => {
    const png = slowPng(false);
    const started = performance.now();
    // Long enough for the worker to start (~0.5 s with tsx) and be busy in jsQR when stopped.
    const error = await qrErrorOf(decodeQrImageOffThread(png, { timeoutMs: 1500 }));
    expect(error.reason).toBe('no_qr_code');
    expect(error.message).toMatch(/took too long/);
    // Well under the ~10 s the full read takes: the worker was stopped, not waited for.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(qrOffThreadStats().liveWorkers).toBe(0);
  });

  it('stops a worker that is still starting when the time is up', async () => {
    const error = await qrErrorOf(decodeQrImageOffThread(blankPng(), { timeoutMs: 1 }));
    expect(error.message).toMatch(/took too long/);
    expect(qrOffThreadStats().liveWorkers).toBe(0);
  });

  it('reads on the calling thread when the worker cannot start', async () => {
    const missing = new URL('./no-such-qr-worker.js', import.meta.url);
    expect(await decodeQrImageOffThread(await QRCode.toBuffer(LINK), { workerUrl: missing })).toBe(LINK);
    expect(await qrErrorOf(decodeQrImageOffThread(blankPng(), { workerUrl: missing }))).toMatchObject({ reason: 'no_qr_code' });
    expectedFallbacks = 2;
  });

  it('does not fall back once the worker has started', async () => {
    const png = await QRCode.toBuffer(LINK);
    // A QrError from a running worker is final, even though this thread could read the image.
    const answering = inlineWorker(`
      import { parentPort } from 'node:worker_threads';
      parentPort.once('message', () => parentPort.postMessage({ ok: false, reason: 'no_qr_code', message: 'from the worker' }));
      parentPort.postMessage({ ready: true });`);
    expect(await qrErrorOf(decodeQrImageOffThread(png, { workerUrl: answering }))).toMatchObject({ reason: 'no_qr_code', message: 'from the worker' });

    // A crash while reading is a plain failure without its details.
    const crashing = inlineWorker(`
      import { parentPort } from 'node:worker_threads';
      parentPort.once('message', () => { throw new Error('secret internal detail'); });
      parentPort.postMessage({ ready: true });`);
    const crash = await decodeQrImageOffThread(png, { workerUrl: crashing }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(crash).toBeInstanceOf(Error);
    expect(crash).not.toBeInstanceOf(QrError);
    expect(crash).toMatchObject({ message: expect.not.stringContaining('secret') });
  });
});
