/**
 * Reading a file the user named (an image for a QR code, a backup), only if it is a regular file
 * within a size limit: a multi-GB file or a FIFO must not stall the app's main process or the CLI.
 * The app and the CLI each word the failure their own way from `reason`.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { errnoOf } from '../node-shared/errno.js';

export type FileReadReason = 'unreadable' | 'folder' | 'not_a_file' | 'too_large';

export class FileReadError extends Error {
  readonly reason: FileReadReason;
  /** The system error code for `unreadable` (ENOENT, EACCES, ...). */
  readonly errno: string;
  /** The size limit the file was read against, in bytes (for the words of `too_large`). */
  readonly limit: number;
  constructor(reason: FileReadReason, limit: number, errno = '', options?: { cause?: unknown }) {
    super(reason === 'unreadable' ? `The file could not be read (${errno}).` : reason === 'too_large' ? 'The file is too large.' : 'That is not a file.', options);
    this.name = 'FileReadError';
    this.reason = reason;
    this.limit = limit;
    this.errno = errno;
  }
}

export async function readFileWithin(path: string, limit: number): Promise<Uint8Array> {
  const unreadable = (error: unknown): never => {
    throw new FileReadError('unreadable', limit, errnoOf(error), { cause: error });
  };
  // O_NONBLOCK: opening a FIFO must not wait for a writer (0 where the OS has no such flag).
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(unreadable);
  try {
    const info = await handle.stat().catch(unreadable);
    if (info.isDirectory()) throw new FileReadError('folder', limit);
    if (!info.isFile()) throw new FileReadError('not_a_file', limit);
    if (info.size > limit) throw new FileReadError('too_large', limit);
    const bytes = new Uint8Array(info.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at).catch(unreadable);
      if (bytesRead === 0) break; // the file shrank meanwhile: take what is there
      at += bytesRead;
    }
    return bytes.subarray(0, at);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
