/**
 * Client for the token service's public API: `POST /v1/provision` (a new credential on first
 * start) and `GET /v1/time` (the clock offset). Every answer is validated before use; every
 * failure becomes a ServiceError whose code the renderer turns into customer words:
 *   service_url_invalid  the configured URL is not an http(s) URL
 *   service_unreachable  DNS, refused connection, TLS or timeout
 *   service_refused      the service answered 4xx/5xx (its { error: { code, message } } kept)
 *   service_bad_answer   an answer that is not what the API promises
 *
 * Each call also reports the local send and receive times, so that the clock offset can be
 * measured NTP-style from the same exchange.
 */
import { z } from 'zod';
import { base32Decode } from '../core/base32.js';
import { checkCredentialId } from '../core/credential-id.js';
import { MAX_SECRET_BYTES, type Digits, type HashAlgorithm, type Period } from '../core/totp.js';
import { isLoopbackHost } from './loopback.js';
import { networkFailureText, type NetworkWords } from './network-failure.js';

export type ServiceErrorCode = 'service_url_invalid' | 'service_unreachable' | 'service_refused' | 'service_bad_answer' | 'clock_ahead';

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  /** HTTP status for service_refused. */
  readonly status: number | undefined;
  /** The service's own { error: { code } }, when it sent one. */
  readonly serviceCode: string | undefined;
  /** Words for the user; never contains a secret. */
  readonly detail: string;
  constructor(code: ServiceErrorCode, detail: string, extra: { status?: number; serviceCode?: string } = {}) {
    super(`${code}: ${detail}`);
    this.name = 'ServiceError';
    this.code = code;
    this.detail = detail.slice(0, 500);
    this.status = extra.status;
    this.serviceCode = extra.serviceCode;
  }
}

/** A provisioned credential. `secret` is sensitive: store it in the vault, then zero it. */
export interface ProvisionedCredential {
  readonly credentialId: string;
  readonly secret: Uint8Array;
  readonly algorithm: HashAlgorithm;
  readonly digits: Digits;
  readonly period: Period;
  readonly expiresAt: string | null;
}

/** Local clock at send and at receipt, and the service's clock in between (ms since the epoch). */
export interface TimeSample {
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly serverTime: number;
}

export interface ProvisioningClient {
  provision(serviceUrl: string, platform: string): Promise<{ credential: ProvisionedCredential; sample: TimeSample }>;
  time(serviceUrl: string): Promise<TimeSample>;
}

export interface ProvisioningClientOptions {
  readonly now?: () => number;
  /** Per request, connection to last byte. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** The API's answers are a few hundred bytes; anything much larger is not our service. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** RFC 4226 §4 R6: at least 128 bits. The API promises 160; refuse a service that gives less than 128. */
const MIN_PROVISIONED_SECRET_BYTES = 16;

/** The URL as a base for the API, or a ServiceError('service_url_invalid') explaining why not. */
export function parseServiceUrl(text: string): URL {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ServiceError('service_url_invalid', `"${trimmed.slice(0, 100)}" is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ServiceError('service_url_invalid', 'The token service address must start with https://.');
  // The provisioning answer carries the secret: plain http only where it never leaves this PC.
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    throw new ServiceError('service_url_invalid', 'The token service address must start with https:// (plain http:// is allowed only for this computer, e.g. http://127.0.0.1).');
  if (url.username !== '' || url.password !== '')
    throw new ServiceError('service_url_invalid', 'The token service address must not contain a user name or password.');
  if (url.search !== '' || url.hash !== '')
    throw new ServiceError('service_url_invalid', 'The token service address must not contain ? or #.');
  // A base path ("https://bank.example/token") keeps working: endpoints are resolved under it.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

const IsoTime = z.iso.datetime({ offset: true });

const ProvisionAnswer = z.object({
  credentialId: z.string().max(64),
  secret: z.string().min(1).max(512),
  algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
  digits: z.union([z.literal(6), z.literal(8)]),
  period: z.union([z.literal(30), z.literal(60)]),
  expiresAt: IsoTime.nullable().optional(),
  serverTime: IsoTime,
});

const TimeAnswer = z.object({ serverTime: IsoTime });

const ServiceErrorBody = z.object({
  error: z.object({ code: z.string().max(100), message: z.string().max(500).optional() }),
});

const NETWORK_WORDS: NetworkWords = {
  timeout: 'The token service did not answer in time.',
  refused: 'The token service refused the connection; it may be down.',
  notFound: 'The token service address could not be found; check the network connection.',
  unreachable: 'The token service could not be reached',
};

export function createProvisioningClient(options: ProvisioningClientOptions = {}): ProvisioningClient {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;

  async function call(serviceUrl: string, path: string, jsonBody?: unknown): Promise<{ body: unknown; sentAt: number; receivedAt: number }> {
    const url = new URL(path, parseServiceUrl(serviceUrl));
    const signal = AbortSignal.timeout(timeoutMs);
    const sentAt = now();
    let status: number;
    let text: string;
    try {
      // A redirect could move the secret to another host or to plain http: refuse it.
      const response = await doFetch(url, {
        method: jsonBody === undefined ? 'GET' : 'POST',
        headers: jsonBody === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(jsonBody === undefined ? {} : { body: JSON.stringify(jsonBody) }),
        redirect: 'manual',
        signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new ServiceError('service_unreachable', networkFailureText(error, NETWORK_WORDS));
    }
    const receivedAt = now();
    if (text.length > MAX_ANSWER_BYTES) throw new ServiceError('service_bad_answer', 'The token service sent an answer that is far too large.');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (status >= 300 && status < 400) throw new ServiceError('service_bad_answer', 'The token service redirected the request elsewhere; check its address.');
    if (status >= 400) {
      const parsed = ServiceErrorBody.safeParse(body);
      const words = parsed.success
        ? (parsed.data.error.message ?? parsed.data.error.code)
        : status === 429
          ? 'Too many requests; try again in a minute.'
          : `The token service refused the request (HTTP ${status}).`;
      throw new ServiceError(
        'service_refused',
        words,
        parsed.success ? { status, serviceCode: parsed.data.error.code } : { status },
      );
    }
    if (body === undefined) throw new ServiceError('service_bad_answer', 'The token service answer is not JSON; check its address.');
    return { body, sentAt, receivedAt };
  }

  return {
    async provision(serviceUrl, platform) {
      const { body, sentAt, receivedAt } = await call(serviceUrl, 'v1/provision', { platform });
      const parsed = ProvisionAnswer.safeParse(body);
      if (!parsed.success) throw new ServiceError('service_bad_answer', 'The token service answer is not a valid credential.');
      const answer = parsed.data;
      const id = checkCredentialId(answer.credentialId);
      if (!id.ok || id.id !== answer.credentialId)
        throw new ServiceError('service_bad_answer', 'The token service sent an invalid credential ID.');
      let secret: Uint8Array;
      try {
        secret = base32Decode(answer.secret);
      } catch {
        throw new ServiceError('service_bad_answer', 'The token service sent a secret that is not base32.');
      }
      if (secret.length < MIN_PROVISIONED_SECRET_BYTES || secret.length > MAX_SECRET_BYTES)
        throw new ServiceError('service_bad_answer', 'The token service sent a secret of an unsafe length.');
      return {
        credential: {
          credentialId: answer.credentialId,
          secret,
          algorithm: answer.algorithm,
          digits: answer.digits,
          period: answer.period,
          expiresAt: answer.expiresAt == null ? null : new Date(answer.expiresAt).toISOString(),
        },
        sample: { sentAt, receivedAt, serverTime: Date.parse(answer.serverTime) },
      };
    },

    async time(serviceUrl) {
      const { body, sentAt, receivedAt } = await call(serviceUrl, 'v1/time');
      const parsed = TimeAnswer.safeParse(body);
      if (!parsed.success) throw new ServiceError('service_bad_answer', 'The token service sent no valid time.');
      return { sentAt, receivedAt, serverTime: Date.parse(parsed.data.serverTime) };
    },
  };
}
