/**
 * The IPC handler table: one function per request channel of the contract, each returning a
 * Result value. Nothing is thrown across: known failures become their ErrorCode, anything
 * else `internal` with no detail, so that no secret or path can leak through an exception.
 *
 * Codes are computed here, in main, from the keychain secret and the corrected clock
 * (local clock + measured offset); the renderer never sees a secret.
 */
import { formatOtpauth } from '../../core/otpauth.js';
import {
  DEFAULT_PREFERENCES,
  type AddOutcome,
  type AppError,
  type AppState,
  type CredentialCard,
  type ErrorCode,
  type Language,
  type Preferences,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../shared/contract.js';
import { BackupError, decryptBackup, encryptBackup, MIN_PASSWORD_LENGTH } from './backup.js';
import { accountsFrom, InvalidLinkError, manualCredentials, type FoundAccounts } from './account-input.js';
import { clockStatus, type ClockKeeper } from './clock-offset.js';
import { BookError, createCredentialBook, selectedOf } from './credential-book.js';
import { provisionFromService, provisionFromVip, type Provisioned } from './provision-flows.js';
import { parseServiceUrl, ServiceError, type ProvisioningClient } from './provisioning-client.js';
import { decodeQrImageOffThread } from './qr-offthread.js';
import { QrError, qrSvg } from './qr.js';
import { FileReadError, readFileWithin } from './read-limited.js';
import { SettingsCorruptError, SettingsWriteError, writeFileAtomic, type Settings, type SettingsStore, type StoredCredential } from './settings-store.js';
import type { VipClient } from './vip-client.js';
import { VaultError, type Vault } from './vault.js';

/** The clipboard as handlers use it: main-context backs it with the clipboard guard. */
export interface ClipboardPort {
  /** Writes `text` (concealed where the OS allows) and clears it after `clearAfterMs` unless replaced; 0 = never. */
  copy(text: string, clearAfterMs: number): Promise<void>;
  /** The image on the clipboard as PNG or JPEG bytes, or null when it holds none. */
  readImage(): Promise<Uint8Array | null>;
}

/** File dialogs, shown by the glue (Electron's dialog) or answered by the test harness. Null = cancelled. */
export interface DialogPort {
  openImage(): Promise<string | null>;
  openBackup(): Promise<string | null>;
  saveBackup(defaultName: string): Promise<string | null>;
}

export interface MainDeps {
  vault: Vault;
  store: SettingsStore;
  provisioning: ProvisioningClient;
  vip: VipClient;
  clock: ClockKeeper;
  clipboard: ClipboardPort;
  dialogs: DialogPort;
  /** Local clock, ms since the epoch. */
  now: () => number;
  /** The OS locale, e.g. "ja-JP". */
  systemLocale: () => string;
  /** Used when the settings name no service (the glue reads MAMORI_SERVICE_URL into it). */
  defaultServiceUrl: string;
  /** Sent to the service at provisioning, e.g. "linux". */
  platform: string;
  /** Told after the settings changed (the glue applies always-on-top, start at login, ...). */
  onSettingsChanged?: (state: AppState) => void;
}

export type Handlers = {
  [C in RequestChannel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};

/** Largest image file opened for a QR code; screenshots are a few MB. */
const MAX_IMAGE_FILE_BYTES = 25 * 1024 * 1024;
/** Largest backup file read (the backup module checks the same bound on the bytes). */
const MAX_BACKUP_FILE_BYTES = 10 * 1024 * 1024;

/** A failure that handlers return as a value. */
class Refusal extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.code);
    this.error = error;
  }
}

function refuse(code: ErrorCode, detail?: string): never {
  throw new Refusal(detail === undefined ? { code } : { code, detail: detail.slice(0, 500) });
}

/** Known failures to their contract error; null for anything unexpected. */
function toAppError(error: unknown): AppError | null {
  if (error instanceof Refusal) return error.error;
  if (error instanceof SettingsCorruptError) return { code: 'settings_corrupt', keptAt: error.keptAt };
  if (error instanceof VaultError) return { code: error.code };
  if (error instanceof ServiceError) return { code: error.code, detail: error.detail };
  if (error instanceof BookError) return { code: error.code, detail: error.message };
  if (error instanceof InvalidLinkError) return { code: 'invalid_link', detail: error.message };
  if (error instanceof QrError) return { code: 'qr_unreadable', detail: error.message };
  if (error instanceof BackupError) {
    if (error.reason === 'weak_password') return { code: 'weak_password', detail: error.message };
    if (error.reason === 'wrong_password') return { code: 'backup_wrong_password' };
    return { code: 'backup_unreadable', detail: error.message };
  }
  if (error instanceof SettingsWriteError) return { code: 'internal', detail: `Could not save the settings file (${error.reason}).` };
  return null;
}

export function resolveLanguage(preference: Settings['language'], systemLocale: string): Language {
  if (preference !== 'system') return preference;
  return systemLocale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The preferences the renderer sees (window bounds stay in main). */
export function preferencesOf(settings: Settings | null): Preferences {
  if (settings === null) return { ...DEFAULT_PREFERENCES };
  const { closeToTray, startAtLogin, alwaysOnTop, clipboardClearSeconds } = settings.preferences;
  return { closeToTray, startAtLogin, alwaysOnTop, clipboardClearSeconds };
}

/** The fields of `value` that are not undefined (a request's absent fields change nothing). */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function viewOf(credential: StoredCredential): CredentialCard['credential'] {
  const { credentialId, label, issuer, digits, period, source, createdAt, expiresAt } = credential;
  return { credentialId, label, issuer, digits, period, source, createdAt, expiresAt };
}

export function createHandlers(deps: MainDeps): Handlers {
  const book = createCredentialBook(deps);

  // Mutations run one at a time: a double click on "get a credential" must not provision twice.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function guarded<T>(task: () => Promise<T>): Promise<Result<T>> {
    try {
      return { ok: true, value: await task() };
    } catch (error) {
      return { ok: false, error: toAppError(error) ?? { code: 'internal' } };
    }
  }

  function common(settings: Settings | null) {
    const preference = settings?.language ?? 'system';
    return {
      language: resolveLanguage(preference, deps.systemLocale()),
      languagePreference: preference,
      serviceUrl: settings?.serviceUrl ?? deps.defaultServiceUrl,
      preferences: preferencesOf(settings),
    };
  }

  /** The state for the renderer. Keychain and settings failures are a state, not a failure. */
  async function state(): Promise<AppState> {
    let settings: Settings;
    try {
      settings = await deps.store.read();
    } catch (error) {
      if (error instanceof SettingsCorruptError) return { kind: 'error', ...common(null), error: { code: 'settings_corrupt', keptAt: error.keptAt } };
      throw error;
    }
    const selected = selectedOf(settings);
    if (selected === undefined) return { kind: 'setup', ...common(settings) };
    try {
      const codes = await book.allCodes(settings);
      const credentials = settings.credentials.map((credential, i) => ({ credential: viewOf(credential), code: codes[i]! }));
      return { kind: 'ready', ...common(settings), credentials, selectedId: selected.credentialId, clock: clockStatus(settings.clock) };
    } catch (error) {
      if (error instanceof VaultError) return { kind: 'error', ...common(settings), error: { code: error.code } };
      throw error;
    }
  }

  /** Adds the accounts of a link or QR code as manual credentials; the secrets are zeroed afterwards. */
  async function addAccounts(found: FoundAccounts): Promise<AddOutcome> {
    try {
      const result = await book.add(manualCredentials(found.accounts, deps.now()), { select: true });
      return { state: await state(), added: result.added.map((c) => c.credentialId), skipped: [...found.skipped, ...result.skipped], cancelled: false };
    } finally {
      for (const account of found.accounts) account.secret.fill(0);
    }
  }

  async function cancelledOutcome(): Promise<AddOutcome> {
    return { state: await state(), added: [], skipped: [], cancelled: true };
  }

  /** Adds one provisioned credential and selects it; the secret is zeroed afterwards. */
  async function keepProvisioned({ entry, clock }: Provisioned): Promise<AppState> {
    try {
      const result = await book.add([entry], clock === undefined ? { select: true } : { select: true, clock });
      if (result.added.length === 0) throw new BookError('already_have_credential', `${entry.meta.credentialId} is already in Mamori.`);
    } finally {
      entry.secret.fill(0);
    }
    return state();
  }

  /** A file the user picked (see read-limited.ts), its failures in the contract's words. */
  async function readLimited(path: string, limit: number, what: 'image' | 'backup'): Promise<Uint8Array> {
    try {
      return await readFileWithin(path, limit);
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      const code = what === 'image' ? 'qr_unreadable' : 'backup_unreadable';
      if (error.reason === 'too_large') refuse(code, `The file is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
      refuse(code, error.message);
    }
  }

  return {
    'state:get': () => guarded(state),

    'credential:provision': ({ onlyIfNone }) =>
      guarded(() =>
        exclusive(async () => {
          const settings = await deps.store.read();
          // Checked inside the queue, so two first-start attempts cannot both see "none".
          if (onlyIfNone === true && settings.credentials.length > 0) return state();
          const serviceUrl = settings.serviceUrl ?? deps.defaultServiceUrl;
          return keepProvisioned(await provisionFromService(deps.provisioning, serviceUrl, deps.platform, deps.now()));
        }),
      ),

    'credential:provision-vip': ({ model }) =>
      guarded(() => exclusive(async () => keepProvisioned(await provisionFromVip(deps.vip, model, deps.now())))),

    'credential:add': (request) => guarded(() => exclusive(() => addAccounts(accountsFrom(request.link, request.label)))),

    'credential:add-from-qr-file': () =>
      guarded(() =>
        exclusive(async () => {
          const path = await deps.dialogs.openImage();
          if (path === null) return cancelledOutcome();
          const text = await decodeQrImageOffThread(await readLimited(path, MAX_IMAGE_FILE_BYTES, 'image'));
          return addAccounts(accountsFrom(text));
        }),
      ),

    'credential:add-from-clipboard': () =>
      guarded(() =>
        exclusive(async () => {
          const image = await deps.clipboard.readImage();
          if (image === null) refuse('qr_unreadable', 'The clipboard holds no image. Copy a screenshot of the QR code first.');
          if (image.length > MAX_IMAGE_FILE_BYTES) refuse('qr_unreadable', 'The image on the clipboard is too large.');
          return addAccounts(accountsFrom(await decodeQrImageOffThread(image)));
        }),
      ),

    'credential:select': ({ credentialId }) => guarded(() => exclusive(async () => (await book.select(credentialId), state()))),
    'credential:rename': ({ credentialId, label }) => guarded(() => exclusive(async () => (await book.rename(credentialId, label), state()))),
    'credential:move': ({ credentialId, toIndex }) => guarded(() => exclusive(async () => (await book.move(credentialId, toIndex), state()))),
    'credential:delete': ({ credentialId }) => guarded(() => exclusive(async () => (await book.remove(credentialId), state()))),

    'credential:reveal': ({ credentialId }) =>
      guarded(async () => {
        const { meta, secret } = await book.secretOf(credentialId);
        try {
          const link = formatOtpauth({ secret, issuer: meta.issuer, label: meta.label, algorithm: meta.algorithm, digits: meta.digits, period: meta.period });
          return { link, qrSvg: await qrSvg(link) };
        } finally {
          secret.fill(0);
        }
      }),

    'code:copy': ({ credentialId }) =>
      guarded(async () => {
        const settings = await deps.store.read();
        const credential = book.find(settings, credentialId);
        const { code } = await book.codes(settings, credential);
        await deps.clipboard.copy(code, settings.preferences.clipboardClearSeconds * 1000);
        return { copied: 'code' } as const;
      }),

    'credential-id:copy': ({ credentialId }) =>
      guarded(async () => {
        const settings = await deps.store.read();
        const credential = book.find(settings, credentialId);
        await deps.clipboard.copy(credential.credentialId, settings.preferences.clipboardClearSeconds * 1000);
        return { copied: 'credential-id' } as const;
      }),

    'backup:export': ({ password }) =>
      guarded(() =>
        exclusive(async () => {
          // Checked before the dialog, so a too-short password does not cost the user a file choice.
          if ([...password.normalize('NFKC')].length < MIN_PASSWORD_LENGTH)
            refuse('weak_password', `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
          const settings = await deps.store.read();
          if (settings.credentials.length === 0) refuse('no_credential');
          const day = new Date(deps.now()).toISOString().slice(0, 10);
          const path = await deps.dialogs.saveBackup(`mamori-backup-${day}.mamori`);
          if (path === null) return { saved: false, count: 0, missing: 0 };
          const { entries, missing } = await book.withSecrets();
          if (entries.length === 0) refuse('secret_missing', 'The keychain has no secret for any credential: there is nothing to back up.');
          try {
            const bytes = await encryptBackup(
              entries.map((e) => ({ ...e.meta, secret: e.secret })),
              password,
              { now: deps.now },
            ).catch((error: unknown) => {
              // A refusal while writing is not an unreadable file: say what could not be saved.
              if (error instanceof BackupError && error.reason !== 'weak_password') refuse('internal', `The backup could not be made: ${error.message}`);
              throw error;
            });
            await writeFileAtomic(path, new TextDecoder().decode(bytes));
          } finally {
            for (const entry of entries) entry.secret.fill(0);
          }
          return { saved: true, count: entries.length, missing: missing.length };
        }),
      ),

    'backup:import': ({ password }) =>
      guarded(() =>
        exclusive(async () => {
          const path = await deps.dialogs.openBackup();
          if (path === null) return cancelledOutcome();
          const restored = await decryptBackup(await readLimited(path, MAX_BACKUP_FILE_BYTES, 'backup'), password);
          try {
            const result = await book.add(
              restored.map(({ secret, ...meta }) => ({ meta, secret })),
              { select: false },
            );
            return { state: await state(), added: result.added.map((c) => c.credentialId), skipped: result.skipped, cancelled: false };
          } finally {
            for (const entry of restored) entry.secret.fill(0);
          }
        }),
      ),

    'settings:update': (request) =>
      guarded(() =>
        exclusive(async () => {
          const serviceUrl = request.serviceUrl?.trim();
          if (serviceUrl !== undefined) parseServiceUrl(serviceUrl); // throws service_url_invalid with the reason
          const { language, closeToTray, startAtLogin, alwaysOnTop, clipboardClearSeconds } = request;
          const changed = { closeToTray, startAtLogin, alwaysOnTop, clipboardClearSeconds };
          await deps.store.update((settings) => ({
            ...settings,
            ...(language === undefined ? {} : { language }),
            ...(serviceUrl === undefined ? {} : { serviceUrl }),
            preferences: { ...settings.preferences, ...definedOnly(changed) },
          }));
          const next = await state();
          deps.onSettingsChanged?.(next);
          return next;
        }),
      ),

    'settings:start-fresh': () =>
      guarded(() =>
        exclusive(async () => {
          await deps.store.startFresh();
          return state();
        }),
      ),
  };
}
