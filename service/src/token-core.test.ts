/**
 * The token core without HTTP (token-core.ts): what a second front (an admin command, RADIUS)
 * gets from openTokenCore, and the HTTP front served over a core its caller keeps owning.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRelyingParty } from './domain/relying-parties.js';
import { serveTokenCore } from './start-service.js';
import { codeAt, TestClock, TEST_MASTER_KEY } from './test-support/harness.js';
import { databasePerKey } from './test-support/test-database.js';
import { openTokenCore, type TokenCore, type TokenCoreOptions } from './token-core.js';

const databases = databasePerKey();
let dirs: string[] = [];
let cores: TokenCore[] = [];

afterEach(async () => {
  for (const c of cores) await c.close();
  cores = [];
  await databases.dropAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mamori-core-'));
  dirs.push(d);
  return d;
}

async function open(dataDir: string, extra: Partial<TokenCoreOptions> = {}): Promise<TokenCore> {
  const databaseUrl = await databases.urlFor(dataDir);
  const core = await openTokenCore({ dataDir, masterKey: TEST_MASTER_KEY, ...(databaseUrl ? { databaseUrl } : {}), ...extra });
  cores.push(core);
  return core;
}

describe('openTokenCore', () => {
  it('gives the rules over a migrated storage, with no HTTP at all', async () => {
    const clock = new TestClock();
    const core = await open(tempDir(), { now: clock.now });
    const party = await createRelyingParty(core.storage, 'Admin Front Bank', core.now);
    const cred = await core.tokens.provision('linux');
    expect(cred.credentialId).toMatch(/^MAMO\d{8}$/);
    expect(await core.tokens.register(party.id, 'alice', cred.credentialId, codeAt(cred.secret, clock.ms))).toEqual({ result: 'registered' });
    clock.nextStep();
    const code = codeAt(cred.secret, clock.ms);
    expect(await core.tokens.validate(party.id, 'alice', code)).toEqual({ result: 'accepted' });
    expect(await core.tokens.validate(party.id, 'alice', code)).toEqual({ result: 'rejected', reason: 'replayed' });
    expect(core.tokens.serverTime()).toBe(new Date(clock.ms).toISOString());
  });

  it('proves the master key: a wrong one refuses to open and releases the storage', async () => {
    const dir = tempDir();
    const first = await open(dir);
    await first.close();
    await first.close(); // closing twice is harmless
    await expect(open(dir, { masterKey: new Uint8Array(32).fill(7) })).rejects.toThrow(/does not match the one this database was created with/);
    const again = await open(dir);
    expect((await again.tokens.provision('linux')).credentialId).toMatch(/^MAMO/);
  });

  it('refuses a malformed credential prefix before creating anything', async () => {
    const dataDir = join(tempDir(), 'data');
    await expect(openTokenCore({ dataDir, credentialPrefix: 'mamo' })).rejects.toThrow('The credential prefix must be 4 capital letters A-Z, not "mamo".');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('serves over HTTP a core its owner keeps: closing the HTTP front leaves the core open', async () => {
    const core = await open(tempDir());
    const service = await serveTokenCore(core, { port: 0 });
    const reply = await fetch(`${service.url}/v1/provision`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform: 'linux' }) });
    expect(reply.status).toBe(201);
    const { apiKey } = await service.createRelyingParty('HTTP Bank');
    expect(apiKey).toMatch(/^mamori_rp_/);
    await service.close();
    await expect(fetch(`${service.url}/v1/time`)).rejects.toThrow();
    // The core still answers another front.
    expect((await core.tokens.provision('linux')).credentialId).toMatch(/^MAMO/);
  });
});
