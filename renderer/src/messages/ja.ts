/** 画面に出る日本語の文言すべて。型は en.ts と同じ形でなければならない。 */
import type { Messages } from './en.js';

export const ja: Messages = {
  lang: 'ja',
  appName: 'Mamori',
  tagline: 'インターネットバンキング用ワンタイムパスワード',
  loading: '起動しています…',

  setupTitle: 'Mamori の設定',
  setupIntro: 'Mamori は30秒ごとに変わるワンタイムパスワードを表示します。まずクレデンシャルを取得してください。',
  getCredential: (service) => `${service} からクレデンシャルを取得`,
  gettingCredential: 'クレデンシャルを取得しています…',
  tryAgain: 'もう一度試す',
  addTitle: 'セットアップキーまたは otpauth:// リンクから追加',
  addLinkLabel: 'セットアップキーまたは otpauth:// リンク',
  addNameLabel: '名前（任意・セットアップキーの場合）',
  addButton: '追加',
  adding: '追加しています…',
  serviceLabel: 'トークンサービスのアドレス',
  serviceSave: 'アドレスを保存',

  account: 'アカウント',
  credentialId: 'クレデンシャルID',
  securityCode: 'セキュリティコード',
  copyCredentialId: 'クレデンシャルIDをコピー',
  copyCode: 'セキュリティコードをコピー',
  copy: 'コピー',
  copiedCode: 'セキュリティコードをコピーしました',
  copiedCredentialId: 'クレデンシャルIDをコピーしました',
  copyFailed: 'コピーできませんでした。もう一度お試しください。',
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

  startFresh: '初期設定で始める',
  keptAt: '読めなかったファイルは次の場所に残してあります（削除していません）：',
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
        'キーチェーンの項目が削除されたため、コードを表示できません。キーチェーンを復元した場合はもう一度お試しください。そうでなければ新しいクレデンシャルを取得し、金融機関で登録し直してください。',
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
    invalid_link: {
      title: 'このセットアップキーまたはリンクは使えません',
      action: '表示されたページからもう一度すべてをコピーして、ここに貼り付けてください。',
    },
    already_have_credential: {
      title: 'すでにクレデンシャルがあります',
      action: '保持できるクレデンシャルは一度に一つです。',
    },
    no_credential: {
      title: 'クレデンシャルがまだありません',
      action: '先にクレデンシャルを取得してください。',
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
