/** The bank in English: the courtesy switch (`?lang=en`). */
import type { Messages } from './messages.js';

export const en: Messages = {
  htmlLang: 'en',
  bankName: 'Mamori Shinkin Bank Internet Banking',
  demoNotice: 'This is a demo site, not a real bank.',
  otherLanguage: { lang: 'ja', label: '日本語' },
  skipToContent: 'Skip to content',
  languageNav: 'Language',
  pageTitle: (title) => `${title} | Mamori Shinkin Bank`,

  contractIdLong: 'Contract ID (user number)',
  contractId: 'Contract ID',
  password: 'Login password',
  oneTimePassword: 'One-time password',
  tokenId: 'Token ID',
  tokenIdHint: 'The "Credential ID" shown in your token: 4 letters and 8 digits (for example MAMO12345674).',
  codeHint: 'The 6 digits your token shows now (type them as shown, e.g. 123 456).',

  loginButton: 'Log in',
  nextButton: 'Next',
  backButton: 'Back',
  registerButton: 'Register',
  stopButton: 'Stop',
  logoutButton: 'Log out',
  backToLoginButton: 'Back to login',

  otpGuideLink: 'About one-time passwords',
  registerLink: 'Register a one-time password token',
  stopLink: 'Stop using a one-time password token',
  loginNotes: ['Letters are case-sensitive.', "Please do not use the browser's Back and Forward buttons."],

  loginTitle: 'Log in',
  loginLead: 'Log in to internet banking.',
  loginInstruction: 'Enter your contract ID (user number) and login password, then press "Log in".',
  loginOtpSection: 'One-time password',
  loginOtpInstruction: 'Enter the one-time password your token shows, then press "Log in".',
  loggedOut: 'You have logged out.',

  badPassword: 'The contract ID or login password is not correct. Please check and try again.',
  missingCredentials: 'Enter your contract ID and login password.',

  registerTitle: 'One-time password registration',
  registerSteps: ['Identification', 'Token details', 'Result'],
  registerAuthInstruction: 'Register a one-time password token. Enter your contract ID and login password, then press "Next".',
  registerAuthSection: 'Registration',
  registerTokenInstruction: 'Enter the token ID and the one-time password your token shows, then press "Register".',
  registerTokenSection: 'Register the token you will use',
  registerDoneSection: 'Registration',
  registerDone: 'Your one-time password token is registered.',
  alreadyHasToken: 'You already use a one-time password token. To change tokens, stop the current one first, then register the new one.',
  registerThrottled: (minutes) =>
    `Too many wrong one-time passwords: registration is paused for now, and even a correct one-time password is refused. Please try again in about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,

  stopTitle: 'Stop one-time passwords',
  stopSteps: ['Identification', 'One-time password', 'Result'],
  stopAuthInstruction: 'Stop using your one-time password token. Enter your contract ID and login password, then press "Next".',
  stopAuthSection: 'Stop',
  stopOtpInstruction: 'Enter the one-time password of the token you use, then press "Stop".',
  stopOtpSection: 'Stop',
  stopDoneSection: 'Stop',
  stopDone: 'Your one-time password token is stopped.',
  noToken: 'You have no one-time password token registered, so there is nothing to stop.',

  resultInstruction: 'Press "Back to login".',

  lockedPageTitle: 'One-time password locked',
  lockedMessage:
    'Too many wrong one-time passwords were entered, so your one-time password is locked. While it is locked, even a correct one-time password is refused, for login and for stopping the token alike.',
  lockedSection: 'How to have it unlocked',
  lockedWhatToDo:
    'Please call the help desk below or your branch. After confirming your identity, the bank will unlock it for you.',
  helpDeskLabel: 'Contact',
  helpDeskName: 'Mamori Shinkin Bank Internet Banking Help Desk',
  phoneLabel: 'Phone',
  helpDeskPhone: '0120-000-000 (toll-free)',
  hoursLabel: 'Hours',
  helpDeskHours: 'Weekdays 9:00-17:00 Japan time (closed on weekends, national holidays and December 31 to January 3)',
  helpDeskDemoNote: 'This is a made-up number for the demo. Please do not call it.',
  lockedAfterUnlock: 'Once it is unlocked, start again from the login page.',

  accountTitle: 'Your accounts',
  welcome: (name) => `Welcome, ${name}.`,
  accountCaption: 'Accounts',
  branch: 'Branch',
  accountType: 'Type',
  ordinaryDeposit: 'Ordinary deposit',
  accountNumber: 'Account number',
  balance: 'Balance',
  yen: (amount) => `¥${amount.toLocaleString('en-US')}`,
  otpStatus: 'One-time password',
  otpInUse: 'In use',
  otpNotRegistered: 'Not registered (use "Register a one-time password token" on the login page)',

  guideTitle: 'About one-time passwords',
  guideParagraphs: [
    'Our internet banking supports one-time passwords from a software token, free of charge.',
    'At login you enter the one-time password shown by the software token (Mamori) installed on your computer.',
    'The password changes every 30 seconds, so even if someone learns your login password they cannot use internet banking without it.',
    'To register: start the token, follow "Register a one-time password token" on the login page, identify yourself, then enter the token ID and a one-time password.',
    'To stop: follow "Stop using a one-time password token" on the login page, identify yourself, then enter a one-time password from your token.',
  ],

  reject: {
    invalid_code: 'The one-time password is not correct. Enter the latest one-time password your token shows.',
    replayed: 'This one-time password has already been used. Wait for your token to show the next one, then enter it.',
    locked:
      'Too many wrong one-time passwords: your one-time password is locked, and even a correct one is refused. Please contact your branch.',
    malformed_credential_id:
      'The token ID has a typo: its last digit (the check digit) does not match. Please check the ID your token shows.',
    unknown_credential: 'No token with this ID was issued. Please check the ID your token shows.',
    already_registered:
      'This token, or your contract, already has a one-time password registered. To change tokens, stop the current one first.',
    expired: 'This token has expired. Get a new token, then register it.',
    not_registered: 'You have no one-time password token registered.',
  },
  rejectOther: 'The one-time password could not be checked. Please try again.',
  credentialIdProblem: (problem, length) => {
    switch (problem) {
      case 'empty':
        return 'Enter the token ID.';
      case 'length':
        return `A token ID has 12 characters, 4 letters and 8 digits (you entered ${length}).`;
      case 'prefix':
        return 'A token ID starts with 4 letters. Please check the ID your token shows.';
      case 'digits':
        return 'After its 4 letters a token ID has 8 digits.';
      case 'check_digit':
        return 'The token ID has a typo: its last digit (the check digit) does not match. Please check it again.';
    }
  },
  codeFormat: 'A one-time password is 6 digits (0-9).',

  errorTitle: 'Error',
  serviceUnavailable: 'One-time passwords cannot be checked right now. Please try again later. (Nothing was changed.)',
  badRequest: 'We could not accept what was sent. Please start again.',
  csrfRejected:
    'This page expired or was sent out of order, so nothing was done. Please start again. (Using the Back button or sending a form twice also shows this.)',
  notFound: 'The page you are looking for was not found.',
  tooLarge: 'What was sent is too long to accept.',
  unsupportedMedia: 'This kind of request is not accepted. Please use the buttons on the page.',
  flowExpired: 'This procedure expired or its pages were used out of order. Please start again.',
  alreadyCompleted: 'This procedure is already complete. A repeated submission is not processed twice.',
  internalError: 'A system error occurred. Please try again later.',
};
