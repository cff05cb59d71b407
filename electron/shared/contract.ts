/**
 * The one IPC contract between main, preload and renderer: channel names, payload schemas and
 * the types inferred from them. Main parses every payload with these schemas (as `unknown`),
 * the preload exposes one task-level function per request channel, and the renderer's view of
 * `window.mamori` is derived from the preload, so the three cannot drift apart.
 *
 * The secret never appears here: the renderer only ever receives codes and metadata.
 */
import { z } from 'zod';

export const LanguagePreference = z.enum(['system', 'ja', 'en']);
export type LanguagePreference = z.infer<typeof LanguagePreference>;
export const Language = z.enum(['ja', 'en']);
export type Language = z.infer<typeof Language>;

/** Error codes that cross IPC as values; the renderer turns each into words in ja or en. */
export const ErrorCode = z.enum([
  'keychain_unavailable', // no Secret Service / Keychain / Credential Manager reachable
  'keychain_locked', // the keychain exists but is locked or the user refused access
  'secret_missing', // metadata names a credential whose keychain entry is gone
  'settings_corrupt', // the settings file could not be read; it was moved aside, not replaced
  'service_unreachable', // network error, timeout or refused connection
  'service_url_invalid', // the configured token service URL is not an http(s) URL
  'service_refused', // the service answered with an error (rate limit, maintenance, ...)
  'service_bad_answer', // the service answered something that is not a valid credential
  'clock_ahead', // this PC's clock is ahead of the provisioning server's (Symantec VIP refuses > 3 s)
  'invalid_link', // an otpauth:// link or setup key that cannot be used
  'already_have_credential',
  'no_credential',
  'bad_request', // a payload that failed its schema
  'forbidden_sender', // a frame that is not ours tried to call main
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({
  code: ErrorCode,
  /** Extra words for the user (e.g. why a link is invalid); never contains a secret. */
  detail: z.string().max(500).optional(),
  /** For settings_corrupt: where the unreadable file was kept. */
  keptAt: z.string().max(4096).optional(),
});
export type AppError = z.infer<typeof AppError>;

export const CredentialView = z.object({
  credentialId: z.string().max(200),
  label: z.string().max(200),
  issuer: z.string().max(200),
  digits: z.union([z.literal(6), z.literal(8)]),
  period: z.union([z.literal(30), z.literal(60)]),
  source: z.enum(['service', 'manual', 'vip']),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type CredentialView = z.infer<typeof CredentialView>;

export const CodeView = z.object({
  code: z.string().regex(/^\d{6,8}$/),
  /** End of this code's step, in ms on the corrected clock (local clock + clock.offsetMs). */
  stepEndsAt: z.number().int(),
  /** The code that follows, so the UI can show it near the end of a step. */
  nextCode: z.string().regex(/^\d{6,8}$/),
});
export type CodeView = z.infer<typeof CodeView>;

export const ClockStatus = z.object({
  /** Token service time minus local time, ms; codes are computed on local time + offset. */
  offsetMs: z.number(),
  /** When the offset was last measured (ms since epoch, local clock), or null if never. */
  measuredAt: z.number().nullable(),
  /** True when |offsetMs| is large enough that the user should fix the PC's clock. */
  warning: z.boolean(),
});
export type ClockStatus = z.infer<typeof ClockStatus>;

/** Longest clipboard-clear delay the settings accept: 10 minutes. */
export const MAX_CLIPBOARD_CLEAR_SECONDS = 600;

/** The desktop preferences the settings screen edits (all off by default, clearing after 30 s). */
export const Preferences = z.object({
  /** Closing the window hides it to the tray instead of quitting. */
  closeToTray: z.boolean(),
  /** Start Mamori when the user signs in to the computer. */
  startAtLogin: z.boolean(),
  /** Keep the window above other windows (handy while typing a code into a bank's page). */
  alwaysOnTop: z.boolean(),
  /** Clear a copied code or ID after this many seconds if it is still on the clipboard; 0 = never. */
  clipboardClearSeconds: z.number().int().min(0).max(MAX_CLIPBOARD_CLEAR_SECONDS),
});
export type Preferences = z.infer<typeof Preferences>;

export const DEFAULT_PREFERENCES: Preferences = { closeToTray: false, startAtLogin: false, alwaysOnTop: false, clipboardClearSeconds: 30 };

const Common = {
  language: Language,
  languagePreference: LanguagePreference,
  serviceUrl: z.string(),
  preferences: Preferences,
};

export const AppState = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setup'), ...Common }),
  z.object({ kind: z.literal('ready'), ...Common, credential: CredentialView, code: CodeView, clock: ClockStatus }),
  z.object({ kind: z.literal('error'), ...Common, error: AppError }),
]);
export type AppState = z.infer<typeof AppState>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

const Empty = z.object({}).strict();

/** Request channels: renderer -> main, answered with Result<response>. */
export const requests = {
  'state:get': { request: Empty, response: AppState },
  'credential:provision': { request: Empty, response: AppState },
  'credential:add': {
    request: z
      .object({
        /** An otpauth://totp/ link, or a bare base32 setup key. */
        link: z.string().min(1).max(4096),
        /** Used with a bare setup key; ignored for links, which carry their own label. */
        label: z.string().max(200).optional(),
      })
      .strict(),
    response: AppState,
  },
  'code:copy': { request: Empty, response: z.object({ copied: z.literal('code') }) },
  'credential-id:copy': { request: Empty, response: z.object({ copied: z.literal('credential-id') }) },
  'settings:update': {
    request: z
      .object({
        language: LanguagePreference.optional(),
        serviceUrl: z.string().min(1).max(2048).optional(),
        closeToTray: Preferences.shape.closeToTray.optional(),
        startAtLogin: Preferences.shape.startAtLogin.optional(),
        alwaysOnTop: Preferences.shape.alwaysOnTop.optional(),
        clipboardClearSeconds: Preferences.shape.clipboardClearSeconds.optional(),
      })
      .strict(),
    response: AppState,
  },
  /** After settings_corrupt: start with default settings (the corrupt file stays where it was kept). */
  'settings:start-fresh': { request: Empty, response: AppState },
} as const;

export type RequestChannel = keyof typeof requests;
export type RequestOf<C extends RequestChannel> = z.infer<(typeof requests)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.infer<(typeof requests)[C]['response']>;

/** Event channels: main -> renderer. */
export const events = {
  /** Something changed outside the window (tray copy, clock re-sync, keychain unlocked). */
  'state:changed': AppState,
} as const;
export type EventChannel = keyof typeof events;
export type EventOf<C extends EventChannel> = z.infer<(typeof events)[C]>;

export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(events) as EventChannel[];
