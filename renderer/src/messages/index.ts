import type { Language } from '../../../electron/shared/contract.js';
import { en, type Messages } from './en.js';
import { ja } from './ja.js';

export type { Messages };

export function messagesFor(language: Language): Messages {
  return language === 'ja' ? ja : en;
}

/** Before main has answered (or if it cannot), follow the browser's own language. */
export function fallbackLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
