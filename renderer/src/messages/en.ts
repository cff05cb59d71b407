/** Every English string the window shows. ja.ts must have the same shape (checked by its type). */
import { VIP_MODEL_INFO, VIP_MODEL_NOTE, VIP_TOKEN_MODELS, type VipTokenModel } from '../../../core/vip-models.js';
import type { AddOutcome, ErrorCode } from '../../../electron/shared/contract.js';

type SkipKind = AddOutcome['skipped'][number]['kind'];

/** What each VIP token model means, in the window's language (facts kept with the models in core). */
const vipModels = Object.fromEntries(VIP_TOKEN_MODELS.map((model) => [model, { kind: VIP_MODEL_INFO[model].kind, text: VIP_MODEL_INFO[model].en }])) as Record<
  VipTokenModel,
  { kind: 'desktop' | 'mobile'; text: string }
>;

export const en = {
  lang: 'en',
  appName: 'Mamori',
  tagline: 'Your security code for online banking',
  loading: 'Opening…',

  setupTitle: 'Set up Mamori',
  /** The first start's own attempt, in the window's status line (said once, politely). */
  firstStartProgress: 'Getting your credential from the token service…',
  setupNoService: 'No token service is set. Enter the address your bank gave you, or add a credential another way.',
  otherWays: 'Other ways to add a credential',
  setupIntro: 'Mamori shows a security code that changes every 30 seconds. Get a credential to start, or add the accounts you already have.',
  getCredential: (service: string) => `Get a credential from ${service}`,
  gettingCredential: 'Getting your credential…',
  tryAgain: 'Try again',
  addTitle: 'Add from a setup key or otpauth:// link',
  addLinkLabel: 'Setup key or otpauth:// link',
  addLinkHint: 'A Google Authenticator export link (otpauth-migration://) adds every account in it.',
  addNameLabel: 'Name (optional, for a setup key)',
  addButton: 'Add',
  adding: 'Adding…',
  addFromQrTitle: 'Add from a QR code',
  addFromQrHint: 'A screenshot or photo of the QR code a website shows when you turn on two-step verification, or a Google Authenticator export code.',
  openQrImage: 'Open QR code image…',
  pasteQrImage: 'Paste QR code from clipboard',
  readingQr: 'Reading the QR code…',
  restoreBackupHint: 'Moving from another computer?',
  restoreBackup: 'Restore from a backup',
  serviceLabel: 'Token service address',
  serviceSave: 'Save address',

  addScreenTitle: 'Add an account',
  addAccount: 'Add account',
  addedCount: (n: number) => (n === 1 ? 'Added 1 account.' : `Added ${n} accounts.`),
  restoredCount: (n: number) => (n === 1 ? 'Restored 1 credential.' : `Restored ${n} credentials.`),
  nothingAdded: 'Nothing was added.',
  skippedTitle: (n: number) => (n === 1 ? '1 entry was not added:' : `${n} entries were not added:`),
  /** The kind in the window's words; the English detail is added where it names the exact problem. */
  skipReason: (kind: SkipKind, reason: string) =>
    ({
      duplicate: 'already in Mamori',
      counter_based: 'a counter-based (HOTP) account; Mamori shows time-based codes only',
      unsupported: `Mamori cannot make its codes (${reason})`,
      invalid: `the entry is damaged (${reason})`,
    })[kind],
  dismiss: 'OK',

  vipTitle: 'Get a Symantec VIP credential',
  vipIntro:
    'For banks and services that ask for a Symantec VIP credential ID. Mamori asks Symantec’s provisioning server for a new credential, as the VIP Access app does, and keeps its secret in your keychain.',
  vipWarning:
    'Symantec does not publish this protocol: it was worked out by reverse engineering, and Symantec may refuse Mamori at any time, as it did once in 2020. If that happens, Mamori tells you and stores nothing.',
  vipModel: 'Token model',
  vipModels,
  vipModelNote: VIP_MODEL_NOTE.en as string,
  vipKind: { desktop: 'desktop', mobile: 'mobile' },
  vipDefault: 'default',
  vipButton: (model: string) => `Get a ${model} credential from Symantec`,
  vipGetting: 'Asking Symantec…',
  /** Errors of VIP provisioning, where "the token service" would be the wrong name. */
  vipErrors: {
    service_unreachable: {
      title: 'Can’t reach Symantec’s provisioning server',
      action: 'Check your internet connection, then try again.',
    },
    service_refused: {
      title: 'Symantec refused to issue a credential',
      action:
        'Nothing was stored. Symantec may have changed or blocked the protocol Mamori uses. Try again later or with another model; if it keeps happening, ask your bank for another kind of token.',
    },
    service_bad_answer: {
      title: 'Symantec’s answer could not be used',
      action: 'Nothing was stored. Please try again later.',
    },
  } satisfies Partial<Record<ErrorCode, { title: string; action: string }>>,

  credentialList: 'Your credentials',
  name: 'Name',
  copyCodeOf: (name: string) => `Copy the code for ${name}`,
  moveUp: (name: string) => `Move ${name} up`,
  moveDown: (name: string) => `Move ${name} down`,
  sharedCountdown: (n: number) => `30-second codes change in ${n} s`,
  rename: 'Rename',
  renameHint: 'Enter saves, Escape cancels',
  renamed: (name: string) => `Renamed to ${name}`,
  moved: (name: string, position: number, count: number) => `${name} is now ${position} of ${count}`,
  showQr: 'Show as QR code',
  delete: 'Delete',
  cancel: 'Cancel',
  close: 'Close',
  deleteTitle: (name: string) => `Delete ${name}?`,
  deleteBody: 'Mamori removes it from the list and deletes its secret from this computer’s keychain too. It cannot show codes for it again.',
  deleteWarning:
    'If you use it to log in to your bank or another service, that login may stop working: stop or replace the token there first, or make a backup.',
  deleted: (name: string) => `Deleted ${name}`,
  revealTitle: (name: string) => `Show ${name} as a QR code?`,
  revealBody: 'The QR code and the link contain the secret of this credential: anyone who sees them can make your codes, on any device.',
  revealAdvice: 'Show it only to scan it into another device of yours, where no one can see your screen. Do not take a screenshot of it.',
  revealConfirm: 'Show the QR code',
  revealShownTitle: (name: string) => `${name}`,
  revealScan: 'Scan this with the other device, then close this window. Do not take a screenshot.',
  revealLink: 'The same as a link',

  account: 'Account',
  credentialId: 'Credential ID',
  securityCode: 'Security Code',
  copyCredentialId: 'Copy credential ID',
  copyCode: 'Copy security code',
  copy: 'Copy',
  copiedCode: 'Security code copied',
  copiedCredentialId: 'Credential ID copied',
  copyFailed: 'Could not copy. Please try again.',
  // Only in the demo's browser preview (`npm run demo` without Electron): where the secrets are.
  previewDemoKeychain: 'preview: demo keychain',
  previewMemoryOnly: 'preview: secrets in memory only, lost when the demo stops',
  secondsLeft: (n: number) => `${n} seconds left`,
  secondsShort: 's',
  changingSoon: 'This code is about to change.',
  nextCode: 'Next code',
  shortcutHint: 'Ctrl+C copies the code',
  clockWarning: (seconds: number) =>
    `Your computer's clock is ${seconds} s off. Mamori corrects the codes for it, but please set the clock automatically in your system settings.`,

  language: 'Language',
  languageSystem: 'System',
  languageJa: '日本語',
  languageEn: 'English',

  settings: 'Settings',
  settingsTitle: 'Settings',
  back: 'Back',
  closeToTray: 'Close to the tray',
  closeToTrayHint: 'Closing the window keeps Mamori in the tray, where you can copy a code.',
  startAtLogin: 'Start at login',
  startAtLoginHint: 'Open Mamori when you sign in to this computer.',
  alwaysOnTop: 'Always on top',
  alwaysOnTopHint: 'Keep the window above others while you type a code.',
  clipboardClear: 'Clear the clipboard',
  clipboardClearNever: 'Never',
  clipboardClearAfter: (seconds: number) => `After ${seconds} s`,
  clipboardClearHint: 'A copied code or ID is removed from the clipboard after this time, unless you copied something else since.',

  backupTitle: 'Backup',
  backupIntro:
    'A backup file holds every credential with its secret, encrypted with a password. Use it to move Mamori to a new computer, or to keep your tokens if this one fails.',
  exportTitle: 'Save a backup',
  backupPassword: 'Backup password',
  backupPasswordAgain: 'Same password again',
  backupPasswordRule: 'At least 10 characters. Keep it safe: without it the backup cannot be opened, and no one can recover it.',
  passwordsDiffer: 'The two passwords are not the same. Type them again.',
  exportButton: 'Save backup…',
  exporting: 'Saving…',
  exported: (n: number, missing: number) =>
    (n === 1 ? 'Saved a backup of 1 credential.' : `Saved a backup of ${n} credentials.`) +
    (missing === 0 ? '' : missing === 1 ? ' 1 credential has no secret in the keychain and was left out.' : ` ${missing} credentials have no secret in the keychain and were left out.`),
  /** In the list, instead of a code, for a credential whose keychain secret is gone. */
  noSecret: 'no secret',
  importTitle: 'Restore from a backup',
  importPassword: 'Password of the backup',
  importHint: 'Credentials already in Mamori are left as they are.',
  importButton: 'Open backup…',
  importing: 'Restoring…',

  startFresh: 'Start fresh',
  keptAt: 'The unreadable file was kept here, nothing was deleted:',
  /** Before main's technical detail of an error, which is always in English; none needed here. */
  detailLabel: '',
  errors: {
    keychain_unavailable: {
      title: "Mamori can't reach your computer's keychain",
      action:
        'Your security code is kept only in the system keychain (Keychain on macOS, Credential Manager on Windows, GNOME Keyring or KWallet on Linux). Make sure it is running and you are signed in, then try again.',
    },
    keychain_locked: {
      title: 'Your keychain is locked',
      action: 'Unlock it (your computer may ask for your login password), then try again.',
    },
    secret_missing: {
      title: 'The secret for this credential is missing',
      action:
        'Its keychain entry was removed. Mamori cannot show codes for it. Restore it from a backup (Settings), or delete it, get a new credential and register that with your bank.',
    },
    settings_corrupt: {
      title: "Mamori's settings could not be read",
      action: 'You can start fresh with default settings. Your keychain is not touched.',
    },
    service_unreachable: {
      title: "Can't reach the token service",
      action: 'Check your internet connection, then try again. If it keeps happening, the service may be down for a while.',
    },
    service_url_invalid: {
      title: 'The token service address is not valid',
      action: 'It must start with https:// (or http:// for a service on this computer).',
    },
    service_refused: {
      title: 'The token service could not give you a credential right now',
      action: 'Please wait a few minutes and try again.',
    },
    service_bad_answer: {
      title: 'The token service sent something Mamori does not understand',
      action: 'Check the service address, or try again later.',
    },
    clock_ahead: {
      title: "This computer's clock is ahead of the provisioning server's",
      action: 'A credential created now would show codes that are too early. Set the clock automatically (Date & time settings), then try again.',
    },
    too_many_credentials: {
      title: 'Mamori already keeps as many credentials as it can',
      action: 'Delete credentials you no longer use, then add this one again.',
    },
    invalid_link: {
      title: 'This setup key or link cannot be used',
      action: 'Copy it again from the page that showed it, all of it, and paste it here.',
    },
    already_have_credential: {
      title: 'This credential is already in Mamori',
      action: 'It is in your list already; nothing was changed.',
    },
    no_credential: {
      title: 'There is no credential yet',
      action: 'Get a credential first.',
    },
    credential_not_found: {
      title: 'This credential is no longer in Mamori',
      action: 'It may have been deleted from another window or the command line. The list now shows what is left.',
    },
    qr_unreadable: {
      title: 'No QR code could be read',
      action:
        'Use a PNG or JPEG image in which the whole QR code is sharp and nothing covers it. From the clipboard, copy the image itself (for example a screenshot), not the file.',
    },
    weak_password: {
      title: 'This password is too short',
      action: 'Use at least 10 characters. A few words in a row are easy to remember and hard to guess.',
    },
    backup_wrong_password: {
      title: 'The password does not open this backup',
      action: 'Type the password you chose when you saved the backup. Nothing was restored.',
    },
    backup_unreadable: {
      title: 'This file cannot be restored',
      action: 'It is not a Mamori backup, or it was cut short or changed, or a newer Mamori wrote it. Nothing was restored.',
    },
    bad_request: {
      title: 'Something went wrong inside Mamori',
      action: 'Please try again. If it keeps happening, restart Mamori.',
    },
    forbidden_sender: {
      title: 'This window is not allowed to talk to Mamori',
      action: 'Restart Mamori.',
    },
    internal: {
      title: 'Something went wrong inside Mamori',
      action: 'Please try again. If it keeps happening, restart Mamori.',
    },
  } satisfies Record<ErrorCode, { title: string; action: string }>,
};

export type Messages = typeof en;
