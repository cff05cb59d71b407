/**
 * The bank's only way to the token service: its public HTTP API (system.md §4) with the bank's
 * relying-party key. Every failure to get a decision (connection refused, timeout, 5xx, a body
 * that is not the documented shape) becomes `unavailable`, so a page can say so plainly and
 * leave the customer's state as it was.
 */

export type RejectReason =
  | 'invalid_code'
  | 'replayed'
  | 'locked'
  | 'malformed_credential_id'
  | 'unknown_credential'
  | 'already_registered'
  | 'expired'
  | 'not_registered';

const REJECT_REASONS: ReadonlySet<string> = new Set<RejectReason>([
  'invalid_code',
  'replayed',
  'locked',
  'malformed_credential_id',
  'unknown_credential',
  'already_registered',
  'expired',
  'not_registered',
]);

export type TokenDecision =
  | { readonly kind: 'done' }
  /** `reason` is null for a reason this bank does not know yet (a newer service). */
  | { readonly kind: 'rejected'; readonly reason: RejectReason | null }
  | { readonly kind: 'unavailable'; readonly detail: string };

export interface TokenClient {
  register(userId: string, credentialId: string, code: string): Promise<TokenDecision>;
  validate(userId: string, code: string): Promise<TokenDecision>;
  unregister(userId: string, code: string): Promise<TokenDecision>;
}

export interface TokenClientOptions {
  readonly serviceUrl: string;
  readonly apiKey: string;
  /** A hung service must not hang the customer's page. */
  readonly timeoutMs?: number;
  readonly onUnavailable?: (detail: string) => void;
}

export function createTokenClient(opts: TokenClientOptions): TokenClient {
  const base = opts.serviceUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 5000;

  async function call(path: string, body: Record<string, string>, success: string): Promise<TokenDecision> {
    const decision = await post(path, body, success);
    if (decision.kind === 'unavailable') opts.onUnavailable?.(decision.detail);
    return decision;
  }

  async function post(path: string, body: Record<string, string>, success: string): Promise<TokenDecision> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.apiKey}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      return { kind: 'unavailable', detail: `${path}: ${err instanceof Error ? err.message : String(err)}` };
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      return { kind: 'unavailable', detail: `${path}: HTTP ${response.status} with a body that is not JSON` };
    }
    if (response.status !== 200) {
      return { kind: 'unavailable', detail: `${path}: HTTP ${response.status} ${errorCode(parsed)}` };
    }
    if (!isRecord(parsed) || typeof parsed.result !== 'string')
      return { kind: 'unavailable', detail: `${path}: answer without a result` };
    if (parsed.result === success) return { kind: 'done' };
    if (parsed.result === 'rejected') {
      const reason = parsed.reason;
      return { kind: 'rejected', reason: typeof reason === 'string' && REJECT_REASONS.has(reason) ? (reason as RejectReason) : null };
    }
    return { kind: 'unavailable', detail: `${path}: unexpected result ${JSON.stringify(parsed.result).slice(0, 40)}` };
  }

  return {
    register: (userId, credentialId, code) => call('/v1/register', { userId, credentialId, code }, 'registered'),
    validate: (userId, code) => call('/v1/validate', { userId, code }, 'accepted'),
    unregister: (userId, code) => call('/v1/unregister', { userId, code }, 'unregistered'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorCode(body: unknown): string {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string') return body.error.code.slice(0, 60);
  return '';
}
