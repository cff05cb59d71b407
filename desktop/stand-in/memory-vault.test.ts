import { describe, expect, it } from 'vitest';
import { SecretMissingError } from '../vault.js';
import { createMemoryVault, MEMORY_BACKEND } from './memory-vault.js';

const SECRET = Uint8Array.from({ length: 20 }, (_, i) => i * 7 + 1);

describe('memory vault (the preview only, where no Secret Service can start)', () => {
  it('stores, loads and deletes like the keychain vault, and says where secrets are', async () => {
    const vault = createMemoryVault();
    expect(vault.backend).toBe(MEMORY_BACKEND);
    await vault.store('MAMO12345674', SECRET);
    expect(await vault.load('MAMO12345674')).toEqual(SECRET);
    expect(await vault.delete('MAMO12345674')).toBe(true);
    expect(await vault.delete('MAMO12345674')).toBe(false);
    await expect(vault.load('MAMO12345674')).rejects.toBeInstanceOf(SecretMissingError);
  });

  it('keeps its own copy: zeroing what the caller holds does not touch the stored secret', async () => {
    const vault = createMemoryVault();
    const given = Uint8Array.from(SECRET);
    await vault.store('A', given);
    given.fill(0);
    const loaded = await vault.load('A');
    expect(loaded).toEqual(SECRET);
    loaded.fill(0);
    expect(await vault.load('A')).toEqual(SECRET);
  });

  it('loads many in the order asked, with null for what it does not hold', async () => {
    const vault = createMemoryVault();
    await vault.store('A', SECRET);
    await vault.store('C', Uint8Array.of(1, 2, 3));
    expect(await vault.loadMany(['C', 'B', 'A'])).toEqual([Uint8Array.of(1, 2, 3), null, SECRET]);
  });

  it('refuses the credential IDs the keychain vault refuses', async () => {
    const vault = createMemoryVault();
    await expect(vault.store('', SECRET)).rejects.toBeInstanceOf(RangeError);
    await expect(vault.load('x'.repeat(201))).rejects.toBeInstanceOf(RangeError);
  });

  it('is one per host: another vault holds nothing (secrets end with the process)', async () => {
    const first = createMemoryVault();
    await first.store('A', SECRET);
    await expect(createMemoryVault().load('A')).rejects.toBeInstanceOf(SecretMissingError);
  });
});
