/** The bank in Japanese, worded after the shinkin bank guide the screens reproduce. */
import type { Messages } from './messages.js';

export const ja: Messages = {
  htmlLang: 'ja',
  bankName: 'まもり信用金庫 個人インターネットバンキング',
  demoNotice: 'これはデモ用のサイトです。実在の金融機関ではありません。',
  otherLanguage: { lang: 'en', label: 'English' },
  skipToContent: '本文へ移動',
  languageNav: '表示言語',
  pageTitle: (title) => `${title} | まもり信用金庫`,

  contractIdLong: '契約者ID(利用者番号)',
  contractId: '契約者ID',
  password: 'ログインパスワード',
  oneTimePassword: 'ワンタイムパスワード',
  tokenId: 'トークンID',
  tokenIdHint: 'トークンの画面に「クレデンシャルID」として表示されている、英字4文字と数字8桁のIDです（例: MAMO12345674）。',
  codeHint: 'トークンに表示されている数字6桁です（表示どおり「123 456」と入力できます）。',

  loginButton: 'ログイン',
  nextButton: '次へ',
  backButton: '戻る',
  registerButton: '登録',
  stopButton: '停止',
  logoutButton: 'ログアウト',
  backToLoginButton: 'ログイン画面に戻る',

  otpGuideLink: 'ワンタイムパスワードのご案内',
  registerLink: 'ワンタイムパスワードの利用登録はこちら',
  stopLink: 'ワンタイムパスワードの利用停止はこちら',
  loginNotes: [
    '英字は大文字と小文字を区別しますので、ご注意ください。',
    'ブラウザの「戻る」「進む」ボタンは使用しないでください。',
  ],

  loginTitle: 'ログイン',
  loginLead: 'インターネットバンキングにログインします。',
  loginInstruction: '契約者ID(利用者番号)、ログインパスワードを入力し、「ログイン」ボタンを押してください。',
  loginOtpSection: 'ワンタイムパスワード認証',
  loginOtpInstruction: 'トークンに表示されているワンタイムパスワードを入力し、「ログイン」ボタンを押してください。',
  loggedOut: 'ログアウトしました。',

  badPassword: '契約者IDまたはログインパスワードが正しくありません。入力内容をご確認のうえ、もう一度お試しください。',
  missingCredentials: '契約者IDとログインパスワードを入力してください。',

  registerTitle: 'ワンタイムパスワード利用登録',
  registerSteps: ['利用者認証', 'ワンタイムパスワード登録情報入力', '処理結果'],
  registerAuthInstruction: 'ワンタイムパスワードの利用登録を行います。契約者ID、ログインパスワードを入力し、「次へ」ボタンを押してください。',
  registerAuthSection: '利用登録',
  registerTokenInstruction:
    'ご利用を開始するワンタイムパスワードの利用登録を行います。トークンIDとワンタイムパスワードを入力し、「登録」ボタンを押してください。',
  registerTokenSection: 'ご利用を開始するワンタイムパスワードの利用登録',
  registerDoneSection: '利用登録',
  registerDone: 'ワンタイムパスワードの利用登録が完了しました。',
  alreadyHasToken:
    'すでにワンタイムパスワードをご利用中です。トークンを変更する場合は、利用停止のうえ、改めて利用登録を行ってください。',
  registerThrottled: (minutes) =>
    `ワンタイムパスワードの入力誤りが規定回数を超えたため、利用登録を一時的に停止しています。この間は正しいワンタイムパスワードも受け付けられません。${minutes}分ほど時間をおいてから、もう一度お試しください。`,

  stopTitle: 'ワンタイムパスワード利用停止',
  stopSteps: ['利用者認証', 'ワンタイムパスワード入力', '処理結果'],
  stopAuthInstruction: 'ワンタイムパスワードの利用停止を行います。契約者ID、ログインパスワードを入力し、「次へ」ボタンを押してください。',
  stopAuthSection: '利用停止',
  stopOtpInstruction: 'ご使用になっているトークンのワンタイムパスワードを入力し、「停止」ボタンを押してください。',
  stopOtpSection: '利用停止',
  stopDoneSection: '利用停止',
  stopDone: 'ワンタイムパスワードの利用停止が完了しました。',
  noToken: 'ワンタイムパスワードの利用登録はありません。利用停止の必要はありません。',

  resultInstruction: '「ログイン画面に戻る」ボタンを押してください。',

  lockedPageTitle: 'ワンタイムパスワードのロック',
  lockedMessage:
    'ワンタイムパスワードの入力誤りが規定回数を超えたため、ワンタイムパスワードはロックされています。ロック中は、正しいワンタイムパスワードを入力しても、ログインおよび利用停止のお手続きはできません。',
  lockedSection: 'ロックの解除について',
  lockedWhatToDo:
    'ロックの解除をご希望の場合は、お手数ですが、下記のヘルプデスクまたはお取引店までお問い合わせください。ご本人さまであることを確認させていただいたうえで、当金庫にてロックを解除いたします。',
  helpDeskLabel: 'お問い合わせ先',
  helpDeskName: 'まもり信用金庫 インターネットバンキング ヘルプデスク',
  phoneLabel: '電話番号',
  helpDeskPhone: '0120-000-000（通話料無料）',
  hoursLabel: '受付時間',
  helpDeskHours: '平日 9:00〜17:00（土・日・祝日、12月31日〜1月3日を除きます）',
  helpDeskDemoNote: '※ デモ用の架空の電話番号です。おかけにならないでください。',
  lockedAfterUnlock: 'ロックの解除後に、ログイン画面からあらためてお手続きください。',

  accountTitle: 'ご契約口座一覧',
  welcome: (name) => `${name} 様、いつもご利用ありがとうございます。`,
  accountCaption: 'ご契約口座',
  branch: '支店',
  accountType: '預金種目',
  ordinaryDeposit: '普通預金',
  accountNumber: '口座番号',
  balance: '残高',
  yen: (amount) => `${amount.toLocaleString('ja-JP')}円`,
  otpStatus: 'ワンタイムパスワード',
  otpInUse: '利用中',
  otpNotRegistered: '未登録（ログイン画面の「ワンタイムパスワードの利用登録はこちら」から登録できます）',

  guideTitle: 'ワンタイムパスワードのご案内',
  guideParagraphs: [
    '当金庫の個人様向けインターネットバンキングでは、セキュリティ強化のため「ワンタイムパスワード（ソフトウェアトークン）」がご利用いただけます。利用料は無料です。',
    'ログイン時には、お客様のパソコンにインストールしたソフトウェアトークン（Mamori）に表示されたワンタイムパスワードを入力します。',
    'トークンに表示されるパスワードは30秒ごとに新しいものに変わるため、ログインパスワード等が第三者に知られた場合でも、ワンタイムパスワードを入力しなければインターネットバンキングを利用することはできません。',
    '利用登録: トークンを起動し、ログイン画面の「ワンタイムパスワードの利用登録はこちら」から、契約者ID・ログインパスワードで利用者認証のうえ、トークンIDとワンタイムパスワードを入力してください。',
    '利用停止: ログイン画面の「ワンタイムパスワードの利用停止はこちら」から、利用者認証のうえ、ご使用中のトークンのワンタイムパスワードを入力してください。',
  ],

  reject: {
    invalid_code: 'ワンタイムパスワードが正しくありません。トークンに表示されている最新のワンタイムパスワードを入力してください。',
    replayed:
      'このワンタイムパスワードはすでに使用されています。トークンに次のワンタイムパスワードが表示されてから、新しいワンタイムパスワードを入力してください。',
    locked:
      'ワンタイムパスワードの入力誤りが規定回数を超えたため、ワンタイムパスワードはロックされています。正しいワンタイムパスワードも受け付けられません。お手数ですが、お取引店までお問い合わせください。',
    malformed_credential_id:
      'トークンIDに誤りがあります。トークンIDの末尾の数字（チェックデジット）が一致しません。トークンに表示されているトークンIDをもう一度ご確認ください。',
    unknown_credential: 'このトークンIDは発行されていません。トークンに表示されているトークンIDをご確認ください。',
    already_registered:
      'このトークンまたはお客様は、すでにワンタイムパスワードの利用登録がされています。トークンを変更する場合は、利用停止のうえ、改めて利用登録を行ってください。',
    expired: 'このトークンは有効期限が切れています。トークンを新しく発行してから、改めて利用登録を行ってください。',
    not_registered: 'ワンタイムパスワードの利用登録がありません。',
  },
  rejectOther: 'ワンタイムパスワードを確認できませんでした。お手数ですが、もう一度お試しください。',
  credentialIdProblem: (problem, length) => {
    switch (problem) {
      case 'empty':
        return 'トークンIDを入力してください。';
      case 'length':
        return `トークンIDは英字4文字と数字8桁の12文字です（入力された文字数: ${length}文字）。`;
      case 'prefix':
        return 'トークンIDは英字4文字で始まります。トークンに表示されているトークンIDをご確認ください。';
      case 'digits':
        return 'トークンIDの英字4文字の後は、半角数字8桁です。';
      case 'check_digit':
        return 'トークンIDに誤りがあります。トークンIDの末尾の数字（チェックデジット）が一致しません。入力内容をもう一度ご確認ください。';
    }
  },
  codeFormat: 'ワンタイムパスワードは数字6桁で入力してください。',

  errorTitle: 'エラー',
  serviceUnavailable:
    'ただいまワンタイムパスワードの確認ができません。しばらく時間をおいてから、もう一度お試しください。（お手続きは完了していません）',
  badRequest: 'ご入力内容を受け付けることができませんでした。お手数ですが、最初からやり直してください。',
  csrfRejected:
    'この画面は有効期限が切れたか、正しくない手順で送信されたため、処理を中止しました。お手数ですが、最初からやり直してください。（ブラウザの「戻る」ボタンの使用や二重送信でも表示されます）',
  notFound: 'お探しのページは見つかりませんでした。',
  tooLarge: 'ご入力内容が長すぎるため、受け付けることができませんでした。',
  unsupportedMedia: 'この形式の送信は受け付けていません。画面のボタンからお手続きください。',
  flowExpired: 'お手続きの有効期限が切れたか、画面の順序が正しくありません。お手数ですが、最初からやり直してください。',
  alreadyCompleted: 'このお手続きはすでに完了しています。同じ内容の送信は二度処理されません。',
  internalError: 'システムエラーが発生しました。しばらく時間をおいてから、もう一度お試しください。',
};
