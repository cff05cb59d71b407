/**
 * Every word the bank shows, per language. Japanese is the bank's language; English is a
 * courtesy switch. Routes and views never hold literal customer-facing text.
 */
import type { CredentialIdProblem } from '../../core/credential-id.js';
import type { RejectReason } from './token-client.js';
import { en } from './messages-en.js';
import { ja } from './messages-ja.js';

export type Lang = 'ja' | 'en';

export const LANGS: readonly Lang[] = ['ja', 'en'];

export function isLang(value: unknown): value is Lang {
  return value === 'ja' || value === 'en';
}

export interface Messages {
  readonly htmlLang: string;
  readonly bankName: string;
  readonly demoNotice: string;
  readonly otherLanguage: { readonly lang: Lang; readonly label: string };
  readonly skipToContent: string;
  /** The name of the language switch's navigation landmark. */
  readonly languageNav: string;
  readonly pageTitle: (title: string) => string;

  readonly contractIdLong: string;
  readonly contractId: string;
  readonly password: string;
  readonly oneTimePassword: string;
  readonly tokenId: string;
  readonly tokenIdHint: string;
  readonly codeHint: string;

  readonly loginButton: string;
  readonly nextButton: string;
  readonly backButton: string;
  readonly registerButton: string;
  readonly stopButton: string;
  readonly logoutButton: string;
  readonly backToLoginButton: string;

  readonly otpGuideLink: string;
  readonly registerLink: string;
  readonly stopLink: string;
  readonly loginNotes: readonly string[];

  readonly loginTitle: string;
  readonly loginLead: string;
  readonly loginInstruction: string;
  readonly loginOtpSection: string;
  readonly loginOtpInstruction: string;
  readonly loggedOut: string;

  readonly badPassword: string;
  readonly missingCredentials: string;

  readonly registerTitle: string;
  readonly registerSteps: readonly [string, string, string];
  readonly registerAuthInstruction: string;
  readonly registerAuthSection: string;
  readonly registerTokenInstruction: string;
  readonly registerTokenSection: string;
  readonly registerDoneSection: string;
  readonly registerDone: string;
  readonly alreadyHasToken: string;
  /** Registration paused after too many failed attempts; `minutes` until it may be tried again. */
  readonly registerThrottled: (minutes: number) => string;

  readonly stopTitle: string;
  readonly stopSteps: readonly [string, string, string];
  readonly stopAuthInstruction: string;
  readonly stopAuthSection: string;
  readonly stopOtpInstruction: string;
  readonly stopOtpSection: string;
  readonly stopDoneSection: string;
  readonly stopDone: string;
  readonly noToken: string;

  readonly resultInstruction: string;

  /** The lockout screen: what happened, what to do, whom to call. */
  readonly lockedPageTitle: string;
  readonly lockedMessage: string;
  readonly lockedSection: string;
  readonly lockedWhatToDo: string;
  readonly helpDeskLabel: string;
  readonly helpDeskName: string;
  readonly phoneLabel: string;
  readonly helpDeskPhone: string;
  readonly hoursLabel: string;
  readonly helpDeskHours: string;
  readonly helpDeskDemoNote: string;
  readonly lockedAfterUnlock: string;

  readonly accountTitle: string;
  readonly welcome: (name: string) => string;
  readonly accountCaption: string;
  readonly branch: string;
  readonly accountType: string;
  readonly ordinaryDeposit: string;
  readonly accountNumber: string;
  readonly balance: string;
  readonly yen: (amount: number) => string;
  readonly otpStatus: string;
  readonly otpInUse: string;
  readonly otpNotRegistered: string;

  readonly guideTitle: string;
  readonly guideParagraphs: readonly string[];

  readonly reject: Readonly<Record<RejectReason, string>>;
  readonly rejectOther: string;
  readonly credentialIdProblem: (problem: CredentialIdProblem, length: number) => string;
  readonly codeFormat: string;

  readonly errorTitle: string;
  readonly serviceUnavailable: string;
  readonly badRequest: string;
  readonly csrfRejected: string;
  readonly notFound: string;
  readonly tooLarge: string;
  readonly unsupportedMedia: string;
  readonly flowExpired: string;
  readonly alreadyCompleted: string;
  readonly internalError: string;
}

const CATALOG: Readonly<Record<Lang, Messages>> = { ja, en };

export function messagesFor(lang: Lang): Messages {
  return CATALOG[lang];
}
