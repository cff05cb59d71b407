/**
 * The token service's configuration, declared once: every environment variable the service
 * program reads, its default, its validation and its line in docs/deployment.md (whose table
 * config.test.ts keeps equal to `envTable(SERVICE_ENV)`). Only main.ts reads `process.env`,
 * through `readServiceConfig`; the token core and the HTTP front receive values. The
 * programmatic defaults (`SERVICE_DEFAULTS`, for `startService` and `openTokenCore` callers that
 * leave a setting out) come from the same declarations.
 */
import { resolve } from 'node:path';
import { isValidPrefix } from '../../core/credential-id.js';
import { ConfigError, envTable, integer, onOff, optional, plainText, readEnv, withDefault, type Environment } from '../../node-shared/env-config.js';
import { parseMasterKey } from './domain/master-key.js';
import type { RateLimit } from './http/rate-limiter.js';
import { isPostgresUrl } from './storage/postgres-storage.js';

const perMinute = (text: string, name: string): RateLimit => ({ max: integer(1, 1_000_000_000)(text, name), windowMs: 60_000 });

export const SERVICE_ENV = {
  dataDir: withDefault(
    'MAMORI_DATA_DIR',
    './.data/service',
    "the SQLite file's folder (created with mode 0700), and the default place of the master key file",
    (text, name) => resolve(plainText(text, name)),
  ),
  databaseUrl: optional(
    'MAMORI_DATABASE_URL',
    'SQLite in the data folder',
    '`postgres://user:password@host:port/database` to use PostgreSQL, for several instances over one database ([below](#several-instances-on-postgresql))',
    (text, name) => {
      // Never echoed: the URL carries the database password.
      if (!isPostgresUrl(text)) throw new ConfigError(`${name} must start with postgres:// or postgresql://; leave it unset for SQLite.`);
      return text;
    },
  ),
  databasePoolSize: withDefault('MAMORI_DATABASE_POOL_SIZE', '10', 'PostgreSQL connections per instance', integer(1, 1_000)),
  host: withDefault('MAMORI_HOST', '127.0.0.1', 'the address to listen on', plainText),
  port: withDefault('MAMORI_PORT', '8787', 'the port', integer(0, 65_535)),
  // Parsed here, so a malformed key stops the start before any storage is opened; never echoed.
  masterKey: optional('MAMORI_MASTER_KEY', '`<data dir>/master.key`', '64 hex digits or base64 of 32 bytes', parseMasterKey),
  credentialPrefix: withDefault('MAMORI_CREDENTIAL_PREFIX', 'MAMO', 'the 4 capital letters that start every credential ID', (text, name) => {
    if (!isValidPrefix(text)) throw new ConfigError(`${name} must be 4 capital letters A-Z, not "${text}".`);
    return text;
  }),
  logger: withDefault('MAMORI_LOG', '0', '`1` logs requests, `0` does not; bodies and the Authorization header are never logged', onOff),
  // A person needs one credential per device; 20 a minute per address stops scripted hoarding.
  provisionRateLimit: withDefault('MAMORI_PROVISION_PER_MINUTE', '20', 'credentials one IP address may request per minute', perMinute),
  // 1,000 requests a second sustained per key: far above a bank's login peak, far below abuse.
  relyingPartyQuota: withDefault('MAMORI_RP_QUOTA_PER_MINUTE', '60000', 'requests per relying-party API key per minute', perMinute),
};

export type ServiceConfig = ReturnType<typeof readServiceConfig>;

/** The service's settings from `env` (main.ts passes process.env); a bad value throws one line naming its variable. */
export function readServiceConfig(env: Environment) {
  return readEnv(SERVICE_ENV, env);
}

/** What each setting is when nothing sets it (an empty environment). */
export const SERVICE_DEFAULTS: ServiceConfig = readServiceConfig({});

/** docs/deployment.md's configuration table. */
export function serviceEnvTable(): string {
  return envTable(SERVICE_ENV);
}
