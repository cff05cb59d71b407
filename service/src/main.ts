#!/usr/bin/env node
/**
 * Command line of the token service.
 *   serve                 start the HTTP service (configuration from the environment)
 *   create-party <name>   create a relying party and print its API key, once
 *
 * Environment: MAMORI_DATA_DIR (default ./.data/service), MAMORI_DATABASE_URL (postgres://...
 * to use PostgreSQL, for several instances over one database; unset: SQLite in the data dir),
 * MAMORI_DATABASE_POOL_SIZE (10 connections per instance), MAMORI_HOST (127.0.0.1),
 * MAMORI_PORT (8787), MAMORI_MASTER_KEY (64 hex digits or base64 of 32 bytes; else
 * <data dir>/master.key), MAMORI_CREDENTIAL_PREFIX (MAMO), MAMORI_LOG (1 to log requests),
 * MAMORI_PROVISION_PER_MINUTE (20 per IP), MAMORI_RP_QUOTA_PER_MINUTE (60000 per API key).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRelyingParty } from './domain/relying-parties.js';
import { startService } from './start-service.js';
import { StartupError } from './startup-error.js';
import { describeStorage, openStorage } from './storage/open-storage.js';

function envInt(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new StartupError(`${name} must be an integer from ${min} to ${max}, not "${text}".`);
  return n;
}

const dataDir = resolve(process.env.MAMORI_DATA_DIR ?? join('.data', 'service'));
const databaseUrl = process.env.MAMORI_DATABASE_URL?.trim() || undefined;

async function serve(): Promise<void> {
  const perMinute = (name: string, fallback: number) => ({ max: envInt(name, fallback, 1, 1_000_000_000), windowMs: 60_000 });
  const service = await startService({
    dataDir,
    databaseUrl,
    databasePoolSize: envInt('MAMORI_DATABASE_POOL_SIZE', 10, 1, 1_000),
    host: process.env.MAMORI_HOST ?? '127.0.0.1',
    port: envInt('MAMORI_PORT', 8787, 0, 65_535),
    credentialPrefix: process.env.MAMORI_CREDENTIAL_PREFIX ?? 'MAMO',
    logger: process.env.MAMORI_LOG === '1',
    provisionRateLimit: perMinute('MAMORI_PROVISION_PER_MINUTE', 20),
    relyingPartyQuota: perMinute('MAMORI_RP_QUOTA_PER_MINUTE', 60_000),
  });
  console.log(`Mamori token service listening on ${service.url} (${describeStorage({ dataDir, databaseUrl })})`);
  const stop = () => {
    void service.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function createParty(name: string | undefined): Promise<void> {
  if (name === undefined || name.trim() === '') throw new StartupError('Usage: create-party <name>');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const storage = openStorage({ dataDir, databaseUrl, poolSize: 1 });
  try {
    await storage.migrate();
    const party = await createRelyingParty(storage, name, Date.now);
    console.log(`Relying party "${name.trim()}" created with id ${party.id}.`);
    console.log('Its API key, shown only this once (store it in the bank\'s secret store):');
    console.log(party.apiKey);
  } finally {
    await storage.close();
  }
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'serve') await serve();
  else if (command === 'create-party') await createParty(args.join(' '));
  else {
    console.error('Usage: main serve | main create-party <name>');
    process.exitCode = 2;
  }
} catch (error) {
  // Fail closed with one clear line; a stack trace only for the unexpected.
  if (error instanceof StartupError || error instanceof RangeError) console.error(`Mamori token service: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
}
