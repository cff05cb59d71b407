/**
 * Symantec VIP credential provisioning: the request document, the answer, and the secret
 * inside it (docs: /work/shared/docs/vip-protocol.md, written from public open-source clients).
 *
 * Only provisioning is proprietary; the codes of a VIP credential are plain RFC 6238 TOTP.
 * The fixed keys below were extracted from an official client by reverse engineering, and the
 * service refused them once (May 2020, 4F04), so callers must turn every failure here into a
 * clear message, never a crash. Crypto is a port so that this module stays free of node:*.
 */
import { base64Decode, base64Encode, Base64Error } from './base64.js';
import { optionalChild, parseXml, requiredChild, XmlError, type XmlElement } from './vip-xml.js';
import { withSecrets } from './wipe.js';
import { XMLBuilder } from 'fast-xml-parser';

export { DEFAULT_VIP_MODEL, isVipTokenModel, VIP_MODEL_INFO, VIP_MODEL_NOTE, VIP_TOKEN_MODELS, type VipTokenModel } from './vip-models.js';
import { isVipTokenModel, type VipTokenModel } from './vip-models.js';

/** The two primitives the protocol needs; `node-vip-crypto.ts` implements them with node:crypto. */
export interface VipCryptoPort {
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** AES-128-CBC decryption that leaves the padding in place: the codec checks it itself. */
  aes128CbcDecryptRaw(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** The answer is not what the protocol promises. The message never contains a secret. */
export class VipProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VipProtocolError';
  }
}

export const VIP_NAMESPACE = 'http://www.verisign.com/2006/08/vipservice';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const CLIENT_ID_TYPE = 'BOARDID';
const DIST_CHANNEL = 'Symantec';
/** Still required by the service in 2023 even though it names a Mac (vip-protocol.md 2.2). */
const APP_HANDLE = 'iMac010200';
export const VIP_SUCCESS_CODE = '0000';
export const VIP_SECRET_BYTES = 20;
const IV_BYTES = 16;
const CIPHER_BYTES = 32;
const PAD_BYTE = CIPHER_BYTES - VIP_SECRET_BYTES;

function hex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// Both keys are fixed in every official client; they authenticate nothing but the client type.
const REQUEST_HMAC_KEY = hex('dd0ba692c38aa3a993a3aa26968cd9c2aa2aa2cb23b7c2d2aaaf8f8fc9a0a9a1');
const SECRET_AES_KEY = hex('01ad9bc682a3aa93a9a3239a86d6ccd9');

// ClientID goes into the MAC as raw bytes and into the XML as text; restricting it to plain
// ASCII makes both the same without an encoder (core has no TextEncoder).
const CLIENT_ID_RE = /^[A-Za-z0-9._+-]{1,64}$/;

function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export interface VipRequestParams {
  readonly model: VipTokenModel;
  /** Unix seconds; it is both the request Id and the only freshness input of the MAC. */
  readonly timestamp: number;
  /** An honest client name such as "mamori-0.1.0" (the service accepts one since 2023). */
  readonly clientId: string;
}

function checkRequestParams({ model, timestamp, clientId }: VipRequestParams): void {
  if (!isVipTokenModel(model)) throw new RangeError(`"${String(model).slice(0, 20)}" is not a VIP token model.`);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`Invalid VIP request timestamp ${timestamp}.`);
  if (!CLIENT_ID_RE.test(clientId)) throw new RangeError('A VIP client ID is 1 to 64 characters of A-Z a-z 0-9 . _ + -.');
}

/** The request's Data field: base64 HMAC-SHA256 over timestamp, timestamp, ClientIDType, ClientID, DistChannel. */
export async function vipRequestData(timestamp: number, clientId: string, crypto: VipCryptoPort): Promise<string> {
  const message = asciiBytes(`${timestamp}${timestamp}${CLIENT_ID_TYPE}${clientId}${DIST_CHANNEL}`);
  return base64Encode(await crypto.hmacSha256(REQUEST_HMAC_KEY, message));
}

type BuilderNode = Record<string, unknown>;

function el(name: string, children: BuilderNode[], attributes?: Record<string, string>): BuilderNode {
  const node: BuilderNode = { [name]: children };
  if (attributes !== undefined) node[':@'] = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`@_${k}`, v]));
  return node;
}

function leaf(name: string, text: string): BuilderNode {
  return el(name, text === '' ? [] : [{ '#text': text }]);
}

// preserveOrder: the element order is part of the documented request.
const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/** The GetSharedSecret document to POST (vip-protocol.md 2.2). */
export async function buildVipRequest(params: VipRequestParams, crypto: VipCryptoPort): Promise<string> {
  checkRequestParams(params);
  const { model, clientId } = params;
  const ts = String(params.timestamp);
  const data = await vipRequestData(params.timestamp, clientId, crypto);
  const doc = el(
    'GetSharedSecret',
    [
      leaf('TokenModel', model),
      leaf('ActivationCode', ''),
      el('OtpAlgorithm', [], { type: 'HMAC-SHA1-TRUNC-6DIGITS' }),
      leaf('SharedSecretDeliveryMethod', 'HTTPS'),
      el(
        'Extension',
        [
          leaf('AppHandle', APP_HANDLE),
          leaf('ClientIDType', CLIENT_ID_TYPE),
          leaf('ClientID', clientId),
          leaf('DistChannel', DIST_CHANNEL),
          leaf('ClientTimestamp', ts),
          leaf('Data', data),
        ],
        { extVersion: 'auth', 'xsi:type': 'vip:ProvisionInfoType', 'xmlns:vip': VIP_NAMESPACE },
      ),
    ],
    { Id: ts, Version: '2.0', xmlns: VIP_NAMESPACE, 'xmlns:xsi': XSI_NAMESPACE },
  );
  return `<?xml version="1.0" encoding="UTF-8" ?>\n${builder.build([doc])}`;
}

export interface VipStatus {
  readonly reasonCode: string;
  readonly statusMessage: string;
}

/** TOTP carries a period (TimeStep), HOTP an initial counter (Counter); never both. */
export type VipOtpMode = { readonly type: 'totp'; readonly period: number } | { readonly type: 'hotp'; readonly counter: number };

/** The credential as the answer describes it; the secret is still encrypted. */
export interface VipEncryptedCredential {
  readonly credentialId: string;
  readonly issuer: string;
  readonly iv: Uint8Array;
  readonly cipher: Uint8Array;
  /** Ignored by every known client (its computation is unknown); kept for diagnostics. */
  readonly salt: Uint8Array | null;
  readonly digest: Uint8Array | null;
  /** As sent (ISO-8601), or null when the answer has no Expiry. */
  readonly expiry: string | null;
  /** Lower case, from AI@type: "sha1" for every VIP credential seen so far. */
  readonly algorithm: string;
  readonly digits: number;
  readonly otp: VipOtpMode;
}

export type VipResponse =
  | { readonly ok: false; readonly requestId: string | null; readonly status: VipStatus }
  | {
      readonly ok: true;
      readonly requestId: string | null;
      readonly status: VipStatus;
      readonly credential: VipEncryptedCredential;
      /** The server's clock, Unix seconds. */
      readonly utcTimestamp: number;
    };

const CREDENTIAL_ID_RE = /^[A-Z]{4}[0-9]{8}$/;
const ISO_UTC_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DECIMAL_RE = /^[0-9]{1,15}$/;

function vipChild(parent: XmlElement, name: string): XmlElement {
  return requiredChild(parent, VIP_NAMESPACE, name);
}

function decimal(element: XmlElement, what: string): number {
  if (!DECIMAL_RE.test(element.text)) throw new VipProtocolError(`${what} is not a whole number: "${element.text.slice(0, 20)}".`);
  return Number(element.text);
}

function bytes(element: XmlElement, what: string, length: number): Uint8Array {
  let decoded: Uint8Array;
  try {
    decoded = base64Decode(element.text);
  } catch (error) {
    // No detail from the decoder: it would quote a character of what may be the secret.
    if (error instanceof Base64Error) throw new VipProtocolError(`${what} is not base64.`);
    throw error;
  }
  if (decoded.length !== length) throw new VipProtocolError(`${what} has ${decoded.length} bytes; the protocol uses ${length}.`);
  return decoded;
}

/** Salt and Digest serve no known purpose, so a strange one is recorded as absent, not fatal. */
function ignoredBytes(element: XmlElement | null): Uint8Array | null {
  if (element === null) return null;
  try {
    return base64Decode(element.text);
  } catch {
    return null;
  }
}

/** "HMAC-SHA1-TRUNC-6DIGITS" → sha1, 6: exactly four dash-separated parts (vip-protocol.md 2.7). */
function parseAlgorithmType(type: string): { algorithm: string; digits: number } {
  const parts = type.split('-');
  const [hmac, alg, trunc, digitsPart] = parts;
  const digitsText = digitsPart?.endsWith('DIGITS') ? digitsPart.slice(0, -'DIGITS'.length) : '';
  const known =
    parts.length === 4 && hmac === 'HMAC' && trunc === 'TRUNC' && alg !== undefined && /^[A-Za-z0-9]{1,10}$/.test(alg) && /^[0-9]{1,2}$/.test(digitsText);
  if (!known || alg === undefined) throw new VipProtocolError(`Unknown OTP algorithm type "${type.slice(0, 40)}".`);
  return { algorithm: alg.toLowerCase(), digits: Number(digitsText) };
}

function parseOtpMode(usage: XmlElement): VipOtpMode {
  const timeStep = optionalChild(usage, VIP_NAMESPACE, 'TimeStep');
  const counter = optionalChild(usage, VIP_NAMESPACE, 'Counter');
  if (timeStep !== null && counter !== null) throw new VipProtocolError('The credential has both a TimeStep and a Counter.');
  if (timeStep !== null) {
    const period = decimal(timeStep, 'TimeStep');
    if (period === 0) throw new VipProtocolError('TimeStep is zero.');
    return { type: 'totp', period };
  }
  if (counter !== null) return { type: 'hotp', counter: decimal(counter, 'Counter') };
  throw new VipProtocolError('The credential has neither a TimeStep nor a Counter.');
}

function parseCredential(container: XmlElement): VipEncryptedCredential {
  const method = vipChild(container, 'EncryptionMethod');
  const secret = vipChild(vipChild(container, 'Device'), 'Secret');
  const credentialId = secret.attributes.get('Id') ?? '';
  if (!CREDENTIAL_ID_RE.test(credentialId))
    throw new VipProtocolError(`The credential ID "${credentialId.slice(0, 20)}" is not 4 letters and 8 digits.`);
  const usage = vipChild(secret, 'Usage');
  const type = vipChild(usage, 'AI').attributes.get('type');
  if (type === undefined) throw new VipProtocolError('<AI> has no type attribute.');
  const data = vipChild(secret, 'Data');
  const expiryElement = optionalChild(secret, VIP_NAMESPACE, 'Expiry');
  const expiry = expiryElement?.text ?? null;
  if (expiry !== null && (!ISO_UTC_RE.test(expiry) || Number.isNaN(Date.parse(expiry))))
    throw new VipProtocolError(`Expiry "${expiry.slice(0, 40)}" is not an ISO-8601 date.`);
  return {
    credentialId,
    issuer: optionalChild(secret, VIP_NAMESPACE, 'Issuer')?.text ?? '',
    iv: bytes(vipChild(method, 'IV'), 'The IV', IV_BYTES),
    cipher: bytes(vipChild(data, 'Cipher'), 'The encrypted secret', CIPHER_BYTES),
    salt: ignoredBytes(optionalChild(method, VIP_NAMESPACE, 'PBESalt')),
    digest: ignoredBytes(optionalChild(data, VIP_NAMESPACE, 'Digest')),
    expiry,
    ...parseAlgorithmType(type),
    otp: parseOtpMode(usage),
  };
}

function parseDocument(xml: string): VipResponse {
  const root = parseXml(xml);
  if (root.ns !== VIP_NAMESPACE || root.name !== 'GetSharedSecretResponse')
    throw new VipProtocolError(`The answer is a <${root.name.slice(0, 40)}>, not a VIP GetSharedSecretResponse.`);
  const requestId = root.attributes.get('RequestId') ?? null;
  const statusElement = vipChild(root, 'Status');
  const status: VipStatus = {
    reasonCode: vipChild(statusElement, 'ReasonCode').text,
    statusMessage: optionalChild(statusElement, VIP_NAMESPACE, 'StatusMessage')?.text ?? '',
  };
  if (status.reasonCode === '') throw new VipProtocolError('The answer has an empty ReasonCode.');
  // A refusal carries only Status; whatever else it carries is not to be trusted.
  if (status.reasonCode !== VIP_SUCCESS_CODE) return { ok: false, requestId, status };
  const credential = parseCredential(vipChild(root, 'SecretContainer'));
  return { ok: true, requestId, status, credential, utcTimestamp: decimal(vipChild(root, 'UTCTimestamp'), 'UTCTimestamp') };
}

/** Parse a GetSharedSecretResponse. Throws VipProtocolError for anything malformed. */
export function parseVipResponse(xml: string): VipResponse {
  try {
    return parseDocument(xml);
  } catch (error) {
    if (error instanceof XmlError) throw new VipProtocolError(error.message);
    throw error;
  }
}

/**
 * Decrypt the 20-byte secret. Strict on purpose (as vipaccess-go): exactly one 32-byte block pair
 * and twelve 0x0C pad bytes, so that a wrong key or a damaged answer is never taken for a secret.
 * The caller owns the result and should zero it once stored.
 */
export async function decryptVipSecret(iv: Uint8Array, cipher: Uint8Array, crypto: VipCryptoPort): Promise<Uint8Array> {
  if (iv.length !== IV_BYTES) throw new VipProtocolError(`The IV has ${iv.length} bytes; the protocol uses ${IV_BYTES}.`);
  if (cipher.length !== CIPHER_BYTES)
    throw new VipProtocolError(`The encrypted secret has ${cipher.length} bytes; the protocol uses ${CIPHER_BYTES}.`);
  const plain = await crypto.aes128CbcDecryptRaw(SECRET_AES_KEY, iv, cipher);
  return withSecrets(plain, () => {
    if (plain.length !== CIPHER_BYTES) throw new VipProtocolError('The decrypted secret has the wrong length.');
    // Every pad byte is looked at, so the check takes the same time whichever byte is wrong.
    let bad = 0;
    for (let i = VIP_SECRET_BYTES; i < CIPHER_BYTES; i++) bad |= (plain[i] ?? 0) ^ PAD_BYTE;
    if (bad !== 0) throw new VipProtocolError('The decrypted secret has invalid padding: the answer is damaged or was not encrypted with the VIP key.');
    return plain.slice(0, VIP_SECRET_BYTES);
  });
}
