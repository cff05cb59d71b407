#!/usr/bin/env node
/**
 * Command line of the demo bank: serve it alone, against a token service already running
 * (`npm run demo` starts both together instead). Configuration comes from the environment, read
 * here and only here (config.ts declares the variables; docs/demo.md lists them).
 */
import { ConfigError } from '../../node-shared/env-config.js';
import { readBankConfig } from './config.js';
import { startBank } from './start-bank.js';

try {
  const config = readBankConfig(process.env);
  const bank = await startBank(config);
  console.log(`Mamori demo bank listening on ${bank.url} (data in ${config.dataDir}; token service ${config.serviceUrl})`);
  const stop = () => {
    void bank.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  // A configuration mistake is one line; anything else keeps its stack trace.
  if (error instanceof ConfigError) console.error(`Mamori demo bank: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
}
