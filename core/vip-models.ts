/**
 * The Symantec VIP token models Mamori offers and what each means, apart from the protocol codec
 * (core/vip.ts) so that the window can show the choice without bundling an XML parser.
 */
export const VIP_TOKEN_MODELS = ['SYDC', 'VSST', 'SYMC', 'VSMT'] as const;
export type VipTokenModel = (typeof VIP_TOKEN_MODELS)[number];
export const DEFAULT_VIP_MODEL: VipTokenModel = 'SYDC';

/** What each model (credential ID prefix) means, for the model picker. */
export const VIP_MODEL_INFO: Record<VipTokenModel, { kind: 'desktop' | 'mobile'; en: string; ja: string }> = {
  SYDC: {
    kind: 'desktop',
    en: 'The family of VIP Access for desktop computers, the usual choice for a desktop token and Mamori’s default.',
    ja: 'パソコン版 VIP Access と同じ種類で、デスクトップ用トークンの標準であり Mamori の既定値です。',
  },
  VSST: {
    kind: 'desktop',
    en: 'An older desktop family that Symantec reportedly deprecated, so choose it only if your bank asks for a VSST credential.',
    ja: '以前のパソコン版の種類で、廃止されたと報告されているため、銀行から VSST を指定された場合にだけ選んでください。',
  },
  SYMC: {
    kind: 'mobile',
    en: 'The family of the VIP Access mobile app, for banks that accept only mobile credentials.',
    ja: 'スマートフォン版 VIP Access アプリと同じ種類で、モバイル用のクレデンシャルしか受け付けない銀行向けです。',
  },
  VSMT: {
    kind: 'mobile',
    en: 'Another mobile family that some banks accept exclusively, so try it when your bank refuses the other prefixes.',
    ja: 'もう一つのモバイル用の種類で、これしか受け付けない銀行もあるため、他の種類が銀行に拒否されたときに選んでください。',
  },
};

/** Said once next to the picker: which families a bank accepts is the bank's choice, not ours. */
export const VIP_MODEL_NOTE = {
  en: 'Some banks accept only some of these families; if your bank refuses the credential ID, create a new credential with another model.',
  ja: '銀行によっては一部の種類しか受け付けないため、クレデンシャル ID が拒否された場合は別の種類で新しいクレデンシャルを作成してください。',
} as const;

export function isVipTokenModel(x: string): x is VipTokenModel {
  return (VIP_TOKEN_MODELS as readonly string[]).includes(x);
}

