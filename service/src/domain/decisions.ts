/**
 * The vocabulary of the relying party's decisions: for each operation, its results and the
 * reasons it can be rejected with, declared once. The domain's result types below and the HTTP
 * schemas (http/schemas.ts, hence the OpenAPI document) are built from these lists, and so will
 * any other front's mapping (RADIUS), so a reason cannot exist in one place and not another.
 */

/** Proving a user with a code (validate, and unregister which needs the same proof). */
const USER_CODE_REASONS = ['invalid_code', 'replayed', 'locked', 'not_registered'] as const;

export const DECISIONS = {
  register: {
    results: ['registered', 'rejected'],
    // No 'locked': registration neither counts toward nor consults the credential's lockout;
    // wrong registration codes are throttled (429) instead, never counted on the credential.
    reasons: ['invalid_code', 'unknown_credential', 'already_registered', 'expired', 'malformed_credential_id'],
  },
  validate: { results: ['accepted', 'rejected'], reasons: USER_CODE_REASONS },
  unregister: { results: ['unregistered', 'rejected'], reasons: USER_CODE_REASONS },
  unlock: { results: ['unlocked', 'rejected'], reasons: ['not_registered'] },
} as const;

export type DecisionName = keyof typeof DECISIONS;
export type RejectReason<D extends DecisionName> = (typeof DECISIONS)[D]['reasons'][number];
type Success<D extends DecisionName> = Exclude<(typeof DECISIONS)[D]['results'][number], 'rejected'>;

/** `{ result: <success> }` or `{ result: 'rejected', reason }` with one of the operation's reasons. */
export type Decision<D extends DecisionName> = { readonly result: Success<D> } | { readonly result: 'rejected'; readonly reason: RejectReason<D> };
