/**
 * The IPC handler table: one function per request channel of the contract, each returning a
 * Result value. Nothing is thrown across: known failures become their ErrorCode, anything
 * else `internal` with no detail, so that no secret or path can leak through an exception.
 *
 * Codes are computed here, in main, from the keychain secret and the corrected clock
 * (local clock + measured offset); the renderer never sees a secret.
 */
import { randomBytes } from 'node:crypto';
import { base32Decode, Base32Error } from '../../core/base32.js';
import { parseOtpauth } from '../../core/otpauth.js';
import { stepEndsAt } from '../../core/step.js';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES, totp, type TotpParams } from '../../core/totp.js';
import {
  DEFAULT_PREFERENCES,
  type AppError,
  type AppState,
  type ErrorCode,
  type Language,
  type Preferences,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../shared/contract.js';
import { clockStatus, offsetFromSample, type ClockKeeper } from './clock-offset.js';
import { parseServiceUrl, ServiceError, type ProvisioningClient } from './provisioning-client.js';
import { SettingsCorruptError, SettingsWriteError, type Settings, type SettingsStore, type StoredCredential } from './settings-store.js';
import { nodeHmac } from './node-hmac.js';
import { VaultError, type Vault } from './vault.js';

/** The clipboard as handlers use it: main-context backs it with the clipboard guard. */
export interface ClipboardPort {
  /** Writes `text` (concealed where the OS allows) and clears it after `clearAfterMs` unless replaced; 0 = never. */
  copy(text: string, clearAfterMs: number): Promise<void>;
}

export interface MainDeps {
  vault: Vault;
  store: SettingsStore;
  provisioning: ProvisioningClient;
  clock: ClockKeeper;
  clipboard: ClipboardPort;
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

/** Label for a bare setup key added without one. */
export const DEFAULT_LABEL = 'Account';

const cryptoPlugin = nodeHmac;

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

function paramsOf(credential: StoredCredential): TotpParams {
  return { algorithm: credential.algorithm, digits: credential.digits, period: credential.period };
}

/** The fields of `value` that are not undefined (a request's absent fields change nothing). */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createHandlers(deps: MainDeps): Handlers {
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

  /** Current and next code for a credential; the secret is zeroed before returning. */
  async function codesFor(settings: Settings, credential: StoredCredential) {
    const secret = await deps.vault.load(credential.credentialId);
    try {
      const now = deps.now() + (settings.clock?.offsetMs ?? 0);
      const params = paramsOf(credential);
      const endsAt = stepEndsAt(now, credential.period);
      return { code: totp(secret, now, params, cryptoPlugin), nextCode: totp(secret, endsAt, params, cryptoPlugin), stepEndsAt: endsAt };
    } finally {
      secret.fill(0);
    }
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
    const credential = settings.credentials[0];
    if (credential === undefined) return { kind: 'setup', ...common(settings) };
    try {
      const code = await codesFor(settings, credential);
      const { credentialId, label, issuer, digits, period, source, createdAt, expiresAt } = credential;
      return {
        kind: 'ready',
        ...common(settings),
        credential: { credentialId, label, issuer, digits, period, source, createdAt, expiresAt },
        code,
        clock: clockStatus(settings.clock),
      };
    } catch (error) {
      if (error instanceof VaultError) return { kind: 'error', ...common(settings), error: { code: error.code } };
      throw error;
    }
  }

  async function currentCredential(): Promise<{ settings: Settings; credential: StoredCredential }> {
    const settings = await deps.store.read();
    const credential = settings.credentials[0];
    if (credential === undefined) refuse('no_credential');
    return { settings, credential };
  }

  async function refuseIfHaveCredential(): Promise<void> {
    const settings = await deps.store.read();
    if (settings.credentials.length > 0) refuse('already_have_credential');
  }

  /**
   * Secret to the vault first, metadata second; if the metadata cannot be written, the vault
   * entry is removed again, so a failure never leaves a secret without its credential or the reverse.
   */
  async function keep(credential: StoredCredential, secret: Uint8Array, clock?: Settings['clock']): Promise<void> {
    await deps.vault.store(credential.credentialId, secret);
    try {
      await deps.store.update((settings) => {
        if (settings.credentials.length > 0) refuse('already_have_credential');
        return { ...settings, credentials: [...settings.credentials, credential], ...(clock === undefined ? {} : { clock }) };
      });
    } catch (error) {
      await deps.vault.delete(credential.credentialId).catch(() => undefined);
      throw error;
    }
  }

  function localCredentialId(): string {
    // Not a service credential ID (those are 4 letters + 8 digits): a name for the keychain entry.
    return `manual-${randomBytes(6).toString('hex')}`;
  }

  /** An otpauth link, or a bare base32 key with the given label. */
  function accountFrom(request: RequestOf<'credential:add'>) {
    const text = request.link.trim();
    const label = request.label?.trim() || DEFAULT_LABEL;
    if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
      const parsed = parseOtpauth(text);
      if (!parsed.ok) refuse('invalid_link', parsed.message);
      const { account } = parsed;
      return { ...account, label: account.label || label };
    }
    let secret: Uint8Array;
    try {
      secret = base32Decode(text);
    } catch (error) {
      refuse('invalid_link', error instanceof Base32Error ? error.message : 'The setup key is not valid.');
    }
    if (secret.length < MIN_SECRET_BYTES) refuse('invalid_link', `The setup key is too short (${secret.length} bytes; at least ${MIN_SECRET_BYTES}).`);
    if (secret.length > MAX_SECRET_BYTES) refuse('invalid_link', 'The setup key is too long.');
    return { secret, label, issuer: '', algorithm: 'SHA1', digits: 6, period: 30 } as const;
  }

  return {
    'state:get': () => guarded(state),

    'credential:provision': () =>
      guarded(() =>
        exclusive(async () => {
          const settings = await deps.store.read();
          if (settings.credentials.length > 0) refuse('already_have_credential');
          const serviceUrl = settings.serviceUrl ?? deps.defaultServiceUrl;
          const { credential, sample } = await deps.provisioning.provision(serviceUrl, deps.platform);
          try {
            let clock: Settings['clock'];
            try {
              clock = offsetFromSample(sample);
            } catch {
              clock = undefined; // a slow answer: keep the previous offset, the glue re-measures later
            }
            await keep(
              {
                credentialId: credential.credentialId,
                label: credential.credentialId,
                issuer: parseServiceUrl(serviceUrl).hostname,
                algorithm: credential.algorithm,
                digits: credential.digits,
                period: credential.period,
                createdAt: new Date(deps.now()).toISOString(),
                expiresAt: credential.expiresAt,
                source: 'service',
              },
              credential.secret,
              clock,
            );
          } finally {
            credential.secret.fill(0);
          }
          return state();
        }),
      ),

    'credential:add': (request) =>
      guarded(() =>
        exclusive(async () => {
          await refuseIfHaveCredential();
          const account = accountFrom(request);
          try {
            await keep(
              {
                credentialId: localCredentialId(),
                label: account.label.slice(0, 200),
                issuer: account.issuer,
                algorithm: account.algorithm,
                digits: account.digits,
                period: account.period,
                createdAt: new Date(deps.now()).toISOString(),
                expiresAt: null,
                source: 'manual',
              },
              account.secret,
            );
          } finally {
            account.secret.fill(0);
          }
          return state();
        }),
      ),

    'code:copy': () =>
      guarded(async () => {
        const { settings, credential } = await currentCredential();
        const { code } = await codesFor(settings, credential);
        await deps.clipboard.copy(code, settings.preferences.clipboardClearSeconds * 1000);
        return { copied: 'code' } as const;
      }),

    'credential-id:copy': () =>
      guarded(async () => {
        const { settings, credential } = await currentCredential();
        await deps.clipboard.copy(credential.credentialId, settings.preferences.clipboardClearSeconds * 1000);
        return { copied: 'credential-id' } as const;
      }),

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
