/**
 * WAL checkpoints on a worker thread. SQLite normally checkpoints inside whichever commit
 * crosses 1,000 WAL pages, and that checkpoint's fsync (10-20 ms here) would stall the event
 * loop and every request waiting on it. Instead the main connection never checkpoints, and a
 * second connection on a worker thread runs a PASSIVE checkpoint (which never blocks writers)
 * a few times a second.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS run with eval, so it works the same from compiled JS, tsx and vitest.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: try next time */ }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  close(): Promise<void>;
}

/** `onFailure` runs if the worker dies, so the caller can fall back to in-line checkpoints. */
export function startWalCheckpointer(file: string, onFailure: () => void, intervalMs = 250): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  // Never keeps the process alive on its own.
  worker.unref();
  worker.once('error', onFailure);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async close() {
      // Keep the process alive until the worker has closed its connection.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
