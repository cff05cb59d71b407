/**
 * Provisioning a Symantec VIP credential: one POST of a GetSharedSecret document to Symantec,
 * one GetSharedSecretResponse back (codec in core/vip.ts, facts in docs/vip-protocol.md).
 *
 * Every failure is a ServiceError with words for the user:
 *   service_url_invalid  the configured endpoint is not https (plain http only for loopback)
 *   service_unreachable  DNS, refused connection, TLS or timeout
 *   service_refused      an HTTP error, or a VIP ReasonCode other than 0000 (code kept in serviceCode)
 *   service_bad_answer   malformed XML, wrong sizes or padding, a HOTP or unsupported credential,
 *                        a RequestId that is not ours
 *   clock_ahead          this computer's clock is ahead of Symantec's by more than period/10
 *
 * The protocol is reverse-engineered and Symantec refused it once (May 2020), so nothing here
 * may crash or half-succeed: the secret is decrypted last, after every other check.
 *
 * Not implemented on purpose: the self-check against vip.symantec.com/otpCheck (and otpSync)
 * that python-vipaccess runs after provisioning. It consumes the current code and depends on a
 * second, HTML-scraped Symantec site; a user confirms the credential at the bank instead.
 */
import { readFileSync } from 'node:fs';
import {
  buildVipRequest,
  decryptVipSecret,
  isVipTokenModel,
  parseVipResponse,
  VipProtocolError,
  type VipEncryptedCredential,
  type VipResponse,
  type VipStatus,
  type VipTokenModel,
} from '../core/vip.js';
import type { Digits, HashAlgorithm, Period } from '../core/totp.js';
import { withSecrets } from '../core/wipe.js';
import { VIP_PROVISIONING_URL } from './config.js';
import { networkFailureText, type NetworkWords } from './network-failure.js';
import { nodeVipCrypto } from './node-vip-crypto.js';
import { DEFAULT_TIMEOUT_MS, parseServiceUrl, ServiceError, type ProvisionedCredential } from './provisioning-client.js';

/** A credential as the token service's client returns one, plus what Symantec adds. */
export interface VipCredential extends ProvisionedCredential {
  /** Symantec's Issuer text, e.g. "OU = ID Protection Center, O = Symantec". */
  readonly issuer: string;
  /** Local clock minus Symantec's clock, in ms, measured during provisioning. */
  readonly skewMs: number;
}

export interface VipClient {
  provision(model: VipTokenModel): Promise<VipCredential>;
}

export interface VipClientOptions {
  /** The provisioning endpoint; tests point it at a local fixture server. */
  url?: string;
  now?: () => number;
  /** Per request, connection to last byte. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Sent as ClientID; default "mamori-<version>". */
  clientId?: string;
}

/** A VIP answer is about 2 KB; anything much larger is not Symantec. */
export const MAX_VIP_ANSWER_BYTES = 64 * 1024;

const ALGORITHMS: Readonly<Record<string, HashAlgorithm>> = { sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512' };

/** Find Mamori's own package.json above this file: one level up in the sources, two in dist/. */
function defaultClientId(): string {
  for (let up = 1; up <= 4; up++) {
    try {
      const text = readFileSync(new URL(`${'../'.repeat(up)}package.json`, import.meta.url), 'utf8');
      const pkg: unknown = JSON.parse(text);
      if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && 'version' in pkg && pkg.name === 'mamori' && typeof pkg.version === 'string')
        return `mamori-${pkg.version}`;
    } catch {
      // not here (or unreadable): keep looking
    }
  }
  return 'mamori';
}

/**
 * parseServiceUrl holds the https-except-loopback rule; its words speak of "the token service",
 * and its result gains a trailing slash (it is a base for other APIs), so only its verdict is
 * used and the request goes to the address as written.
 */
function checkVipUrl(text: string): void {
  try {
    parseServiceUrl(text);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    throw new ServiceError('service_url_invalid', `"${shown(text)}" is not a usable Symantec VIP address: it must start with https:// (plain http:// only for this computer) and contain no user name, ? or #.`);
  }
}

/** Server-supplied text shown in a detail: printable, short. */
function shown(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}

const NETWORK_WORDS: NetworkWords = {
  timeout: 'Symantec VIP did not answer in time; check the network connection and try again.',
  refused: 'Symantec VIP refused the connection; the service may be down.',
  notFound: 'The Symantec VIP address could not be found; check the network connection.',
  unreachable: 'Symantec VIP could not be reached',
};

function refusal(status: VipStatus, model: VipTokenModel, httpStatus: number): ServiceError {
  const said = `Symantec VIP refused to issue a credential (code ${shown(status.reasonCode)}: "${shown(status.statusMessage)}").`;
  const why: Record<string, string> = {
    '4E0D': `Symantec does not issue ${model} credentials; choose another token model.`,
    '4F04':
      'Symantec rejected this client, as it rejected other unofficial clients from 17 to 27 May 2020. ' +
      'Mamori speaks a reverse-engineered protocol that Symantec may refuse; try again later or look for a Mamori update.',
    '4E00': 'Symantec considers the request malformed: a Mamori bug or a change on Symantec’s side; look for a Mamori update.',
  };
  const detail = `${said} ${why[status.reasonCode] ?? ''}`.trim();
  return new ServiceError('service_refused', detail, { status: httpStatus, serviceCode: status.reasonCode });
}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_VIP_ANSWER_BYTES) {
    await response.body?.cancel();
    throw new ServiceError('service_bad_answer', `Symantec VIP sent an answer of ${declared} bytes, far larger than a credential.`);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  // The answer carries the encrypted secret, and its key is public: treat the bytes as the secret.
  return withSecrets(chunks, async () => {
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      chunks.push(value);
      if (total > MAX_VIP_ANSWER_BYTES) {
        await reader.cancel();
        throw new ServiceError('service_bad_answer', `Symantec VIP sent an answer larger than ${MAX_VIP_ANSWER_BYTES} bytes, far larger than a credential.`);
      }
    }
    const all = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return withSecrets(all, () => {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(all);
      } catch {
        throw new ServiceError('service_bad_answer', 'The Symantec VIP answer is not UTF-8 text.');
      }
    });
  });
}

/** The checks that need no decryption; what passes is a TOTP credential Mamori can show. */
function checkCredential(credential: VipEncryptedCredential, model: VipTokenModel): { algorithm: HashAlgorithm; digits: Digits; period: Period } {
  if (credential.otp.type === 'hotp')
    throw new ServiceError('service_bad_answer', `Symantec VIP issued a counter-based (HOTP) credential ${credential.credentialId}; Mamori supports time-based (TOTP) credentials only.`);
  const { period } = credential.otp;
  const algorithm = ALGORITHMS[credential.algorithm];
  if (algorithm === undefined) throw new ServiceError('service_bad_answer', `Symantec VIP issued a credential with the unsupported algorithm "${shown(credential.algorithm)}".`);
  if (credential.digits !== 6 && credential.digits !== 8)
    throw new ServiceError('service_bad_answer', `Symantec VIP issued a credential with ${credential.digits} digits; Mamori supports 6 or 8.`);
  if (period !== 30 && period !== 60)
    throw new ServiceError('service_bad_answer', `Symantec VIP issued a credential with a ${period}-second period; Mamori supports 30 or 60.`);
  if (!credential.credentialId.startsWith(model))
    throw new ServiceError('service_bad_answer', `Mamori asked Symantec VIP for a ${model} credential but received ${credential.credentialId}.`);
  return { algorithm, digits: credential.digits, period };
}

export function createVipClient(opts: VipClientOptions = {}): VipClient {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = opts.fetch ?? fetch;
  const urlText = (opts.url ?? VIP_PROVISIONING_URL).trim();
  let clientId = opts.clientId;

  return {
    async provision(model) {
      if (!isVipTokenModel(model)) throw new RangeError(`"${String(model).slice(0, 20)}" is not a VIP token model.`);
      checkVipUrl(urlText);
      clientId ??= defaultClientId();

      const sentAt = now();
      const timestamp = Math.floor(sentAt / 1000);
      const body = await buildVipRequest({ model, timestamp, clientId }, nodeVipCrypto);
      let httpStatus: number;
      let text: string;
      try {
        // A redirect could move the answer elsewhere or to plain http: refuse it. No cookies:
        // the protocol has no session, and nothing of ours should be sent to Symantec.
        const response = await doFetch(new URL(urlText), {
          method: 'POST',
          headers: { 'content-type': 'application/xml' },
          body,
          redirect: 'manual',
          credentials: 'omit',
          signal: AbortSignal.timeout(timeoutMs),
        });
        httpStatus = response.status;
        text = await readCapped(response);
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        throw new ServiceError('service_unreachable', networkFailureText(error, NETWORK_WORDS));
      }
      const receivedAt = now();

      if (httpStatus >= 300 && httpStatus < 400)
        throw new ServiceError('service_bad_answer', 'Symantec VIP redirected the request elsewhere; Mamori does not follow redirects for credentials.');
      let answer: VipResponse;
      try {
        answer = parseVipResponse(text);
      } catch (error) {
        if (!(error instanceof VipProtocolError)) throw error;
        if (httpStatus >= 400)
          throw new ServiceError('service_refused', `Symantec VIP answered HTTP ${httpStatus} instead of a credential; try again later.`, { status: httpStatus });
        throw new ServiceError('service_bad_answer', `The Symantec VIP answer is not a valid credential: ${error.message}`);
      }
      if (!answer.ok) throw refusal(answer.status, model, httpStatus);
      if (httpStatus >= 400)
        throw new ServiceError('service_refused', `Symantec VIP answered HTTP ${httpStatus} instead of a credential; try again later.`, { status: httpStatus });
      // The only freshness in the protocol: an answer to another request is not ours.
      if (answer.requestId !== String(timestamp))
        throw new ServiceError('service_bad_answer', `The Symantec VIP answer is for request ${shown(answer.requestId ?? '(none)')}, not for ours (${timestamp}).`);

      const { credential } = answer;
      const checked = checkCredential(credential, model);
      // UTCTimestamp is whole seconds: its middle, against the middle of our round trip.
      const skewMs = Math.round((sentAt + receivedAt) / 2 - (answer.utcTimestamp * 1000 + 500));
      // One-sided, as python-vipaccess: Symantec reportedly bakes a client's skew into the new
      // token, so a clock running ahead would make every code early.
      if (skewMs > (checked.period * 1000) / 10) {
        const seconds = Math.round(skewMs / 1000);
        throw new ServiceError(
          'clock_ahead',
          `This computer's clock is about ${seconds} second${seconds === 1 ? '' : 's'} ahead of Symantec's (at most ${checked.period / 10} allowed); correct the clock, then try again.`,
        );
      }

      let secret: Uint8Array;
      try {
        secret = await withSecrets(credential.cipher, () => decryptVipSecret(credential.iv, credential.cipher, nodeVipCrypto));
      } catch (error) {
        if (error instanceof VipProtocolError) throw new ServiceError('service_bad_answer', `The Symantec VIP answer is not a valid credential: ${error.message}`);
        throw error;
      }
      return {
        credentialId: credential.credentialId,
        secret,
        ...checked,
        expiresAt: credential.expiry === null ? null : new Date(credential.expiry).toISOString(),
        issuer: credential.issuer,
        skewMs,
      };
    },
  };
}
