import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Encode } from '../core/base32.js';
import { busEnv, modulePath, noBusEnv, runInChild } from './test-support/child-node.js';
import { missingKeychainTools, startPrivateKeychain, type PrivateKeychain } from './stand-in/private-keychain.js';
import { skipForMissingTool } from '../scripts/test-support/missing-tool.js';
import {
  classifyKeyringError,
  createKeyringVault,
  KeychainLockedError,
  KeychainUnavailableError,
  SecretMissingError,
} from './vault.js';

const run = promisify(execFile);
const skipKeychain = skipForMissingTool(await missingKeychainTools(), 'keychain tests');
// secret-tool (libsecret-tools) is the outside reader that proves the documented names.
const skipSecretTool = skipForMissingTool(
  await run('sh', ['-c', 'command -v secret-tool']).then(() => null, () => 'secret-tool is not installed (apt-get install libsecret-tools)'),
  'the secret-tool check of the keychain names',
);

const SECRET = Uint8Array.from({ length: 20 }, (_, i) => i * 13 + 7);
const ID = 'MAMO12345674';

describe('classifyKeyringError', () => {
  it('maps the messages @napi-rs/keyring gives for a locked store to KeychainLockedError', () => {
    for (const message of [
      "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
      'zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object',
      'User canceled the operation.',
    ])
      expect(classifyKeyringError(new Error(message))).toBeInstanceOf(KeychainLockedError);
  });
  it('maps everything else to KeychainUnavailableError (fail closed)', () => {
    for (const message of [
      'Platform failure: DBus error: Failed to connect to socket /nonexistent: No such file or directory',
      "Couldn't access platform storage: Secret Service: no result found",
      'something new',
    ])
      expect(classifyKeyringError(new Error(message))).toBeInstanceOf(KeychainUnavailableError);
  });
});

describe.skipIf(skipKeychain)('vault against a real gnome-keyring', () => {
  let keychain: PrivateKeychain;
  let restore: () => void;
  beforeAll(async () => {
    keychain = await startPrivateKeychain({ unlocked: true });
    restore = keychain.use();
  });
  afterAll(async () => {
    restore?.();
    await keychain?.stop();
  });

  it('stores, loads and deletes a secret', async () => {
    const vault = createKeyringVault();
    expect(vault.backend).toBe('secret-service');
    await vault.store(ID, SECRET);
    expect(await vault.load(ID)).toEqual(SECRET);
    expect(await vault.delete(ID)).toBe(true);
    expect(await vault.delete(ID)).toBe(false);
    await expect(vault.load(ID)).rejects.toBeInstanceOf(SecretMissingError);
  });

  // What other programs see, read by one that is not ours: the documented names (service
  // "Mamori", account = credential ID) and the secret as base32 text. The CLI, backups of the
  // keyring and users' own scripts rely on these names; renaming either fails here.
  it.skipIf(skipSecretTool)('keeps the secret under service "Mamori", account = credential ID, as base32 text (read by secret-tool)', async () => {
    const vault = createKeyringVault();
    await vault.store(ID, SECRET);
    const lookup = (service: string) =>
      run('secret-tool', ['lookup', 'service', service, 'username', ID], { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: keychain.busAddress } }).then(
        ({ stdout }) => stdout.trim(),
        () => null, // secret-tool exits 1 when nothing matches
      );
    try {
      expect(await lookup('Mamori')).toBe(base32Encode(SECRET));
      // The lookup can fail: another service name finds nothing.
      expect(await lookup('Mamori-elsewhere')).toBeNull();
    } finally {
      await vault.delete(ID);
    }
  });

  it('replaces an existing entry rather than adding a second one', async () => {
    const vault = createKeyringVault();
    await vault.store(ID, SECRET);
    const other = SECRET.map((b) => b ^ 0xff);
    await vault.store(ID, other);
    expect(await vault.load(ID)).toEqual(other);
    await vault.delete(ID);
  });

  it('reports a missing entry as SecretMissingError naming the credential', async () => {
    const error = await createKeyringVault().load('MAMO00000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretMissingError);
    expect((error as SecretMissingError).code).toBe('secret_missing');
    expect((error as SecretMissingError).credentialId).toBe('MAMO00000000');
  });

  it('reports an entry that is not base32 as SecretMissingError, not as a wrong secret', async () => {
    await new AsyncEntry('Mamori', 'MAMO11111116', { linux: { store: 'secret-service' } }).setPassword('not base32 at all!');
    await expect(createKeyringVault().load('MAMO11111116')).rejects.toBeInstanceOf(SecretMissingError);
    await createKeyringVault().delete('MAMO11111116');
  });

  it('loadMany gives every secret in the order asked, and null where load would say the secret is missing', async () => {
    const vault = createKeyringVault({ service: 'Mamori-test-many' });
    const ids = Array.from({ length: 6 }, (_, i) => `manual-${i}`);
    const secrets = ids.map((_, i) => SECRET.map((b) => b ^ i));
    for (const [i, id] of ids.entries()) await vault.store(id, secrets[i]!);
    const asked = [ids[3]!, ids[0]!, ids[5]!, ids[1]!];
    expect(await vault.loadMany(asked)).toEqual([secrets[3], secrets[0], secrets[5], secrets[1]]);
    expect(await vault.loadMany([ids[2]!])).toEqual([secrets[2]]);
    expect(await vault.loadMany([])).toEqual([]);

    // A missing entry among present ones, and one that is not base32, come back as null:
    // the other credentials keep working.
    await new AsyncEntry('Mamori-test-many', 'manual-bad', { linux: { store: 'secret-service' } }).setPassword('not base32 at all!');
    expect(await vault.loadMany([ids[0]!, 'manual-gone', 'manual-bad', ids[1]!])).toEqual([secrets[0], null, null, secrets[1]]);
    expect(await vault.loadMany(['manual-gone'])).toEqual([null]);
    for (const id of [...ids, 'manual-bad']) await vault.delete(id);
  });

  it('keeps services apart', async () => {
    const a = createKeyringVault({ service: 'Mamori-test-a' });
    await a.store(ID, SECRET);
    await expect(createKeyringVault().load(ID)).rejects.toBeInstanceOf(SecretMissingError);
    await a.delete(ID);
  });
});

/** Each operation's outcome in a fresh process: "ok:<value>" or "<ErrorName>:<code>". */
function vaultOpsSnippet(id: string, names: readonly string[] = ['store', 'load', 'delete']): string {
  return `
    const { createKeyringVault } = await import(${JSON.stringify(modulePath('vault.ts'))});
    const vault = createKeyringVault();
    const out = {};
    const ops = {
      store: () => vault.store(${JSON.stringify(id)}, new Uint8Array(20).fill(7)),
      load: () => vault.load(${JSON.stringify(id)}).then((s) => s.length),
      delete: () => vault.delete(${JSON.stringify(id)}),
    };
    for (const name of ${JSON.stringify(names)}) {
      try { out[name] = 'ok:' + (await ops[name]()); } catch (e) { out[name] = e.name + ':' + e.code; }
    }
    console.log(JSON.stringify(out));`;
}

describe('vault in a process with no session bus', () => {
  it('gives KeychainUnavailableError for every operation (the library alone would fall back to the kernel keyring)', async () => {
    const home = await mkdtemp(join(tmpdir(), 'mamori-nobus-'));
    const unavailable = 'KeychainUnavailableError:keychain_unavailable';
    expect(await runInChild(vaultOpsSnippet(ID), noBusEnv(home))).toEqual({ store: unavailable, load: unavailable, delete: unavailable });
    const nowhere = { ...noBusEnv(home), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mamori-bus' };
    expect(await runInChild(vaultOpsSnippet(ID), nowhere)).toEqual({ store: unavailable, load: unavailable, delete: unavailable });
  });
});

describe.skipIf(skipKeychain)('vault with a locked keychain', () => {
  let keychain: PrivateKeychain;
  beforeAll(async () => {
    keychain = await startPrivateKeychain({ unlocked: true });
  });
  afterAll(async () => {
    await keychain?.stop();
  });

  it('gives KeychainLockedError for store, load and delete (the unlock prompt cannot show here, so it counts as dismissed)', async () => {
    const env = busEnv(keychain.busAddress, keychain.home);
    expect(await runInChild(vaultOpsSnippet(ID), env)).toEqual({ store: 'ok:undefined', load: 'ok:20', delete: 'ok:true' });
    expect(await runInChild(vaultOpsSnippet(ID, ['store']), env)).toEqual({ store: 'ok:undefined' });
    await keychain.lock();
    const locked = 'KeychainLockedError:keychain_locked';
    expect(await runInChild(vaultOpsSnippet(ID), env)).toEqual({ store: locked, load: locked, delete: locked });
  });
});

describe.skipIf(skipKeychain)('vault when the Secret Service has no login keyring', () => {
  let keychain: PrivateKeychain;
  beforeAll(async () => {
    keychain = await startPrivateKeychain({ unlocked: false });
  });
  afterAll(async () => {
    await keychain?.stop();
  });

  it('fails closed: store gives KeychainUnavailableError, load finds nothing', async () => {
    expect(await runInChild(vaultOpsSnippet(ID), busEnv(keychain.busAddress, keychain.home))).toEqual({
      store: 'KeychainUnavailableError:keychain_unavailable',
      load: 'SecretMissingError:secret_missing',
      delete: 'ok:false',
    });
  });
});
