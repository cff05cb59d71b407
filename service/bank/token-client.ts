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

/**
 * Registration can also be paused: too many failed registrations for this customer or this
 * token (the service's 429 registration_throttled). Even a correct code is refused until then.
 */
export type RegisterDecision = TokenDecision | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

export interface TokenClient {
  register(userId: string, credentialId: string, code: string): Promise<RegisterDecision>;
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

  async function register(body: Record<string, string>): Promise<RegisterDecision> {
    const decision = await post('/v1/register', body, 'registered');
    if (decision.kind === 'unavailable') opts.onUnavailable?.(decision.detail);
    return decision;
  }

  /** validate and unregister are never throttled: such an answer is not the documented API. */
  async function call(path: string, body: Record<string, string>, success: string): Promise<TokenDecision> {
    const answer = await post(path, body, success);
    const decision: TokenDecision = answer.kind === 'throttled' ? { kind: 'unavailable', detail: `${path}: HTTP 429 registration_throttled` } : answer;
    if (decision.kind === 'unavailable') opts.onUnavailable?.(decision.detail);
    return decision;
  }

  async function post(path: string, body: Record<string, string>, success: string): Promise<RegisterDecision> {
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
    if (response.status === 429 && errorCode(parsed) === 'registration_throttled') {
      const seconds = retryAfterOf(parsed, response.headers.get('retry-after'));
      if (seconds !== null) return { kind: 'throttled', retryAfterSeconds: seconds };
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
    register: (userId, credentialId, code) => register({ userId, credentialId, code }),
    validate: (userId, code) => call('/v1/validate', { userId, code }, 'accepted'),
    unregister: (userId, code) => call('/v1/unregister', { userId, code }, 'unregistered'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body's `error.retryAfter`, else the Retry-After header (whole seconds); null if neither is usable. */
function retryAfterOf(body: unknown, header: string | null): number | null {
  const fromBody = isRecord(body) && isRecord(body.error) ? body.error.retryAfter : undefined;
  const seconds = typeof fromBody === 'number' ? fromBody : header !== null && /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) : NaN;
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : null;
}

function errorCode(body: unknown): string {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string') return body.error.code.slice(0, 60);
  return '';
}
