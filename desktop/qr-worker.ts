/**
 * Worker thread entry for decodeQrImageOffThread (qr-offthread.ts). Reading a large noisy image
 * can take seconds of pure computation; here it runs on its own thread so the main process stays
 * free for IPC, the codes in the window and the tray. One worker reads one image.
 *
 * Protocol: the worker posts `{ ready: true }` once its modules have loaded (so the caller can
 * tell "could not start" from "failed while reading"), then reads the one Uint8Array it is sent
 * and posts back a QrWorkerReply.
 */
import { parentPort } from 'node:worker_threads';
import { decodeQrImage, QrError, type QrErrorReason } from './qr.js';

export type QrWorkerReply =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: QrErrorReason; readonly message: string }
  /** Anything but a QrError: no message, since it could carry internal details. */
  | { readonly ok: false; readonly reason: 'internal' };

export type QrWorkerMessage = { readonly ready: true } | QrWorkerReply;

function read(data: unknown): QrWorkerReply {
  try {
    if (!(data instanceof Uint8Array)) return { ok: false, reason: 'internal' };
    return { ok: true, text: decodeQrImage(data) };
  } catch (error) {
    if (error instanceof QrError) return { ok: false, reason: error.reason, message: error.message };
    return { ok: false, reason: 'internal' };
  }
}

const port = parentPort;
// Loaded any other way this module has nobody to answer; failing loudly beats hanging.
if (port === null) throw new Error('qr-worker must run as a worker thread');

port.once('message', (data: unknown) => {
  port.postMessage(read(data) satisfies QrWorkerMessage);
});
port.postMessage({ ready: true } satisfies QrWorkerMessage);
