/**
 * Settings and credential metadata (never secrets) as one JSON file in the user-data folder.
 *
 * Writes are atomic: a temp file in the same folder, fsync, rename over the old file, fsync
 * the folder, so a crash leaves either the old or the new file, never half of one.
 * Reads are validated; a file that fails validation is renamed aside
 * (`settings.json.corrupt-<time>`) with its bytes untouched and reported as
 * SettingsCorruptError. It is never silently replaced: until the user chooses "start fresh",
 * every read keeps reporting it, also after a restart (a missing settings file next to a kept
 * corrupt copy still counts as corrupt).
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { errnoOf, isErrno } from '../node-shared/errno.js';
import { DEFAULT_PREFERENCES, LanguagePreference, MAX_CLIPBOARD_CLEAR_SECONDS } from '../electron/shared/contract.js';
import { createSerialQueue } from './serial-queue.js';

export const StoredCredential = z.object({
  credentialId: z.string().min(1).max(200),
  label: z.string().max(200),
  issuer: z.string().max(200),
  algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
  digits: z.union([z.literal(6), z.literal(8)]),
  period: z.union([z.literal(30), z.literal(60)]),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  source: z.enum(['service', 'manual', 'vip']),
});
export type StoredCredential = z.infer<typeof StoredCredential>;

export const SavedClock = z.object({
  /** Token service time minus local time, ms. */
  offsetMs: z.number(),
  /** Local clock (ms since the epoch) when the offset was measured. */
  measuredAt: z.number(),
});
export type SavedClock = z.infer<typeof SavedClock>;

/** The window's last position and size (main-side only; never sent to the renderer). */
export const WindowBounds = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

/**
 * Desktop preferences. Every field has a default, so a settings file written before they
 * existed still loads (and gains them on its next write).
 */
export const StoredPreferences = z.object({
  closeToTray: z.boolean().default(DEFAULT_PREFERENCES.closeToTray),
  startAtLogin: z.boolean().default(DEFAULT_PREFERENCES.startAtLogin),
  alwaysOnTop: z.boolean().default(DEFAULT_PREFERENCES.alwaysOnTop),
  clipboardClearSeconds: z.number().int().min(0).max(MAX_CLIPBOARD_CLEAR_SECONDS).default(DEFAULT_PREFERENCES.clipboardClearSeconds),
  windowBounds: WindowBounds.optional(),
});
export type StoredPreferences = z.infer<typeof StoredPreferences>;

export const Settings = z.object({
  version: z.literal(1),
  language: LanguagePreference,
  serviceUrl: z.string().min(1).max(2048).optional(),
  credentials: z.array(StoredCredential).max(1000),
  /** The credential the window shows large; the first one when absent or stale. */
  selectedId: z.string().min(1).max(200).optional(),
  clock: SavedClock.optional(),
  preferences: StoredPreferences.prefault({}),
});
export type Settings = z.infer<typeof Settings>;

export function defaultSettings(): Settings {
  return { version: 1, language: 'system', credentials: [], preferences: { ...DEFAULT_PREFERENCES } };
}

export const SETTINGS_FILE = 'settings.json';

export class SettingsCorruptError extends Error {
  readonly code = 'settings_corrupt';
  /** Where the unreadable file now is, with its original bytes. */
  readonly keptAt: string;
  constructor(keptAt: string, why: string) {
    super(`The settings file could not be read (${why}); it was kept at ${keptAt}.`);
    this.name = 'SettingsCorruptError';
    this.keptAt = keptAt;
  }
}

/** The settings could not be saved (read-only or full disk, permissions). */
export class SettingsWriteError extends Error {
  /** The system error code (EACCES, ENOSPC, ...), safe to show: it names no path or content. */
  readonly reason: string;
  constructor(reason: string) {
    super(`The settings file could not be saved (${reason}).`);
    this.name = 'SettingsWriteError';
    this.reason = reason;
  }
}

export interface SettingsStore {
  readonly path: string;
  /** The settings; defaults when there is no file. Throws SettingsCorruptError. */
  read(): Promise<Settings>;
  /**
   * Read, change, validate and write, one at a time within this process, so that two
   * concurrent updates cannot lose each other's change. Throws SettingsCorruptError.
   */
  update(change: (current: Settings) => Settings): Promise<Settings>;
  /**
   * After SettingsCorruptError: write defaults (the corrupt copy stays where it was kept).
   * Does nothing when the settings are readable, so a double click cannot wipe good settings.
   */
  startFresh(): Promise<Settings>;
}

export interface SettingsStoreOptions {
  /** Clock for the corrupt copy's name. */
  readonly now?: () => number;
}

/** How long an update waits for the other process's update to finish. */
const LOCK_WAIT_MS = 5_000;
/** A lock file older than this was left by a process that died mid-update. */
const STALE_LOCK_MS = 10_000;
/**
 * A lock file dated more than this in the future was left before the clock was set back (it
 * would otherwise never grow old enough to be stale). A live lock is dated by the clock we read,
 * so it is never ahead by more than the file system's timestamp granularity.
 */
const FUTURE_LOCK_MS = 2_000;
/** Stale locks removed in one go before waiting like for a live one (a bound, never reached in practice). */
const MAX_TAKEOVERS = 5;

/** Write `text` to `path` atomically (temp file in the same folder, fsync, rename, fsync folder). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${basename(path)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
}

// The rename is durable only once the folder entry is on disk. Windows cannot open a
// folder for fsync (EISDIR/EPERM); there the rename is as durable as the OS makes it.
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP'].some((code) => isErrno(error, code))) throw error;
  } finally {
    await handle?.close();
  }
}

/*
 * The cross-process lock: a file beside the settings file, created exclusively ("wx") and holding
 * a token that names its holder (pid and random hex), so that a holder removes only its own lock.
 *
 * A lock older than STALE_LOCK_MS, or dated in the future, was left by a process that died: it
 * is taken over. A waiter must not act on what it saw a moment ago, since another waiter may have
 * taken the same stale lock over in between and created a live one; two waiters each moving
 * "the stale lock" would then both get in. So takeovers are one at a time, under a second lock
 * file (`<lock>.takeover`, held for a few file operations and removed directly when stale): the
 * guard's holder looks at the lock again, moves it aside with rename and deletes it only if what
 * it moved is stale. A live lock moved by mistake (a slow holder released and another process
 * locked in the instant between that look and the move) is put straight back.
 *
 * The lock's time is not refreshed while held: an update is a read, a validation and one atomic
 * write of a small file, milliseconds even with the fsyncs, three orders of magnitude below
 * STALE_LOCK_MS. A holder slower than that (a stalled disk) may be taken over, and it then
 * overlaps the new holder whatever it does; its release at least sees another token and leaves
 * the new holder's lock alone (releaseLock).
 */

function lockToken(): string {
  return `${process.pid}-${randomBytes(8).toString('hex')}`;
}

function isStale(info: Stats): boolean {
  const age = Date.now() - info.mtimeMs;
  return age > STALE_LOCK_MS || age < -FUTURE_LOCK_MS;
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
}

/** Create the lock file `path` holding `token`; false when it already exists. */
async function createLock(path: string, token: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await handle.writeFile(token, 'utf8');
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

/**
 * Remove the lock file `path` if it is ours. Not atomic: if another process replaces the lock
 * between the read and the unlink, its lock is removed. That needs it to judge our lock stale in
 * that instant, i.e. our update took longer than STALE_LOCK_MS (or the clock jumped ahead by
 * more), which breaks the exclusion on its own; the check covers the real case, a slow holder
 * releasing long after it was taken over.
 */
async function releaseLock(path: string, token: string): Promise<void> {
  const held = await readFile(path, 'utf8').catch(() => null);
  if (held === token) await unlink(path).catch(() => undefined);
}

/**
 * If the lock file `path` is stale, move it aside (to a name only this taker uses) and delete it;
 * a live lock that replaced it between the look and the move is put back.
 */
async function removeIfStale(path: string, token: string): Promise<void> {
  const seen = await statOrNull(path);
  if (seen === null || !isStale(seen)) return; // another waiter took it over first
  const aside = `${path}.stale-${token}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return; // someone else removed it first
    throw error;
  }
  const moved = await statOrNull(aside);
  if (moved !== null && !isStale(moved)) {
    // link() fails if yet another lock was created meanwhile: never replace one.
    await link(aside, path).catch(async (error: unknown) => {
      // No hard links here (FAT): a plain rename back, unless a lock exists again.
      if (!isErrno(error, 'EEXIST') && (await statOrNull(path)) === null) await rename(aside, path).catch(() => undefined);
    });
  }
  await unlink(aside).catch(() => undefined);
}

/**
 * Take the lock file `path` if it is free or stale; false when a live holder has it. Stale locks
 * are removed under the lock `guard` (null: this is the guard itself, removed directly, as it is
 * held only for a takeover and so is stale only after a crash in the middle of one).
 */
async function tryLock(path: string, token: string, guard: string | null): Promise<boolean> {
  for (let takeovers = 0; takeovers < MAX_TAKEOVERS; takeovers++) {
    if (await createLock(path, token)) return true;
    const info = await statOrNull(path);
    if (info === null) continue; // released just now
    if (!isStale(info)) return false;
    if (guard === null) {
      await removeIfStale(path, token);
      continue;
    }
    if (!(await tryLock(guard, token, null))) return false; // another waiter is taking it over
    // Under the guard no other waiter moves the lock, so removeIfStale's second look is current.
    try {
      await removeIfStale(path, token);
    } finally {
      await releaseLock(guard, token);
    }
  }
  return false;
}

function fileSafeTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid content';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
  return `${where}: ${issue.message}`.slice(0, 200);
}

export function createSettingsStore(path: string, options: SettingsStoreOptions = {}): SettingsStore {
  const now = options.now ?? Date.now;
  const dir = dirname(path);
  const corruptPrefix = `${basename(path)}.corrupt-`;
  /** Set when this process moved a corrupt file aside, cleared by startFresh. */
  let corrupt: SettingsCorruptError | null = null;
  const serialized = createSerialQueue();

  async function keptCopy(): Promise<string | null> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    }
    // The timestamp suffix sorts lexically in time order; the newest copy is the one to report.
    const kept = names.filter((name) => name.startsWith(corruptPrefix)).sort();
    const newest = kept[kept.length - 1];
    return newest === undefined ? null : join(dir, newest);
  }

  async function moveAside(why: string): Promise<never> {
    const base = `${path}.corrupt-${fileSafeTime(now())}`;
    let target = base;
    for (let n = 1; ; n++) {
      try {
        // rename() replaces silently: never let a second corrupt file overwrite an earlier copy.
        await stat(target);
        target = `${base}-${n}`;
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error;
        break;
      }
    }
    try {
      await rename(path, target);
    } catch (error) {
      // Another reader (the CLI, or a concurrent read here) moved it aside first: report its copy.
      if (!isErrno(error, 'ENOENT')) throw error;
      const kept = await keptCopy();
      if (kept === null) throw error;
      corrupt = new SettingsCorruptError(kept, why);
      throw corrupt;
    }
    await syncDir(dir);
    corrupt = new SettingsCorruptError(target, why);
    throw corrupt;
  }

  async function readValidated(): Promise<Settings> {
    if (corrupt !== null) throw corrupt;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
      const kept = await keptCopy();
      if (kept !== null) {
        corrupt = new SettingsCorruptError(kept, 'it was found unreadable earlier');
        throw corrupt;
      }
      return defaultSettings();
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return moveAside(text.trim() === '' ? 'the file is empty' : 'it is not valid JSON');
    }
    const parsed = Settings.safeParse(json);
    if (!parsed.success) return moveAside(describe(parsed.error));
    return parsed.data;
  }

  async function write(settings: Settings): Promise<Settings> {
    // Validate on the way out too: a bug must not produce a file that the next start calls corrupt.
    const valid = Settings.parse(settings);
    try {
      await writeFileAtomic(path, `${JSON.stringify(valid, null, 2)}\n`);
    } catch (error) {
      throw new SettingsWriteError(errnoOf(error));
    }
    return valid;
  }

  /**
   * The app and the `mamori` CLI are two processes writing one file: a read-change-write holds
   * an exclusive lock file beside it, so neither can lose the other's change. A lock left by a
   * crashed process is taken over once it is older than any real update takes (see tryLock).
   */
  async function locked<T>(task: () => Promise<T>): Promise<T> {
    const lockPath = `${path}.lock`;
    const token = lockToken();
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      let taken: boolean;
      try {
        await mkdir(dir, { recursive: true });
        taken = await tryLock(lockPath, token, `${lockPath}.takeover`);
      } catch (error) {
        throw new SettingsWriteError(errnoOf(error));
      }
      if (taken) break;
      if (Date.now() - started > LOCK_WAIT_MS) throw new SettingsWriteError('EBUSY');
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50)));
    }
    try {
      return await task();
    } finally {
      await releaseLock(lockPath, token);
    }
  }

  return {
    path,
    read: () => serialized(readValidated),
    update: (change) => serialized(() => locked(async () => write(change(await readValidated())))),
    startFresh: () =>
      serialized(async () => {
        try {
          return await readValidated();
        } catch (error) {
          if (!(error instanceof SettingsCorruptError)) throw error;
        }
        const fresh = await locked(() => write(defaultSettings()));
        corrupt = null;
        return fresh;
      }),
  };
}
