/**
 * The demo bank's configuration (config.ts) and its program (main.ts): defaults, every variable
 * read, one-line refusals naming the variable (the API key never echoed), docs/demo.md's table,
 * and a start and stop of the bank alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { docBlock } from '../../scripts/test-support/doc-block.js';
import { BANK_ENV, bankEnvTable, readBankConfig } from './config.js';

const KEY = 'mamori_rp_' + 'A'.repeat(43);

function refusal(env: Record<string, string>): string {
  try {
    readBankConfig(env);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('bank configuration', () => {
  it('has the documented defaults, and needs only the API key', () => {
    expect(readBankConfig({ MAMORI_BANK_API_KEY: KEY })).toEqual({
      dataDir: resolve('.data', 'bank'),
      host: '127.0.0.1',
      port: 8788,
      serviceUrl: 'http://127.0.0.1:8787',
      apiKey: KEY,
      logger: false,
    });
  });

  it('reads every variable', () => {
    expect(
      readBankConfig({
        MAMORI_BANK_DATA_DIR: '/srv/bank',
        MAMORI_BANK_HOST: '::1',
        MAMORI_BANK_PORT: '0',
        MAMORI_BANK_SERVICE_URL: 'https://tokens.example/mamori',
        MAMORI_BANK_API_KEY: ` ${KEY} `,
        MAMORI_BANK_LOG: '1',
      }),
    ).toEqual({ dataDir: '/srv/bank', host: '::1', port: 0, serviceUrl: 'https://tokens.example/mamori', apiKey: KEY, logger: true });
  });

  it.each([
    [{}, "MAMORI_BANK_API_KEY is not set: give the bank's relying-party API key, printed once by the token service's create-party."],
    [{ MAMORI_BANK_API_KEY: '   ' }, "MAMORI_BANK_API_KEY is not set: give the bank's relying-party API key, printed once by the token service's create-party."],
    [{ MAMORI_BANK_API_KEY: KEY, MAMORI_BANK_PORT: '99999' }, 'MAMORI_BANK_PORT must be an integer from 0 to 65535, not "99999".'],
    [{ MAMORI_BANK_API_KEY: KEY, MAMORI_BANK_SERVICE_URL: 'tokens.example' }, 'MAMORI_BANK_SERVICE_URL must be an http:// or https:// URL, not "tokens.example".'],
    [{ MAMORI_BANK_API_KEY: KEY, MAMORI_BANK_SERVICE_URL: 'ftp://tokens.example' }, 'MAMORI_BANK_SERVICE_URL must be an http:// or https:// URL, not "ftp://tokens.example".'],
    [{ MAMORI_BANK_API_KEY: KEY, MAMORI_BANK_LOG: 'on' }, 'MAMORI_BANK_LOG must be 1 (on) or 0 (off), not "on".'],
  ])('refuses %j in one line naming the variable', (env, message) => {
    expect(refusal(env)).toBe(message);
  });

  it('never echoes the API key', () => {
    const message = refusal({ MAMORI_BANK_API_KEY: 'mamori_rp_secret part' });
    expect(message).toBe('MAMORI_BANK_API_KEY must be the API key as printed (visible ASCII characters, no spaces).');
  });

  it("is what docs/demo.md's table says", () => {
    const { committed, generated } = docBlock('docs/demo.md', 'env-table', bankEnvTable());
    expect(committed, 'docs/demo.md: rewrite its table with MAMORI_UPDATE_DOCS=1 npx vitest run service/bank/config.test.ts').toBe(generated);
    const names = [...generated.matchAll(/^\| `(MAMORI_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(names).toEqual(Object.values(BANK_ENV).map((v) => v.name));
  });
});

describe('the bank alone (main.ts)', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const main = fileURLToPath(new URL('main.ts', import.meta.url));
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('refuses to start without its API key, in one line, creating nothing', () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-bank-config-'));
    const dataDir = join(dir, 'bank');
    const run = spawnSync(process.execPath, ['--import', 'tsx', main], {
      cwd: root,
      env: { PATH: process.env.PATH, MAMORI_BANK_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe("Mamori demo bank: MAMORI_BANK_API_KEY is not set: give the bank's relying-party API key, printed once by the token service's create-party.\n");
    expect(run.status).toBe(1);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('serves its login page from the environment, and stops on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-bank-config-'));
    const dataDir = join(dir, 'bank');
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      cwd: root,
      // No token service is needed to start: the bank asks it only when a customer acts.
      env: { PATH: process.env.PATH, MAMORI_BANK_DATA_DIR: dataDir, MAMORI_BANK_PORT: '0', MAMORI_BANK_API_KEY: KEY, MAMORI_BANK_SERVICE_URL: 'http://127.0.0.1:9' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/\S+) \(data in (.*); token service http:\/\/127\.0\.0\.1:9\)/.exec(out);
          if (m?.[1] !== undefined) done(m[1]);
        });
        void exited.then((code) => fail(new Error(`the bank exited (${code}) before listening: ${out}`)));
      });
      const page = await fetch(`${url}/login`);
      expect(page.status).toBe(200);
      expect(existsSync(join(dataDir, 'session.key'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
