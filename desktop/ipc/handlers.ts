/**
 * The IPC handler table: one function per request channel of the contract, each an adapter that
 * takes the parsed request, calls the desktop layer (the credential book, operations/, the state
 * reader) and returns a Result (app-errors.ts); nothing is thrown across.
 *
 * Codes are computed in main, from the keychain secret and the corrected clock (local clock +
 * measured offset); the renderer never sees a secret.
 */
import { formatOtpauth } from '../../core/otpauth.js';
import { withSecrets } from '../../core/wipe.js';
import type { AddOutcome, RequestChannel, RequestOf, ResponseOf, Result } from '../../electron/shared/contract.js';
import { accountsFrom, type FoundAccounts } from '../account-input.js';
import { BackupError, isLongEnoughPassword, MIN_PASSWORD_LENGTH } from '../backup.js';
import type { ClockKeeper } from '../clock-offset.js';
import { createCredentialBook } from '../credential-book.js';
import { addAccounts } from '../operations/add-accounts.js';
import { exportBackup } from '../operations/backup-export.js';
import { importBackup, readBackupFile } from '../operations/backup-import.js';
import { keepProvisioned, provisionFromService, provisionFromVip } from '../operations/provision.js';
import type { PreferencesFeed } from '../preferences-feed.js';
import { parseServiceUrl, type ProvisioningClient } from '../provisioning-client.js';
import { decodeQrImageOffThread } from '../qr-offthread.js';
import { qrSvg } from '../qr.js';
import { readFileWithin } from '../read-limited.js';
import { createSerialQueue } from '../serial-queue.js';
import { writeFileAtomic, type Settings, type SettingsStore } from '../settings-store.js';
import { serviceUrlOf } from '../settings-view.js';
import type { VipClient } from '../vip-client.js';
import type { Vault } from '../vault.js';
import { guarded, readPicked, refuse } from './app-errors.js';
import { createStateReader } from './app-state.js';

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
  /** Used when the settings name no service (the host passes its configuration's; '' = none). */
  defaultServiceUrl: string;
  /** Sent to the service at provisioning, e.g. "linux". */
  platform: string;
  /** Told after the settings changed, for the glue (always on top, start at login, ...). */
  preferences: PreferencesFeed;
}

export type Handlers = {
  [C in RequestChannel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};

/** Largest image file opened for a QR code; screenshots are a few MB. */
const MAX_IMAGE_FILE_BYTES = 25 * 1024 * 1024;

/** The fields of `value` that are not undefined (a request's absent fields change nothing). */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createHandlers(deps: MainDeps): Handlers {
  const book = createCredentialBook(deps);
  const state = createStateReader(deps, book);
  // Changes run one at a time: a double click on "get a credential" must not provision twice.
  const exclusive = createSerialQueue();
  const change = <T>(task: () => Promise<T>) => guarded(() => exclusive(task));

  async function added(found: FoundAccounts): Promise<AddOutcome> {
    const result = await addAccounts(book, found, deps.now());
    return { state: await state(), added: result.added.map((c) => c.credentialId), skipped: result.skipped, cancelled: false };
  }

  async function cancelled(): Promise<AddOutcome> {
    return { state: await state(), added: [], skipped: [], cancelled: true };
  }

  async function copy(text: string, settings: Settings): Promise<void> {
    await deps.clipboard.copy(text, settings.preferences.clipboardClearSeconds * 1000);
  }

  return {
    'state:get': () => guarded(state),

    'credential:provision': ({ onlyIfNone }) =>
      change(async () => {
        const settings = await deps.store.read();
        // Checked inside the queue, so two first-start attempts cannot both see "none".
        if (onlyIfNone === true && settings.credentials.length > 0) return state();
        const serviceUrl = serviceUrlOf(settings, deps.defaultServiceUrl);
        await keepProvisioned(book, await provisionFromService(deps.provisioning, serviceUrl, deps.platform, deps.now()));
        return state();
      }),

    'credential:provision-vip': ({ model }) =>
      change(async () => {
        await keepProvisioned(book, await provisionFromVip(deps.vip, model, deps.now()));
        return state();
      }),

    'credential:add': (request) => change(() => added(accountsFrom(request.link, request.label))),

    'credential:add-from-qr-file': () =>
      change(async () => {
        const path = await deps.dialogs.openImage();
        if (path === null) return cancelled();
        const image = await readPicked(() => readFileWithin(path, MAX_IMAGE_FILE_BYTES), 'qr_unreadable');
        return added(accountsFrom(await decodeQrImageOffThread(image)));
      }),

    'credential:add-from-clipboard': () =>
      change(async () => {
        const image = await deps.clipboard.readImage();
        if (image === null) refuse('qr_unreadable', 'The clipboard holds no image. Copy a screenshot of the QR code first.');
        if (image.length > MAX_IMAGE_FILE_BYTES) refuse('qr_unreadable', 'The image on the clipboard is too large.');
        return added(accountsFrom(await decodeQrImageOffThread(image)));
      }),

    'credential:select': ({ credentialId }) => change(async () => (await book.select(credentialId), state())),
    'credential:rename': ({ credentialId, label }) => change(async () => (await book.rename(credentialId, label), state())),
    'credential:move': ({ credentialId, toIndex }) => change(async () => (await book.move(credentialId, toIndex), state())),
    'credential:delete': ({ credentialId }) => change(async () => (await book.remove(credentialId), state())),

    'credential:reveal': ({ credentialId }) =>
      guarded(async () => {
        const { meta, secret } = await book.secretOf(credentialId);
        return withSecrets(secret, async () => {
          const link = formatOtpauth({ secret, issuer: meta.issuer, label: meta.label, algorithm: meta.algorithm, digits: meta.digits, period: meta.period });
          return { link, qrSvg: await qrSvg(link) };
        });
      }),

    'code:copy': ({ credentialId }) =>
      guarded(async () => {
        const settings = await deps.store.read();
        const { code } = await book.codes(settings, book.find(settings, credentialId));
        await copy(code, settings);
        return { copied: 'code' } as const;
      }),

    'credential-id:copy': ({ credentialId }) =>
      guarded(async () => {
        const settings = await deps.store.read();
        await copy(book.find(settings, credentialId).credentialId, settings);
        return { copied: 'credential-id' } as const;
      }),

    'backup:export': ({ password }) =>
      change(async () => {
        // Checked before the dialog, so a too-short password does not cost the user a file choice.
        if (!isLongEnoughPassword(password)) refuse('weak_password', `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
        const settings = await deps.store.read();
        if (settings.credentials.length === 0) refuse('no_credential');
        const day = new Date(deps.now()).toISOString().slice(0, 10);
        const path = await deps.dialogs.saveBackup(`mamori-backup-${day}.mamori`);
        if (path === null) return { saved: false, count: 0, missing: 0 };
        try {
          const { count, missing } = await exportBackup(book, password, { now: deps.now, write: (text) => writeFileAtomic(path, text) });
          return { saved: true, count, missing: missing.length };
        } catch (error) {
          // A refusal while writing is not an unreadable file: say what could not be saved.
          if (error instanceof BackupError && error.reason !== 'weak_password') refuse('internal', `The backup could not be made: ${error.message}`);
          throw error;
        }
      }),

    'backup:import': ({ password }) =>
      change(async () => {
        const path = await deps.dialogs.openBackup();
        if (path === null) return cancelled();
        const result = await importBackup(book, await readPicked(() => readBackupFile(path), 'backup_unreadable'), password);
        return { state: await state(), added: result.added.map((c) => c.credentialId), skipped: result.skipped, cancelled: false };
      }),

    'settings:update': (request) =>
      change(async () => {
        const serviceUrl = request.serviceUrl?.trim();
        if (serviceUrl !== undefined) parseServiceUrl(serviceUrl); // throws service_url_invalid with the reason
        const { language, closeToTray, startAtLogin, alwaysOnTop, clipboardClearSeconds } = request;
        const changed = { closeToTray, startAtLogin, alwaysOnTop, clipboardClearSeconds };
        const saved = await deps.store.update((settings) => ({
          ...settings,
          ...(language === undefined ? {} : { language }),
          ...(serviceUrl === undefined ? {} : { serviceUrl }),
          preferences: { ...settings.preferences, ...definedOnly(changed) },
        }));
        deps.preferences.announce(saved);
        return state();
      }),

    'settings:start-fresh': () =>
      change(async () => {
        await deps.store.startFresh();
        return state();
      }),
  };
}
