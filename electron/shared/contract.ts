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
  'already_have_credential', // this credential (same ID) is already in Mamori
  'no_credential',
  'credential_not_found', // a request named a credential that is not (or no longer) in the list
  'too_many_credentials', // the list holds the most credentials Mamori keeps
  'qr_unreadable', // an image file or the clipboard held no readable QR code
  'weak_password', // a backup password that is too short
  'backup_wrong_password',
  'backup_unreadable', // not a Mamori backup, cut short, altered, or from a newer version (detail says which)
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

/**
 * One credential as the list shows it: metadata and its current code, or null when the keychain
 * has no usable secret for it (removed outside Mamori): the rest of the list still works, and
 * that credential can be deleted or restored from a backup.
 */
export const CredentialCard = z.object({ credential: CredentialView, code: CodeView.nullable() });
export type CredentialCard = z.infer<typeof CredentialCard>;

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
  z.object({
    kind: z.literal('ready'),
    ...Common,
    /** Every credential in the user's order, each with its current code (at least one). */
    credentials: z.array(CredentialCard).min(1).max(1000),
    /** The credential the big code shows; always one of `credentials`. */
    selectedId: z.string().max(200),
    clock: ClockStatus,
  }),
  z.object({ kind: z.literal('error'), ...Common, error: AppError }),
]);
export type AppState = z.infer<typeof AppState>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

const Empty = z.object({}).strict();

/** Request channels: renderer -> main, answered with Result<response>. */
/** A credential named by ID; omitted means the selected one. */
const Target = z.object({ credentialId: z.string().min(1).max(200).optional() }).strict();
const Named = z.object({ credentialId: z.string().min(1).max(200) });

/** Token models Mamori offers for Symantec VIP (see core/vip.ts for what each means). */
export const VipModel = z.enum(['SYDC', 'VSST', 'SYMC', 'VSMT']);

/** What an add or import did: some entries of a batch may be skipped, each with the reason. */
export const AddOutcome = z.object({
  state: AppState,
  /** Credential IDs added, in order. */
  added: z.array(z.string().max(200)).max(1000),
  skipped: z
    .array(
      z.object({
        label: z.string().max(400),
        /** For the window's own words: already here, counter-based (HOTP), unsupported parameters, damaged entry. */
        kind: z.enum(['duplicate', 'counter_based', 'unsupported', 'invalid']),
        /** English detail. */
        reason: z.string().max(500),
      }),
    )
    .max(1000),
  /** True when the user closed the file dialog: nothing was done. */
  cancelled: z.boolean(),
});
export type AddOutcome = z.infer<typeof AddOutcome>;

/** A backup password: the renderer sends it once per export or import; main never stores it. */
const BackupPassword = z.object({ password: z.string().min(1).max(1024) }).strict();

/** Request channels: renderer -> main, answered with Result<response>. */
export const requests = {
  'state:get': { request: Empty, response: AppState },
  /**
   * A new credential from the configured token service. `onlyIfNone`: the first start's own
   * attempt, which must never add a second credential: when one exists by the time this runs
   * (another window, a reload while the first attempt was still running), main answers the state
   * and asks the service for nothing.
   */
  'credential:provision': { request: z.object({ onlyIfNone: z.literal(true).optional() }).strict(), response: AppState },
  /** A new credential from Symantec VIP (opt-in; the protocol is reverse-engineered). */
  'credential:provision-vip': { request: z.object({ model: VipModel }).strict(), response: AppState },
  'credential:add': {
    request: z
      .object({
        /** An otpauth://totp/ link, an otpauth-migration:// export link, or a bare base32 setup key. */
        link: z.string().min(1).max(16384),
        /** Used with a bare setup key; ignored for links, which carry their own label. */
        label: z.string().max(200).optional(),
      })
      .strict(),
    response: AddOutcome,
  },
  /** Main opens a file dialog for a QR code image (PNG or JPEG) and adds what it encodes. */
  'credential:add-from-qr-file': { request: Empty, response: AddOutcome },
  /** Adds what a QR code image on the clipboard encodes (e.g. a screenshot). */
  'credential:add-from-clipboard': { request: Empty, response: AddOutcome },
  'credential:select': { request: Named.strict(), response: AppState },
  'credential:rename': { request: Named.extend({ label: z.string().trim().min(1).max(200) }).strict(), response: AppState },
  /** Moves a credential to `toIndex` in the list (0 = first). */
  'credential:move': { request: Named.extend({ toIndex: z.number().int().min(0).max(999) }).strict(), response: AppState },
  /** Deletes the credential and its keychain entry; `confirmed` proves the UI asked the user. */
  'credential:delete': { request: Named.extend({ confirmed: z.literal(true) }).strict(), response: AppState },
  /**
   * The one exception to "the secret stays in main": after the user confirmed, the credential as
   * an otpauth:// link and its QR code (SVG markup generated in main), to move it to another device.
   */
  'credential:reveal': {
    request: Named.extend({ confirmed: z.literal(true) }).strict(),
    response: z.object({ link: z.string().max(4096), qrSvg: z.string().max(200_000) }),
  },
  'code:copy': { request: Target, response: z.object({ copied: z.literal('code') }) },
  'credential-id:copy': { request: Target, response: z.object({ copied: z.literal('credential-id') }) },
  /** Main asks where to save, then writes every credential to a password-encrypted file. */
  'backup:export': {
    request: BackupPassword,
    response: z.object({
      saved: z.boolean(),
      count: z.number().int().min(0),
      /** Credentials left out because the keychain has no secret for them. */
      missing: z.number().int().min(0),
    }),
  },
  /**
   * Main asks for a backup file and adds its credentials (all or nothing). Ones already here are
   * skipped, unless their keychain secret is missing: then the backup's secret restores it.
   */
  'backup:import': { request: BackupPassword, response: AddOutcome },
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
