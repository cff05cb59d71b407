/** Every English string the window shows. ja.ts must have the same shape (checked by its type). */
import type { ErrorCode } from '../../../electron/shared/contract.js';

export const en = {
  lang: 'en',
  appName: 'Mamori',
  tagline: 'Your security code for online banking',
  loading: 'Opening…',

  setupTitle: 'Set up Mamori',
  setupIntro: 'Mamori shows a security code that changes every 30 seconds. Get a credential to start.',
  getCredential: (service: string) => `Get a credential from ${service}`,
  gettingCredential: 'Getting your credential…',
  tryAgain: 'Try again',
  addTitle: 'Add from a setup key or otpauth:// link',
  addLinkLabel: 'Setup key or otpauth:// link',
  addNameLabel: 'Name (optional, for a setup key)',
  addButton: 'Add',
  adding: 'Adding…',
  serviceLabel: 'Token service address',
  serviceSave: 'Save address',

  account: 'Account',
  credentialId: 'Credential ID',
  securityCode: 'Security Code',
  copyCredentialId: 'Copy credential ID',
  copyCode: 'Copy security code',
  copy: 'Copy',
  copiedCode: 'Security code copied',
  copiedCredentialId: 'Credential ID copied',
  copyFailed: 'Could not copy. Please try again.',
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

  startFresh: 'Start fresh',
  keptAt: 'The unreadable file was kept here, nothing was deleted:',
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
        'Its keychain entry was removed. Mamori cannot show codes for it. If you restore the keychain, try again; otherwise get a new credential and register it with your bank.',
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
    invalid_link: {
      title: 'This setup key or link cannot be used',
      action: 'Copy it again from the page that showed it, all of it, and paste it here.',
    },
    already_have_credential: {
      title: 'Mamori already has a credential',
      action: 'Only one credential is kept at a time.',
    },
    no_credential: {
      title: 'There is no credential yet',
      action: 'Get a credential first.',
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
