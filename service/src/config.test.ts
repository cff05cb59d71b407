/**
 * The token service's configuration (config.ts): defaults, every variable read, one-line refusals
 * that name the variable and never echo a secret, the documentation's table, and main.ts failing
 * closed on a bad value before it opens anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { docBlock } from '../../scripts/test-support/doc-block.js';
import { readServiceConfig, SERVICE_DEFAULTS, SERVICE_ENV, serviceEnvTable } from './config.js';

const KEY_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

function refusal(env: Record<string, string>): string {
  try {
    readServiceConfig(env);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('service configuration', () => {
  it('has the documented defaults when nothing is set, and an empty variable counts as unset', () => {
    const expected = {
      dataDir: resolve('.data', 'service'),
      databaseUrl: undefined,
      databasePoolSize: 10,
      host: '127.0.0.1',
      port: 8787,
      masterKey: undefined,
      credentialPrefix: 'MAMO',
      logger: false,
      provisionRateLimit: { max: 20, windowMs: 60_000 },
      relyingPartyQuota: { max: 60_000, windowMs: 60_000 },
    };
    expect(readServiceConfig({})).toEqual(expected);
    expect(SERVICE_DEFAULTS).toEqual(expected);
    const blank = Object.fromEntries(Object.values(SERVICE_ENV).map((v) => [v.name, '  ']));
    expect(readServiceConfig(blank)).toEqual(expected);
  });

  it('reads every variable', () => {
    const config = readServiceConfig({
      MAMORI_DATA_DIR: '/var/lib/mamori',
      MAMORI_DATABASE_URL: 'postgres://u:p@db:5432/mamori',
      MAMORI_DATABASE_POOL_SIZE: '4',
      MAMORI_HOST: '0.0.0.0',
      MAMORI_PORT: ' 9000 ',
      MAMORI_MASTER_KEY: KEY_HEX,
      MAMORI_CREDENTIAL_PREFIX: 'BANK',
      MAMORI_LOG: '1',
      MAMORI_PROVISION_PER_MINUTE: '5',
      MAMORI_RP_QUOTA_PER_MINUTE: '1000',
    });
    expect(config).toEqual({
      dataDir: '/var/lib/mamori',
      databaseUrl: 'postgres://u:p@db:5432/mamori',
      databasePoolSize: 4,
      host: '0.0.0.0',
      port: 9000,
      masterKey: new Uint8Array(Buffer.from(KEY_HEX, 'hex')),
      credentialPrefix: 'BANK',
      logger: true,
      provisionRateLimit: { max: 5, windowMs: 60_000 },
      relyingPartyQuota: { max: 1000, windowMs: 60_000 },
    });
  });

  it.each([
    [{ MAMORI_PORT: 'abc' }, 'MAMORI_PORT must be an integer from 0 to 65535, not "abc".'],
    [{ MAMORI_PORT: '65536' }, 'MAMORI_PORT must be an integer from 0 to 65535, not "65536".'],
    [{ MAMORI_PORT: '80.5' }, 'MAMORI_PORT must be an integer from 0 to 65535, not "80.5".'],
    [{ MAMORI_DATABASE_POOL_SIZE: '0' }, 'MAMORI_DATABASE_POOL_SIZE must be an integer from 1 to 1000, not "0".'],
    [{ MAMORI_PROVISION_PER_MINUTE: '1e3' }, 'MAMORI_PROVISION_PER_MINUTE must be an integer from 1 to 1000000000, not "1e3".'],
    [{ MAMORI_RP_QUOTA_PER_MINUTE: '-1' }, 'MAMORI_RP_QUOTA_PER_MINUTE must be an integer from 1 to 1000000000, not "-1".'],
    [{ MAMORI_CREDENTIAL_PREFIX: 'mamo' }, 'MAMORI_CREDENTIAL_PREFIX must be 4 capital letters A-Z, not "mamo".'],
    [{ MAMORI_LOG: 'yes' }, 'MAMORI_LOG must be 1 (on) or 0 (off), not "yes".'],
    [{ MAMORI_HOST: 'local\thost' }, 'MAMORI_HOST must not contain control characters.'],
  ])('refuses %j in one line naming the variable', (env, message) => {
    expect(refusal(env)).toBe(message);
  });

  it('never echoes a secret in a refusal', () => {
    const url = refusal({ MAMORI_DATABASE_URL: 'mysql://admin:hunter22@db/mamori' });
    expect(url).toBe('MAMORI_DATABASE_URL must start with postgres:// or postgresql://; leave it unset for SQLite.');
    const key = refusal({ MAMORI_MASTER_KEY: KEY_HEX.slice(2) });
    expect(key).toMatch(/^MAMORI_MASTER_KEY is not a valid master key/);
    expect(key).not.toContain(KEY_HEX.slice(2, 20));
    expect(key).not.toContain('\n');
  });

  it("is what docs/deployment.md's table says", () => {
    const { committed, generated } = docBlock('docs/deployment.md', 'env-table', serviceEnvTable());
    expect(committed, 'docs/deployment.md: rewrite its table with MAMORI_UPDATE_DOCS=1 npx vitest run service/src/config.test.ts').toBe(generated);
    // Every declared variable is in the table, and nothing else.
    const names = [...generated.matchAll(/^\| `(MAMORI_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(names).toEqual(Object.values(SERVICE_ENV).map((v) => v.name));
  });
});

describe('main.ts with a bad variable', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('prints one line naming it and exits 1 before creating anything', () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-config-'));
    const dataDir = join(dir, 'data');
    const main = fileURLToPath(new URL('main.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', main, 'serve'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { PATH: process.env.PATH, MAMORI_DATA_DIR: dataDir, MAMORI_PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('Mamori token service: MAMORI_PORT must be an integer from 0 to 65535, not "eighty".\n');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(1);
    expect(existsSync(dataDir)).toBe(false);
  });
});
