/**
 * `mamori provision` as a real process: against the real token service started in this process
 * on 127.0.0.1, and against the local VIP fixture server (MAMORI_VIP_URL). Secrets are read back
 * from the real keychain here to check the codes against oathtool.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { base32Encode } from '../core/base32.js';
import { checkCredentialId } from '../core/credential-id.js';
import { createSettingsStore, SETTINGS_FILE } from '../desktop/settings-store.js';
import { missingKeychainTools, startPrivateKeychain, type PrivateKeychain } from '../desktop/stand-in/private-keychain.js';
import { skipForMissingTool } from '../scripts/test-support/missing-tool.js';
import { startVipFixtureServer, type VipFixtureServer } from '../desktop/test-support/vip-fixture-server.js';
import { createKeyringVault } from '../desktop/vault.js';
import { startService, type RunningService } from '../service/src/start-service.js';
import { bracketedByOathtool, clearKeychain, keychainAccounts, newPlace, type CliPlace } from './test-support/cli-process.js';

const skipKeychain = skipForMissingTool(await missingKeychainTools(), 'CLI provisioning tests');

interface CredentialJson {
  credentialId: string;
  label: string;
  issuer: string;
  source: string;
  expiresAt: string | null;
  selected: boolean;
}

describe.skipIf(skipKeychain)('mamori provision', () => {
  let keychain: PrivateKeychain;
  let restore: () => void;
  let service: RunningService;
  let vip: VipFixtureServer;
  let closedUrl: string;
  const places: CliPlace[] = [];

  async function place(extra: NodeJS.ProcessEnv = {}): Promise<CliPlace> {
    const p = await newPlace(keychain.busAddress, { MAMORI_VIP_URL: vip.url, ...extra });
    places.push(p);
    return p;
  }

  async function list(p: CliPlace): Promise<{ selectedId: string | null; credentials: CredentialJson[] }> {
    const result = await p.run(['list', '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as { selectedId: string | null; credentials: CredentialJson[] };
  }

  /** The CLI's code for the credential equals oathtool's for the secret now in the keychain. */
  async function expectCodesMatch(p: CliPlace, credentialId: string): Promise<void> {
    const secret = await createKeyringVault({ service: p.service }).load(credentialId);
    const { code, accepted } = await bracketedByOathtool(base32Encode(secret), async () => {
      const result = await p.run(['code', credentialId, '--json']);
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout) as { code: string }).code;
    });
    expect(accepted).toContain(code);
  }

  beforeAll(async () => {
    keychain = await startPrivateKeychain({ unlocked: true });
    restore = keychain.use();
    service = await startService({ dataDir: await mkdtemp(join(tmpdir(), 'mamori-cli-service-')), port: 0 });
    vip = await startVipFixtureServer();
    const closed = await startService({ dataDir: await mkdtemp(join(tmpdir(), 'mamori-cli-closed-')), port: 0 });
    closedUrl = closed.url;
    await closed.close();
  });
  afterEach(async () => {
    vip.setBehaviour('success');
    for (const p of places.splice(0)) await clearKeychain(p.service);
  });
  afterAll(async () => {
    await vip?.close();
    await service?.close();
    restore?.();
    await keychain?.stop();
  });

  it('gets a credential from the token service named by MAMORI_SERVICE_URL, prints its ID and expiry, saves the clock', async () => {
    const p = await place({ MAMORI_SERVICE_URL: service.url });
    const result = await p.run(['provision']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const match = /^New credential (MAMO\d{8}) from 127\.0\.0\.1, valid until (\d{4}-\d{2}-\d{2})\.\nRegister this credential ID at your bank; "mamori code" shows its codes\.\n$/.exec(
      result.stdout,
    );
    expect(match).not.toBeNull();
    const id = match![1]!;
    expect(checkCredentialId(id)).toMatchObject({ ok: true });

    const { selectedId, credentials } = await list(p);
    expect(selectedId).toBe(id);
    expect(credentials).toEqual([expect.objectContaining({ credentialId: id, label: id, issuer: '127.0.0.1', source: 'service', selected: true })]);
    expect(credentials[0]!.expiresAt!.slice(0, 10)).toBe(match![2]);
    expect(await keychainAccounts(p.service)).toEqual([id]);
    const settings = JSON.parse(await readFile(join(p.home, SETTINGS_FILE), 'utf8')) as { clock?: { offsetMs: number } };
    expect(Math.abs(settings.clock!.offsetMs)).toBeLessThan(5_000);
    await expectCodesMatch(p, id);
  });

  it('--service names the service for this run; without it the settings\' address wins over MAMORI_SERVICE_URL', async () => {
    const p = await place({ MAMORI_SERVICE_URL: closedUrl });
    const explicit = await p.run(['provision', '--service', service.url, '--json']);
    expect(explicit.code).toBe(0);
    const first = JSON.parse(explicit.stdout) as CredentialJson;
    expect(first).toMatchObject({ source: 'service', issuer: '127.0.0.1', selected: true });
    expect(first.credentialId).toMatch(/^MAMO\d{8}$/);

    await createSettingsStore(join(p.home, SETTINGS_FILE)).update((s) => ({ ...s, serviceUrl: service.url }));
    const fromSettings = await p.run(['provision', '--json']);
    expect(fromSettings.code).toBe(0);
    const second = JSON.parse(fromSettings.stdout) as CredentialJson;
    expect(second.credentialId).not.toBe(first.credentialId);
    expect((await list(p)).credentials.map((c) => c.credentialId)).toEqual([first.credentialId, second.credentialId]);
  });

  it('an unreachable service: exit 1 with the reason, nothing stored', async () => {
    const p = await place({ MAMORI_SERVICE_URL: closedUrl });
    const result = await p.run(['provision']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'mamori: the token service refused the connection; it may be down\n' });
    expect(await keychainAccounts(p.service)).toEqual([]);
    expect((await list(p)).credentials).toEqual([]);
  });

  it('MAMORI_SERVICE_URL set but empty means no token service, as in the app: exit 1 saying so, nothing stored; --service still works', async () => {
    const p = await place({ MAMORI_SERVICE_URL: '' });
    expect(await p.run(['provision'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'mamori: no token service is configured (MAMORI_SERVICE_URL is set but empty, and the settings name none); name one with --service URL\n',
    });
    expect(await keychainAccounts(p.service)).toEqual([]);
    expect((await p.run(['provision', '--service', service.url, '--json'])).code).toBe(0);
  });

  it('--vip SYMC gets a Symantec VIP credential from MAMORI_VIP_URL; its codes are the secret the server issued', async () => {
    const p = await place();
    const before = vip.issued.length;
    const result = await p.run(['provision', '--vip', 'symc']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const issued = vip.issued[before]!;
    expect(issued.model).toBe('SYMC');
    expect(result.stdout).toBe(
      `New credential ${issued.credentialId} from Symantec VIP, valid until ${issued.expiry.slice(0, 10)}.\n` +
        'Register this credential ID at your bank; "mamori code" shows its codes.\n',
    );
    expect((await list(p)).credentials).toEqual([
      expect.objectContaining({ credentialId: issued.credentialId, issuer: 'Symantec VIP', source: 'vip', expiresAt: new Date(issued.expiry).toISOString(), selected: true }),
    ]);
    expect(await createKeyringVault({ service: p.service }).load(issued.credentialId)).toEqual(Uint8Array.from(issued.secret));
    await expectCodesMatch(p, issued.credentialId);
  });

  it('a refused VIP request (4E0D): exit 1 saying so, nothing stored', async () => {
    const p = await place();
    vip.setBehaviour({ kind: 'status', reasonCode: '4E0D', statusMessage: 'Unsupported token model' });
    const result = await p.run(['provision', '--vip', 'VSMT']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mamori: Symantec VIP refused to issue a credential \(code 4E0D: "Unsupported token model"\)\. .*VSMT.*\n$/);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(await keychainAccounts(p.service)).toEqual([]);
    expect((await list(p)).credentials).toEqual([]);
  });
});
