/** 画面に出る日本語の文言すべて。型は en.ts と同じ形でなければならない。 */
import { VIP_MODEL_INFO, VIP_MODEL_NOTE, VIP_TOKEN_MODELS } from '../../../core/vip-models.js';
import type { Messages } from './en.js';

export const ja: Messages = {
  lang: 'ja',
  appName: 'Mamori',
  tagline: 'インターネットバンキング用ワンタイムパスワード',
  loading: '起動しています…',

  setupTitle: 'Mamori の設定',
  firstStartProgress: 'トークンサービスからクレデンシャルを取得しています…',
  setupNoService: 'トークンサービスが設定されていません。金融機関から案内されたアドレスを入力するか、その他の方法でクレデンシャルを追加してください。',
  otherWays: 'その他の追加方法',
  setupIntro: 'Mamori は30秒ごとに変わるワンタイムパスワードを表示します。まずクレデンシャルを取得するか、お使いのアカウントを追加してください。',
  getCredential: (service) => `${service} からクレデンシャルを取得`,
  gettingCredential: 'クレデンシャルを取得しています…',
  tryAgain: 'もう一度試す',
  addTitle: 'セットアップキーまたは otpauth:// リンクから追加',
  addLinkLabel: 'セットアップキーまたは otpauth:// リンク',
  addLinkHint: 'Google Authenticator のエクスポート用リンク（otpauth-migration://）なら、含まれるアカウントをすべて追加します。',
  addNameLabel: '名前（任意・セットアップキーの場合）',
  addButton: '追加',
  adding: '追加しています…',
  addFromQrTitle: 'QRコードから追加',
  addFromQrHint: '2段階認証の設定時にウェブサイトに表示される QRコードのスクリーンショットや写真、または Google Authenticator のエクスポート用 QRコードを使えます。',
  openQrImage: 'QRコードの画像を開く…',
  pasteQrImage: 'クリップボードの QRコードを貼り付け',
  readingQr: 'QRコードを読み取っています…',
  restoreBackupHint: '別のパソコンから移行しますか？',
  restoreBackup: 'バックアップから復元',
  serviceLabel: 'トークンサービスのアドレス',
  serviceSave: 'アドレスを保存',

  addScreenTitle: 'アカウントを追加',
  addAccount: 'アカウントを追加',
  addedCount: (n) => `${n}件のアカウントを追加しました。`,
  restoredCount: (n) => `${n}件のクレデンシャルを復元しました。`,
  nothingAdded: '追加されたものはありません。',
  skippedTitle: (n) => `次の${n}件は追加しませんでした：`,
  skipReason: (kind, reason) =>
    ({
      duplicate: 'すでに Mamori にあります',
      counter_based: 'カウンター方式（HOTP）のアカウントです。Mamori は時刻方式のコードのみ表示できます',
      unsupported: `Mamori ではコードを作れない設定です（${reason}）`,
      invalid: `データが壊れています（${reason}）`,
    })[kind],
  dismiss: 'OK',

  vipTitle: 'Symantec VIP のクレデンシャルを取得',
  vipIntro:
    'Symantec VIP のクレデンシャルID を求める金融機関やサービス向けです。VIP Access アプリと同じように Symantec の発行サーバーから新しいクレデンシャルを取得し、秘密情報はキーチェーンに保存します。',
  vipWarning:
    'この通信方式は Symantec が公開しているものではなく、リバースエンジニアリングによって解明されたものです。Symantec はいつでも Mamori からの要求を拒否する可能性があります（2020年に一度そうなりました）。拒否された場合はその旨を表示し、何も保存しません。',
  vipModel: 'トークンの種類',
  vipModels: Object.fromEntries(VIP_TOKEN_MODELS.map((model) => [model, { kind: VIP_MODEL_INFO[model].kind, text: VIP_MODEL_INFO[model].ja }])) as Messages['vipModels'],
  vipModelNote: VIP_MODEL_NOTE.ja,
  vipKind: { desktop: 'パソコン用', mobile: 'モバイル用' },
  vipDefault: '既定',
  vipButton: (model) => `Symantec から ${model} のクレデンシャルを取得`,
  vipGetting: 'Symantec に問い合わせています…',
  vipErrors: {
    service_unreachable: {
      title: 'Symantec の発行サーバーに接続できません',
      action: 'インターネット接続を確認して、もう一度お試しください。',
    },
    service_refused: {
      title: 'Symantec がクレデンシャルの発行を拒否しました',
      action:
        '何も保存していません。Mamori が使う通信方式を Symantec が変更または遮断した可能性があります。しばらくしてから、または別の種類でお試しください。続く場合は、金融機関に別の種類のトークンがないかお問い合わせください。',
    },
    service_bad_answer: {
      title: 'Symantec からの応答を利用できませんでした',
      action: '何も保存していません。しばらくしてから、もう一度お試しください。',
    },
  },

  credentialList: 'クレデンシャル一覧',
  name: '名前',
  copyCodeOf: (name) => `${name} のコードをコピー`,
  moveUp: (name) => `${name} を上へ移動`,
  moveDown: (name) => `${name} を下へ移動`,
  sharedCountdown: (n) => `30秒ごとのコードはあと${n}秒で変わります`,
  rename: '名前を変更',
  renameHint: 'Enter で保存、Esc で取り消し',
  renamed: (name) => `名前を「${name}」に変更しました`,
  moved: (name, position, count) => `${name} を${count}件中${position}番目に移動しました`,
  showQr: 'QRコードで表示',
  delete: '削除',
  cancel: 'キャンセル',
  close: '閉じる',
  deleteTitle: (name) => `${name} を削除しますか？`,
  deleteBody: '一覧から削除し、このパソコンのキーチェーンにある秘密情報も削除します。削除後はこのクレデンシャルのコードを表示できません。',
  deleteWarning:
    '金融機関などへのログインに使っている場合、そのログインができなくなるおそれがあります。先に金融機関側で利用停止または再登録を行うか、バックアップを保存してください。',
  deleted: (name) => `${name} を削除しました`,
  revealTitle: (name) => `${name} を QRコードで表示しますか？`,
  revealBody: 'QRコードとリンクにはこのクレデンシャルの秘密情報が含まれています。これを見た人は、どの端末でもあなたのコードを作れてしまいます。',
  revealAdvice: '自分の別の端末で読み取るときだけ、画面をほかの人に見られない場所で表示してください。スクリーンショットは撮らないでください。',
  revealConfirm: 'QRコードを表示',
  revealShownTitle: (name) => `${name}`,
  revealScan: '別の端末でこの QRコードを読み取ったら、この画面を閉じてください。スクリーンショットは撮らないでください。',
  revealLink: '同じ内容のリンク',

  account: 'アカウント',
  credentialId: 'クレデンシャルID',
  securityCode: 'セキュリティコード',
  copyCredentialId: 'クレデンシャルIDをコピー',
  copyCode: 'セキュリティコードをコピー',
  copy: 'コピー',
  copiedCode: 'セキュリティコードをコピーしました',
  copiedCredentialId: 'クレデンシャルIDをコピーしました',
  copyFailed: 'コピーできませんでした。もう一度お試しください。',
  previewDemoKeychain: 'プレビュー: デモ用キーチェーン',
  previewMemoryOnly: 'プレビュー: シークレットはメモリのみ・終了で消えます',
  secondsLeft: (n) => `残り${n}秒`,
  secondsShort: '秒',
  changingSoon: 'まもなくコードが変わります。',
  nextCode: '次のコード',
  shortcutHint: 'Ctrl+C でコードをコピー',
  clockWarning: (seconds) =>
    `パソコンの時計が${seconds}秒ずれています。コードは補正して表示していますが、システム設定で時刻の自動設定を有効にしてください。`,

  language: '表示言語',
  languageSystem: 'システム',
  languageJa: '日本語',
  languageEn: 'English',

  settings: '設定',
  settingsTitle: '設定',
  back: '戻る',
  closeToTray: '閉じるときはトレイに格納',
  closeToTrayHint: 'ウィンドウを閉じても Mamori はトレイに残り、そこからコードをコピーできます。',
  startAtLogin: 'ログイン時に起動',
  startAtLoginHint: 'このパソコンにサインインしたときに Mamori を起動します。',
  alwaysOnTop: '常に手前に表示',
  alwaysOnTopHint: 'コードを入力する間、ウィンドウを他のウィンドウより手前に表示します。',
  clipboardClear: 'クリップボードの消去',
  clipboardClearNever: '消去しない',
  clipboardClearAfter: (seconds) => `${seconds}秒後`,
  clipboardClearHint: 'コピーしたコードやIDは、この時間が過ぎるとクリップボードから消去されます（その後に別のものをコピーした場合は消去しません）。',

  backupTitle: 'バックアップ',
  backupIntro:
    'バックアップファイルには、すべてのクレデンシャルとその秘密情報がパスワードで暗号化して保存されます。新しいパソコンへの移行や、このパソコンが故障したときの備えにお使いください。',
  exportTitle: 'バックアップを保存',
  backupPassword: 'バックアップのパスワード',
  backupPasswordAgain: 'パスワード（確認のためもう一度）',
  backupPasswordRule: '10文字以上にしてください。このパスワードがないとバックアップを開けず、誰にも復旧できないので、大切に保管してください。',
  passwordsDiffer: '2つのパスワードが一致しません。もう一度入力してください。',
  exportButton: 'バックアップを保存…',
  exporting: '保存しています…',
  exported: (n, missing) =>
    `${n}件のクレデンシャルをバックアップに保存しました。` + (missing === 0 ? '' : `キーチェーンにシークレットがない${missing}件は含まれていません。`),
  noSecret: 'シークレットなし',
  importTitle: 'バックアップから復元',
  importPassword: 'バックアップのパスワード',
  importHint: 'すでに Mamori にあるクレデンシャルはそのまま残します。',
  importButton: 'バックアップを開く…',
  importing: '復元しています…',

  startFresh: '初期設定で始める',
  keptAt: '読めなかったファイルは次の場所に残してあります（削除していません）：',
  detailLabel: '詳細（英語）：',
  errors: {
    keychain_unavailable: {
      title: 'パソコンのキーチェーンに接続できません',
      action:
        'ワンタイムパスワードの秘密情報はシステムのキーチェーン（macOS のキーチェーン、Windows の資格情報マネージャー、Linux の GNOME Keyring や KWallet）にだけ保存します。キーチェーンが動作していてサインインしていることを確認し、もう一度お試しください。',
    },
    keychain_locked: {
      title: 'キーチェーンがロックされています',
      action: 'キーチェーンのロックを解除してから（ログインパスワードを求められることがあります）、もう一度お試しください。',
    },
    secret_missing: {
      title: 'このクレデンシャルの秘密情報が見つかりません',
      action:
        'キーチェーンの項目が削除されたため、コードを表示できません。バックアップから復元する（設定）か、削除して新しいクレデンシャルを取得し、金融機関で登録し直してください。',
    },
    settings_corrupt: {
      title: 'Mamori の設定ファイルを読み込めません',
      action: '初期設定で始めることができます。キーチェーンの内容には触れません。',
    },
    service_unreachable: {
      title: 'トークンサービスに接続できません',
      action: 'インターネット接続を確認して、もう一度お試しください。続く場合はサービスが一時的に停止している可能性があります。',
    },
    service_url_invalid: {
      title: 'トークンサービスのアドレスが正しくありません',
      action: 'https:// で始まるアドレスを入力してください（このパソコン上のサービスなら http:// も可）。',
    },
    service_refused: {
      title: 'トークンサービスが現在クレデンシャルを発行できません',
      action: 'しばらく待ってから、もう一度お試しください。',
    },
    service_bad_answer: {
      title: 'トークンサービスから想定外の応答がありました',
      action: 'アドレスを確認するか、しばらくしてからもう一度お試しください。',
    },
    clock_ahead: {
      title: 'このパソコンの時計が発行サーバーより進んでいます',
      action: '今発行すると、早すぎるコードが表示されます。日付と時刻の設定で「時刻を自動的に設定する」をオンにしてから、もう一度お試しください。',
    },
    too_many_credentials: {
      title: 'Mamori に保存できるクレデンシャルの数が上限に達しています',
      action: '使わなくなったクレデンシャルを削除してから、もう一度追加してください。',
    },
    invalid_link: {
      title: 'このセットアップキーまたはリンクは使えません',
      action: '表示されたページからもう一度すべてをコピーして、ここに貼り付けてください。',
    },
    already_have_credential: {
      title: 'このクレデンシャルはすでに Mamori にあります',
      action: '一覧にすでにあるため、何も変更していません。',
    },
    no_credential: {
      title: 'クレデンシャルがまだありません',
      action: '先にクレデンシャルを取得してください。',
    },
    credential_not_found: {
      title: 'このクレデンシャルはもう Mamori にありません',
      action: '別のウィンドウやコマンドラインから削除された可能性があります。一覧を最新の状態に更新しました。',
    },
    qr_unreadable: {
      title: 'QRコードを読み取れませんでした',
      action:
        'QRコード全体がはっきり写っていて、何にも隠れていない PNG または JPEG の画像を使ってください。クリップボードから読み取る場合は、ファイルではなく画像そのもの（スクリーンショットなど）をコピーしてください。',
    },
    weak_password: {
      title: 'パスワードが短すぎます',
      action: '10文字以上にしてください。いくつかの単語をつなげると、覚えやすく推測されにくいパスワードになります。',
    },
    backup_wrong_password: {
      title: 'パスワードが違うため、このバックアップを開けません',
      action: 'バックアップを保存したときに決めたパスワードを入力してください。何も復元していません。',
    },
    backup_unreadable: {
      title: 'このファイルからは復元できません',
      action: 'Mamori のバックアップではないか、途中で切れているか書き換えられているか、より新しい Mamori で作られたファイルです。何も復元していません。',
    },
    bad_request: {
      title: 'Mamori 内部でエラーが発生しました',
      action: 'もう一度お試しください。続く場合は Mamori を再起動してください。',
    },
    forbidden_sender: {
      title: 'このウィンドウからは Mamori を操作できません',
      action: 'Mamori を再起動してください。',
    },
    internal: {
      title: 'Mamori 内部でエラーが発生しました',
      action: 'もう一度お試しください。続く場合は Mamori を再起動してください。',
    },
  },
};
