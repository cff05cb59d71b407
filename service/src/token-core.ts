/**
 * The token core: what every front of the token service needs, opened once and outside any front.
 * The storage (the SQLite file in the data folder, or PostgreSQL) migrated, the master key proven
 * against the database, and the rules (domain/token-service.ts) over them. The HTTP app takes it
 * (start-service.ts), and so do the admin command (main.ts create-party) and, next, a RADIUS
 * front, without repeating the start-up or any rule.
 */
import { mkdirSync } from 'node:fs';
import { isValidPrefix } from '../../core/credential-id.js';
import { nodeHmac } from '../../node-shared/node-hmac.js';
import { SERVICE_DEFAULTS } from './config.js';
import { resolveMasterKey } from './domain/master-key.js';
import { createSecretBox } from './domain/secret-box.js';
import { createTokenService, type TokenService } from './domain/token-service.js';
import { StartupError } from './startup-error.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';

export interface TokenCoreOptions {
  /** The SQLite file's folder, and the default place of the master key file (created 0700). */
  dataDir: string;
  /** postgres://user:password@host:port/database: PostgreSQL instead of SQLite, so that several instances can serve one database. */
  databaseUrl?: string | undefined;
  /** PostgreSQL connections per instance. */
  databasePoolSize?: number;
  /** 32 bytes; else `<dataDir>/master.key` (created 0600 on the first start). */
  masterKey?: Uint8Array | undefined;
  /** ms since the epoch; an injected clock for tests only, never read from the environment. */
  now?: () => number;
  credentialPrefix?: string;
  /** Tests only: wrap the storage, e.g. to make every call yield as a network database would. */
  wrapStorage?: (storage: Storage) => Storage;
}

export interface TokenCore {
  /** The rules: provisioning, and the relying party's register / validate / unregister / unlock. */
  readonly tokens: TokenService;
  /** For what fronts do beside the rules: finding a relying party by its key, creating one. */
  readonly storage: Storage;
  /** The clock the rules run on; fronts count their own limits with it too. */
  readonly now: () => number;
  /** Closes the storage; safe to call more than once. */
  close(): Promise<void>;
}

/** Opens the storage, migrates it and proves the master key; on any failure closes what it opened and throws. */
export async function openTokenCore(options: TokenCoreOptions): Promise<TokenCore> {
  const now = options.now ?? Date.now;
  const credentialPrefix = options.credentialPrefix ?? SERVICE_DEFAULTS.credentialPrefix;
  if (!isValidPrefix(credentialPrefix)) throw new StartupError(`The credential prefix must be 4 capital letters A-Z, not "${credentialPrefix}".`);

  // 0700: the folder holds the database and, by default, the master key.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const raw = openStorage({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, poolSize: options.databasePoolSize ?? SERVICE_DEFAULTS.databasePoolSize });
  const storage = options.wrapStorage ? options.wrapStorage(raw) : raw;
  let masterKey: Uint8Array;
  try {
    await storage.migrate();
    masterKey = await resolveMasterKey({ explicit: options.masterKey, dataDir: options.dataDir, storage });
  } catch (error) {
    await storage.close();
    throw error;
  }

  const tokens = createTokenService({
    storage,
    secretBox: createSecretBox(masterKey),
    now,
    // node:crypto HMAC: about 4x faster than otplib's pure-JS default.
    crypto: nodeHmac,
    credentialPrefix,
  });
  let closing: Promise<void> | null = null;
  return {
    tokens,
    storage,
    now,
    close() {
      closing ??= storage.close();
      return closing;
    },
  };
}
