/** The customer-facing words for a token service refusal and for local format checks. */
import { checkCredentialId } from '../../../core/credential-id.js';
import { normalizeCode } from '../../../core/code.js';
import { foldFullWidth } from '../full-width.js';
import type { Messages } from '../messages.js';
import type { RejectReason } from '../token-client.js';

export function rejectionMessage(m: Messages, reason: RejectReason | null): string {
  return reason === null ? m.rejectOther : m.reject[reason];
}

export type CodeCheck = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly message: string };

/** A 6-digit code as typed from the window (core's one rule) before the service is asked anything. */
export function checkCode(m: Messages, input: string): CodeCheck {
  const code = normalizeCode(input, 6);
  return code === null ? { ok: false, message: m.codeFormat } : { ok: true, code };
}

export type TokenIdCheck = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly message: string };

/** The credential ID's shape and Luhn check digit, caught here so a typo never reaches the service. */
export function checkTokenId(m: Messages, input: string): TokenIdCheck {
  const check = checkCredentialId(foldFullWidth(input));
  if (check.ok) return { ok: true, id: check.id };
  return { ok: false, message: m.credentialIdProblem(check.problem, input.replace(/[\s-]/g, '').length) };
}
