/**
 * decodeQrImage on a worker thread. Decoding is synchronous and on a large noisy image with no
 * code it takes seconds (8-20 s for 2400×1600 noise in our measurements); on the Electron main
 * process that would freeze all IPC, the codes in the window and the tray. Each call gets its
 * own worker, which never outlives the call.
 */
import { Worker } from 'node:worker_threads';
import { decodeQrImage, QrError, type QrErrorReason } from './qr.js';
import type { QrWorkerReply } from './qr-worker.js';

export interface QrOffThreadOptions {
  /** How long the worker may take before it is stopped and the image reported unreadable. Default 20 s. */
  readonly timeoutMs?: number;
  /** Tests only: another worker module, e.g. one that cannot load, to exercise the fallback. */
  readonly workerUrl?: URL;
}

export const DEFAULT_QR_TIMEOUT_MS = 20_000;

// Tests (vitest, tsx) run this file as TypeScript, so the worker must be the .ts source with tsx
// loaded into its thread; the build (dist/desktop/*.js, which Electron loads) has the
// compiled .js next to this module and needs no loader.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './qr-worker.ts' : './qr-worker.js', import.meta.url);

function startWorker(url: URL): Worker {
  if (!FROM_SOURCE) return new Worker(url);
  // `execArgv: ['--import', 'tsx']` is not enough: Node 20 does not apply loader hooks from a
  // worker's execArgv to its modules (nodejs/node#47747; ERR_UNKNOWN_FILE_EXTENSION), which
  // would silently turn every test into a test of the fallback. So a bootstrap registers tsx in
  // the worker first ('tsx/esm/api' resolves from the working directory, as `--import tsx` would).
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

const TOO_SLOW = 'Reading the image took too long. Try a smaller or sharper image, such as a screenshot cropped to the QR code.';

/** Every QrErrorReason, so a reply from the worker is checked against the real list. */
const REASONS = { not_an_image: true, unsupported_image: true, image_too_large: true, no_qr_code: true } satisfies Record<QrErrorReason, true>;

let liveWorkers = 0;
let fallbacks = 0;

/**
 * Tests only: workers started here whose thread has not exited yet, and how many reads fell
 * back to the calling thread (a test could otherwise pass through the fallback unnoticed).
 */
export function qrOffThreadStats(): { readonly liveWorkers: number; readonly fallbacks: number } {
  return { liveWorkers, fallbacks };
}

type Outcome =
  | { readonly kind: 'reply'; readonly reply: QrWorkerReply }
  /** The worker never reported ready: its module could not be loaded or it exited at once. */
  | { readonly kind: 'unavailable' }
  /** The worker started but crashed, exited or answered nonsense while reading. */
  | { readonly kind: 'failed' }
  | { readonly kind: 'timeout' };

function isReady(message: unknown): boolean {
  return typeof message === 'object' && message !== null && 'ready' in message && message.ready === true;
}

function isReply(message: unknown): message is QrWorkerReply {
  if (typeof message !== 'object' || message === null || !('ok' in message)) return false;
  if (message.ok === true) return 'text' in message && typeof message.text === 'string';
  if (message.ok !== false || !('reason' in message) || typeof message.reason !== 'string') return false;
  if (message.reason === 'internal') return true;
  return Object.hasOwn(REASONS, message.reason) && 'message' in message && typeof message.message === 'string';
}

function runWorker(worker: Worker, bytes: Uint8Array, timeoutMs: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let started = false;
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    // Only the first outcome counts; later events (the exit that follows a reply) are no-ops.
    const settle = (outcome: Outcome): void => {
      clearTimeout(timer);
      resolve(outcome);
    };
    worker.on('message', (message: unknown) => {
      if (isReady(message)) started = true;
      else settle(isReply(message) ? { kind: 'reply', reply: message } : { kind: 'failed' });
    });
    // These listeners stay attached until the worker is gone: an 'error' event with no listener
    // would be thrown on the main process as an uncaught exception. Errors travel on another
    // channel than messages, so an error can arrive before the 'ready' sent ahead of it; only
    // 'exit', which Node emits after delivering every message left, tells whether it started.
    worker.on('error', () => {
      if (started) settle({ kind: 'failed' });
    });
    worker.on('messageerror', () => settle({ kind: 'failed' }));
    worker.on('exit', () => settle(started ? { kind: 'failed' } : { kind: 'unavailable' }));

    // A copy of our own to transfer (not clone) to the worker. Transferring the caller's buffer
    // instead would detach it under the caller, fail for pooled Buffers (untransferable) and
    // views on part of a buffer, and leave nothing to read here if the worker cannot start.
    const copy = new Uint8Array(bytes);
    worker.postMessage(copy, [copy.buffer]);
  });
}

/**
 * The text of the QR code in a PNG or JPEG image, read on a worker thread. Throws QrError as
 * decodeQrImage does, QrError('no_qr_code') when reading takes longer than `timeoutMs`, and a
 * plain Error without details if the worker crashes while reading.
 */
export async function decodeQrImageOffThread(bytes: Uint8Array, options: QrOffThreadOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_QR_TIMEOUT_MS;
  let worker: Worker;
  try {
    worker = startWorker(options.workerUrl ?? WORKER_URL);
  } catch {
    // See the fallback below.
    fallbacks++;
    return decodeQrImage(bytes);
  }
  liveWorkers++;
  worker.once('exit', () => liveWorkers--);

  let outcome: Outcome;
  try {
    outcome = await runWorker(worker, bytes, timeoutMs);
  } finally {
    // Stops a worker still reading (timeout) and waits for its thread to end, so no worker
    // outlives this call whatever happened.
    await worker.terminate();
  }

  switch (outcome.kind) {
    case 'reply':
      if (outcome.reply.ok) return outcome.reply.text;
      if (outcome.reply.reason === 'internal') throw new Error('Reading the QR code failed.');
      throw new QrError(outcome.reply.reason, outcome.reply.message);
    case 'unavailable':
      // Fallback: worker threads may be unable to load their module where we cannot test it
      // (e.g. from inside a packaged app.asar). Reading on this thread then is what the app did
      // before workers, so a broken worker setup never makes the feature worse than that. Only
      // a worker that never started gets here: a QrError, crash or timeout from a running worker
      // is an answer about the image, and reading it again here would freeze the main process.
      fallbacks++;
      return decodeQrImage(bytes);
    case 'failed':
      throw new Error('Reading the QR code failed.');
    case 'timeout':
      throw new QrError('no_qr_code', TOO_SLOW);
  }
}
