/**
 * The programmatic way to run the token service (used by `main.ts`, the demo and other parts'
 * tests): open the storage (the SQLite file in `dataDir`, or PostgreSQL when `databaseUrl` is
 * given), migrate, prove the master key, listen.
 */
import { mkdirSync } from 'node:fs';
import { isValidPrefix } from '../../core/credential-id.js';
import { buildApp, DEFAULTS } from './http/app.js';
import { resolveMasterKey } from './domain/master-key.js';
import type { RateLimit } from './http/rate-limiter.js';
import { createRelyingParty } from './domain/relying-parties.js';
import { StartupError } from './startup-error.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';

export interface StartServiceOptions {
  /** The SQLite file's folder, and the default place of the master key file. */
  dataDir: string;
  /**
   * postgres://user:password@host:port/database: use PostgreSQL instead of SQLite, so that
   * several instances can serve one database (main.ts: MAMORI_DATABASE_URL). Default: SQLite.
   */
  databaseUrl?: string;
  /** PostgreSQL connections per instance (default 10). */
  databasePoolSize?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 = an ephemeral port. */
  port?: number;
  /** Else MAMORI_MASTER_KEY, else `<dataDir>/master.key` (created 0600 on the first start). */
  masterKey?: Uint8Array;
  /** ms since the epoch; an injected clock for tests only, never read from the environment. */
  now?: () => number;
  credentialPrefix?: string;
  logger?: boolean;
  provisionRateLimit?: { max: number; windowMs: number };
  /** Requests per relying-party API key (default 60,000 a minute). */
  relyingPartyQuota?: { max: number; windowMs: number };
  /** Tests only: wrap the storage, e.g. to make every call yield as a network database would. */
  wrapStorage?: (storage: Storage) => Storage;
}

export interface RunningService {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  createRelyingParty(name: string): Promise<{ id: string; apiKey: string }>;
}

export async function startService(opts: StartServiceOptions): Promise<RunningService> {
  const now = opts.now ?? Date.now;
  const credentialPrefix = opts.credentialPrefix ?? DEFAULTS.credentialPrefix;
  if (!isValidPrefix(credentialPrefix)) throw new StartupError(`The credential prefix must be 4 capital letters A-Z, not "${credentialPrefix}".`);
  checkLimit('provisionRateLimit', opts.provisionRateLimit);
  checkLimit('relyingPartyQuota', opts.relyingPartyQuota);

  // 0700: the folder holds the database and, by default, the master key.
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const raw = openStorage({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, poolSize: opts.databasePoolSize });
  const storage = opts.wrapStorage ? opts.wrapStorage(raw) : raw;
  let app;
  try {
    await storage.migrate();
    const masterKey = await resolveMasterKey({ explicit: opts.masterKey, envValue: process.env.MAMORI_MASTER_KEY, dataDir: opts.dataDir, storage });
    app = buildApp({
      storage,
      masterKey,
      now,
      credentialPrefix,
      logger: opts.logger ?? false,
      provisionRateLimit: opts.provisionRateLimit ?? DEFAULTS.provisionRateLimit,
      relyingPartyQuota: opts.relyingPartyQuota ?? DEFAULTS.relyingPartyQuota,
      credentialLifetimeYears: DEFAULTS.credentialLifetimeYears,
      bodyLimit: DEFAULTS.bodyLimit,
    });
    await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  } catch (error) {
    await app?.close();
    await storage.close();
    throw error;
  }

  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The service is not listening on a TCP port.');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  const running = app;
  return {
    url: `http://${host}:${address.port}`,
    close() {
      closing ??= (async () => {
        await running.close();
        await storage.close();
      })();
      return closing;
    },
    createRelyingParty: (name) => createRelyingParty(storage, name, now),
  };
}

function checkLimit(name: string, limit: RateLimit | undefined): void {
  if (limit === undefined) return;
  if (!Number.isSafeInteger(limit.max) || limit.max < 1 || !Number.isSafeInteger(limit.windowMs) || limit.windowMs < 1)
    throw new StartupError(`${name} needs a positive integer max and windowMs.`);
}
