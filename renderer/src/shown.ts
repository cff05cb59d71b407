/**
 * What a credential's card shows at a moment: derived from the state's codes and `stepEndsAt`
 * each time, never counted down, so a late tick or a sleeping PC cannot make it drift.
 */
import { secondsLeft } from '../../core/step.js';
import type { CredentialCard } from '../../electron/shared/contract.js';

/** From this many seconds before the step ends, say the code is about to change. */
export const ENDING_SECONDS = 5;

/** Placeholder digits for a code that is not known yet; grouped like a code, never mistaken for one. */
export const STALE_CODE = '––––––––';

export interface Shown {
  code: string;
  left: number;
  /** The step of the state's code is over: the next code is shown until fresh state arrives. */
  rolledOver: boolean;
  ending: boolean;
  /** The keychain has no secret for this credential: no code at all. */
  missing: boolean;
}

/** What a card shows at `now`, derived from stepEndsAt each time, never counted down. */
export function shownOf(card: CredentialCard, now: number): Shown {
  const { credential, code } = card;
  if (code === null) return { code: STALE_CODE.slice(0, credential.digits), left: 0, rolledOver: false, ending: false, missing: true };
  const rolledOver = now >= code.stepEndsAt;
  const endsAt = rolledOver ? code.stepEndsAt + credential.period * 1000 : code.stepEndsAt;
  // More than one step behind (the PC slept, or the window was hidden for a while): neither
  // code the state carries is current any more. Show dashes, never an old code, until the
  // refresh that rolling over started brings fresh ones.
  if (now >= endsAt) return { code: STALE_CODE.slice(0, credential.digits), left: 0, rolledOver, ending: false, missing: false };
  const left = secondsLeft(now, endsAt);
  return { code: rolledOver ? code.nextCode : code.code, left, rolledOver, ending: !rolledOver && left <= ENDING_SECONDS, missing: false };
}

