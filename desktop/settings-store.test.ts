import { readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { modulePath, runInChild } from './test-support/child-node.js';
import { makeReadOnly } from './test-support/read-only-dir.js';
import { createSettingsStore, defaultSettings, SettingsCorruptError, type Settings, type StoredCredential } from './settings-store.js';

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const credential: StoredCredential = {
  credentialId: 'MAMO12345674',
  label: 'MAMO12345674',
  issuer: 'token.example',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  createdAt: '2026-01-02T03:04:05.678Z',
  expiresAt: '2029-01-02T03:04:05.678Z',
  source: 'service',
};
const full: Settings = {
  version: 1,
  language: 'ja',
  serviceUrl: 'https://token.example',
  credentials: [credential],
  clock: { offsetMs: -1234, measuredAt: T0 },
  preferences: { closeToTray: true, startAtLogin: false, alwaysOnTop: true, clipboardClearSeconds: 0, windowBounds: { x: -1200, y: 40, width: 380, height: 470 } },
};

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mamori-settings-'));
  path = join(dir, 'settings.json');
});

const store = () => createSettingsStore(path, { now: () => T0 });

describe('settings store', () => {
  it('gives defaults when there is no file, and does not create one by reading', async () => {
    expect(await store().read()).toEqual(defaultSettings());
    expect(await readdir(dir)).toEqual([]);
  });

  it('round-trips every field through an atomic write, leaving no temp file', async () => {
    await store().update(() => full);
    expect(await store().read()).toEqual(full);
    expect(await readdir(dir)).toEqual(['settings.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(full);
  });

  it('loads a file written before the desktop preferences existed, with their defaults', async () => {
    const { preferences: _, ...older } = full;
    await writeFile(path, JSON.stringify(older));
    expect((await store().read()).preferences).toEqual({ closeToTray: false, startAtLogin: false, alwaysOnTop: false, clipboardClearSeconds: 30 });
    // A partial preferences object keeps what it has and gains the rest.
    await writeFile(path, JSON.stringify({ ...older, preferences: { alwaysOnTop: true } }));
    expect((await store().read()).preferences).toEqual({ closeToTray: false, startAtLogin: false, alwaysOnTop: true, clipboardClearSeconds: 30 });
    expect(await readdir(dir)).toEqual(['settings.json']); // not treated as corrupt
  });

  it('treats an out-of-range preference as a corrupt file (kept aside, never guessed)', async () => {
    await writeFile(path, JSON.stringify({ ...full, preferences: { clipboardClearSeconds: -5 } }));
    await expect(store().read()).rejects.toBeInstanceOf(SettingsCorruptError);
  });

  it('creates the user-data folder if needed', async () => {
    const nested = createSettingsStore(join(dir, 'a', 'b', 'settings.json'));
    await nested.update((s) => ({ ...s, language: 'en' }));
    expect((await nested.read()).language).toBe('en');
  });

  it('refuses to write invalid settings, keeping the old file', async () => {
    await store().update(() => full);
    await expect(store().update((s) => ({ ...s, language: 'fr' as 'en' }))).rejects.toThrow();
    expect(await store().read()).toEqual(full);
  });

  it('ignores a temp file left by a crash mid-write: the old content is intact', async () => {
    await store().update(() => full);
    const before = await readFile(path, 'utf8');
    await writeFile(join(dir, `settings.json.tmp-999-abcdef`), '{"version":1,"langu');
    expect(await store().read()).toEqual(full);
    expect(await readFile(path, 'utf8')).toBe(before);
    // and the next write still works
    await store().update((s) => ({ ...s, language: 'en' }));
    expect((await store().read()).language).toBe('en');
  });

  it('serializes concurrent updates in one process so none is lost', async () => {
    const s = store();
    await s.update(() => defaultSettings());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.update((cur) => ({ ...cur, credentials: [...cur.credentials, { ...credential, credentialId: `C${i}` }] })),
      ),
    );
    const ids = (await s.read()).credentials.map((c) => c.credentialId).sort();
    expect(ids).toHaveLength(20);
  });

  it('concurrent writers from separate store instances (as separate processes would) always leave valid JSON', async () => {
    const writers = Array.from({ length: 10 }, () => createSettingsStore(path));
    await Promise.all(writers.map((w, i) => w.update(() => ({ ...full, serviceUrl: `https://t${i}.example` }))));
    const after = JSON.parse(await readFile(path, 'utf8')) as Settings;
    expect(after.serviceUrl).toMatch(/^https:\/\/t\d\.example$/);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('separate store instances (the app and the CLI) updating at once lose no change: the lock file', async () => {
    const writers = Array.from({ length: 10 }, () => createSettingsStore(path));
    await Promise.all(
      writers.flatMap((w, i) =>
        Array.from({ length: 5 }, (_, j) => w.update((cur) => ({ ...cur, credentials: [...cur.credentials, { ...credential, credentialId: `W${i}-${j}` }] }))),
      ),
    );
    expect((await store().read()).credentials).toHaveLength(50);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('two processes updating at once lose no change', async () => {
    const snippet = (tag: string) => `
      const { createSettingsStore } = await import(${JSON.stringify(modulePath('settings-store.ts'))});
      const s = createSettingsStore(${JSON.stringify(path)});
      const credential = ${JSON.stringify(credential)};
      await Promise.all(Array.from({ length: 25 }, (_, i) => s.update((cur) => ({ ...cur, credentials: [...cur.credentials, { ...credential, credentialId: '${tag}' + i }] }))));
      console.log(JSON.stringify('done'));`;
    await Promise.all([runInChild(snippet('A'), process.env), runInChild(snippet('B'), process.env)]);
    const ids = (await store().read()).credentials.map((c) => c.credentialId);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
  });

  it('takes over a lock file left by a process that died mid-update', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(`${path}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(`${path}.lock`, old, old);
    await store().update((cur) => ({ ...cur, language: 'en' }));
    expect((await store().read()).language).toBe('en');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('several stores racing over one stale lock take it over one at a time: no update is lost', async () => {
    const lock = `${path}.lock`;
    const writers = Array.from({ length: 5 }, () => createSettingsStore(path));
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    // Each round plants a lock left by a "crashed" process; all writers find it stale at about
    // the same time. Starting them one event-loop turn apart spreads their steps over each
    // other's takeover (with the old stat-then-unlink takeover ~40% of rounds lost an update).
    for (let round = 0; round < 40; round++) {
      await writeFile(lock, '');
      const old = new Date(Date.now() - 60_000);
      await utimes(lock, old, old);
      await Promise.all(
        writers.map(async (w, i) => {
          for (let turn = 0; turn < i; turn++) await nextTurn();
          await w.update((cur) => ({ ...cur, credentials: [...cur.credentials, { ...credential, credentialId: `R${round}-${i}` }] }));
        }),
      );
      expect((await store().read()).credentials).toHaveLength((round + 1) * writers.length);
    }
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('takes over a lock file whose time is in the future (the clock was set back after a crash)', async () => {
    await writeFile(`${path}.lock`, '');
    const future = new Date(Date.now() + 3_600_000);
    await utimes(`${path}.lock`, future, future);
    await store().update((cur) => ({ ...cur, language: 'en' }));
    expect((await store().read()).language).toBe('en');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('a takeover cut short by a crash (its guard file left behind) does not block updates for good', async () => {
    const old = new Date(Date.now() - 60_000);
    for (const name of ['settings.json.lock', 'settings.json.lock.takeover']) {
      await writeFile(join(dir, name), '123-abcdef');
      await utimes(join(dir, name), old, old);
    }
    await store().update((cur) => ({ ...cur, language: 'en' }));
    expect((await store().read()).language).toBe('en');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('an update whose lock was taken over meanwhile leaves the new holder\'s lock in place', async () => {
    const lock = `${path}.lock`;
    let heldByA = '';
    await store().update((cur) => {
      // A holds the lock now. It looks stale (A is slow), so B takes it over: moves it aside and
      // creates its own lock, the file operations a waiting store does.
      heldByA = readFileSync(lock, 'utf8');
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
      renameSync(lock, `${lock}.taken`);
      writeFileSync(lock, 'B-token', { flag: 'wx' });
      return { ...cur, language: 'en' };
    });
    expect(await readFile(lock, 'utf8').catch(() => 'deleted')).toBe('B-token'); // A's release did not delete B's lock
    expect(heldByA).toMatch(/^\d+-[0-9a-f]{16,}$/); // A's lock named its owner
    expect(await readFile(`${lock}.taken`, 'utf8')).toBe(heldByA);
    expect((await store().read()).language).toBe('en'); // A's own update went through
    await unlink(`${lock}.taken`);
    await unlink(lock); // what B's release would do
  });

  it('a failed write (read-only folder) leaves the old file and no temp file', async () => {
    await store().update(() => full);
    const undo = await makeReadOnly(dir);
    if (undo === null) return expect.fail('cannot make a folder read-only here (need chattr as root)');
    try {
      await expect(store().update((s) => ({ ...s, language: 'en' }))).rejects.toThrow();
    } finally {
      await undo();
    }
    expect(await store().read()).toEqual(full);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});

describe('a corrupt settings file', () => {
  const cases: Array<[string, string]> = [
    ['garbage', '\u0000\u00ff not json at all'],
    ['valid JSON of the wrong shape', JSON.stringify({ version: 1, language: 'en', credentials: [{ credentialId: 'X' }] })],
    ['an empty file', ''],
    ['a newer version', JSON.stringify({ ...full, version: 2 })],
    ['truncated JSON', JSON.stringify(full).slice(0, 40)],
  ];
  for (const [name, content] of cases) {
    it(`${name}: is moved aside with its bytes, reported with the kept path, never replaced`, async () => {
      await writeFile(path, content);
      const s = store();
      const error = await s.read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SettingsCorruptError);
      const keptAt = (error as SettingsCorruptError).keptAt;
      expect(keptAt).toBe(join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z'));
      expect(await readFile(keptAt, 'utf8')).toBe(content);
      expect(await readdir(dir)).toEqual(['settings.json.corrupt-2026-01-02T03-04-05-678Z']);

      // Still reported, by this store and by a fresh one (an app restart), and updates are refused.
      await expect(s.read()).rejects.toMatchObject({ keptAt });
      await expect(store().read()).rejects.toMatchObject({ keptAt });
      await expect(s.update((x) => x)).rejects.toBeInstanceOf(SettingsCorruptError);
      expect(await readdir(dir)).toEqual(['settings.json.corrupt-2026-01-02T03-04-05-678Z']);

      // Start fresh writes defaults; the corrupt copy stays.
      expect(await s.startFresh()).toEqual(defaultSettings());
      expect(await s.read()).toEqual(defaultSettings());
      expect(await store().read()).toEqual(defaultSettings());
      expect(await readFile(keptAt, 'utf8')).toBe(content);
    });
  }

  it('two readers finding the same corrupt file at once both report the one kept copy', async () => {
    await writeFile(path, 'not json');
    const errors = await Promise.all(Array.from({ length: 4 }, () => store().read().catch((e: unknown) => e)));
    for (const error of errors) expect(error).toBeInstanceOf(SettingsCorruptError);
    const kept = new Set(errors.map((e) => (e as SettingsCorruptError).keptAt));
    expect(kept.size).toBe(1);
    expect(await readFile([...kept][0]!, 'utf8')).toBe('not json');
  });

  it('keeps every corrupt copy when two are found in the same millisecond', async () => {
    await writeFile(path, 'first');
    await store().read().catch(() => undefined);
    await store().startFresh();
    await writeFile(path, 'second');
    const error = (await store().read().catch((e: unknown) => e)) as SettingsCorruptError;
    expect(error.keptAt).toBe(join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z-1'));
    expect(await readFile(join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z'), 'utf8')).toBe('first');
    expect(await readFile(error.keptAt, 'utf8')).toBe('second');
  });

  it('start fresh does nothing to readable settings', async () => {
    await store().update(() => full);
    expect(await store().startFresh()).toEqual(full);
    expect(await store().read()).toEqual(full);
  });

  it('a corrupt file found by startFresh itself is kept aside before defaults are written', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(path, '{oops');
    expect(await store().startFresh()).toEqual(defaultSettings());
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.corrupt-2026-01-02T03-04-05-678Z']);
  });
});
