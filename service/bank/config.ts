/**
 * The demo bank's configuration when it runs alone (main.ts), declared once: every environment
 * variable, its default, its validation and its line in docs/demo.md (whose table
 * config.test.ts keeps equal to `envTable(BANK_ENV)`). Only main.ts reads `process.env`; the
 * demo (scripts/demo.mjs) and the tests pass values to startBank directly.
 */
import { resolve } from 'node:path';
import { ConfigError, envTable, httpUrl, integer, onOff, plainText, readEnv, required, withDefault, type Environment } from '../../node-shared/env-config.js';

export const BANK_ENV = {
  dataDir: withDefault('MAMORI_BANK_DATA_DIR', './.data/bank', "the bank's folder (created with mode 0700): its session key and demo accounts", (text, name) =>
    resolve(plainText(text, name)),
  ),
  host: withDefault('MAMORI_BANK_HOST', '127.0.0.1', 'the address to listen on', plainText),
  port: withDefault('MAMORI_BANK_PORT', '8788', 'the port', integer(0, 65_535)),
  serviceUrl: withDefault('MAMORI_BANK_SERVICE_URL', 'http://127.0.0.1:8787', 'the token service the bank asks for every decision about a code', httpUrl),
  apiKey: required(
    'MAMORI_BANK_API_KEY',
    "the bank's relying-party API key",
    "give the bank's relying-party API key, printed once by the token service's create-party",
    (text, name) => {
      // Never echoed: it is the bank's credential at the token service.
      if (!/^[\x21-\x7e]+$/.test(text)) throw new ConfigError(`${name} must be the API key as printed (visible ASCII characters, no spaces).`);
      return text;
    },
  ),
  logger: withDefault('MAMORI_BANK_LOG', '0', '`1` logs requests, `0` does not', onOff),
};

export type BankConfig = ReturnType<typeof readBankConfig>;

/** The bank's settings from `env` (main.ts passes process.env); a bad value throws one line naming its variable. */
export function readBankConfig(env: Environment) {
  return readEnv(BANK_ENV, env);
}

/** docs/demo.md's table of the bank's variables. */
export function bankEnvTable(): string {
  return envTable(BANK_ENV);
}
