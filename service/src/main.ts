#!/usr/bin/env node
/**
 * Command line of the token service, its two fronts over one token core:
 *   serve                 start the HTTP service
 *   create-party <name>   create a relying party and print its API key, once
 * Configuration comes from the environment, read here and only here (the variables, their
 * defaults and checks are declared in config.ts; docs/deployment.md lists them).
 */
import { ConfigError } from '../../node-shared/env-config.js';
import { readServiceConfig, type ServiceConfig } from './config.js';
import { createRelyingParty } from './domain/relying-parties.js';
import { startService } from './start-service.js';
import { StartupError } from './startup-error.js';
import { describeStorage } from './storage/open-storage.js';
import { openTokenCore } from './token-core.js';

async function serve(config: ServiceConfig): Promise<void> {
  const service = await startService(config);
  console.log(`Mamori token service listening on ${service.url} (${describeStorage(config)})`);
  const stop = () => {
    void service.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function createParty(config: ServiceConfig, name: string | undefined): Promise<void> {
  if (name === undefined || name.trim() === '') throw new StartupError('Usage: create-party <name>');
  // One connection is plenty for one insert.
  const core = await openTokenCore({ ...config, databasePoolSize: 1 });
  try {
    const party = await createRelyingParty(core.storage, name, core.now);
    console.log(`Relying party "${name.trim()}" created with id ${party.id}.`);
    console.log('Its API key, shown only this once (store it in the bank\'s secret store):');
    console.log(party.apiKey);
  } finally {
    await core.close();
  }
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'serve') await serve(readServiceConfig(process.env));
  else if (command === 'create-party') await createParty(readServiceConfig(process.env), args.join(' '));
  else {
    console.error('Usage: main serve | main create-party <name>');
    process.exitCode = 2;
  }
} catch (error) {
  // Fail closed with one clear line; a stack trace only for the unexpected.
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof RangeError) console.error(`Mamori token service: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
}
