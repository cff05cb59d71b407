/**
 * Test support: a local stand-in for Symantec's VIP provisioning endpoint, a real node:http
 * server on 127.0.0.1 that speaks the protocol of docs/vip-protocol.md.
 *
 * It checks requests independently of core/vip.ts (its own parse with fast-xml-parser, its own
 * HMAC with node:crypto), answering 4E00 "Malformed request" to anything that is not a correct
 * GetSharedSecret and 4E0D to a token model outside VIP_TOKEN_MODELS. A correct request gets
 * whatever the current behaviour says; by default a real credential encrypted with the VIP key.
 *
 *   const vip = await startVipFixtureServer({ now: () => serverNow });
 *   const client = createVipClient({ url: vip.url });
 *   const credential = await client.provision('SYDC');
 *   vip.issued[0].secret;            // what the server encrypted
 *   vip.setBehaviour({ kind: 'status', reasonCode: '4F04', statusMessage: '...' });
 *   await vip.close();
 */
import { createCipheriv, createHmac, randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { VIP_TOKEN_MODELS } from '../../core/vip.js';
import { withSecrets } from '../../core/wipe.js';

export type VipFixtureBehaviour =
  /** A valid TOTP credential (the default). */
  | 'success'
  /** An answer that is not well-formed XML. */
  | 'malformed-xml'
  /** A valid credential whose Cipher is 48 bytes instead of 32. */
  | 'wrong-cipher-size'
  /** A 32-byte Cipher whose decrypted padding is not twelve 0x0C bytes. */
  | 'bad-padding'
  /** A counter-based credential: Counter instead of TimeStep. */
  | 'hotp'
  /** A valid credential for another request: RequestId is not the request's Id. */
  | 'wrong-request-id'
  /** Never answers; the connection is dropped by close(). */
  | 'hang'
  /** HTTP 500 with a plain-text body. */
  | 'http-500'
  /** 128 KiB of answer, streamed without a Content-Length. */
  | 'oversized'
  /** A Status-only answer with any ReasonCode, e.g. 4E00, 4E0D or 4F04. */
  | { readonly kind: 'status'; readonly reasonCode: string; readonly statusMessage: string };

export interface VipFixtureOptions {
  behaviour?: VipFixtureBehaviour;
  /** The server's clock (ms since the epoch) for UTCTimestamp and the default expiry. */
  now?: () => number;
  /** The 20-byte secret to issue; by default a fresh random one per credential. */
  secret?: Uint8Array;
  /** By default the requested model + 8 random digits, e.g. SYDC48120377. */
  credentialId?: string;
  /** ISO-8601; by default 1095 days after the server's now, as Symantec does. */
  expiry?: string;
  issuer?: string;
}

/** A credential the server has sent, with the secret in clear so that tests can check codes. */
export interface IssuedVipCredential {
  readonly model: string;
  readonly credentialId: string;
  readonly secret: Uint8Array;
  readonly expiry: string;
}

export interface VipFixtureServer {
  /** The endpoint, e.g. http://127.0.0.1:41234/prov. */
  readonly url: string;
  /** Every request body received, in order. */
  readonly requests: string[];
  readonly requestHeaders: IncomingHttpHeaders[];
  /** Why each 4E00 was given, for test diagnostics. */
  readonly rejections: string[];
  /** Credentials sent in answers that carried a secret (success and the damaged variants). */
  readonly issued: IssuedVipCredential[];
  setBehaviour(behaviour: VipFixtureBehaviour): void;
  close(): Promise<void>;
}

const NS = 'http://www.verisign.com/2006/08/vipservice';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const REQUEST_KEY = Buffer.from('dd0ba692c38aa3a993a3aa26968cd9c2aa2aa2cb23b7c2d2aaaf8f8fc9a0a9a1', 'hex');
const SECRET_KEY = Buffer.from('01ad9bc682a3aa93a9a3239a86d6ccd9', 'hex');
const MAX_REQUEST_BYTES = 64 * 1024;
const DAY_MS = 86_400_000;

type Node = Record<string, unknown>;
type Attrs = Record<string, string>;

// ---- reading the request -------------------------------------------------------------

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, processEntities: false, ignoreDeclaration: true });

interface El {
  readonly name: string;
  readonly attrs: Attrs;
  readonly children: El[];
  readonly text: string;
}

function toEl(node: Node): El {
  const name = Object.keys(node).find((k) => k !== ':@') ?? '';
  const attrs: Attrs = {};
  const rawAttrs = node[':@'];
  if (typeof rawAttrs === 'object' && rawAttrs !== null)
    for (const [k, v] of Object.entries(rawAttrs)) if (typeof v === 'string') attrs[k] = v;
  const children: El[] = [];
  let text = '';
  const body = node[name];
  for (const child of Array.isArray(body) ? (body as Node[]) : []) {
    if ('#text' in child) text += String(child['#text']);
    else children.push(toEl(child));
  }
  return { name, attrs, children, text };
}

class Malformed extends Error {}

function must(condition: boolean, why: string): asserts condition {
  if (!condition) throw new Malformed(why);
}

function expectChildren(el: El, names: readonly string[]): Record<string, El> {
  const got = el.children.map((c) => c.name);
  must(got.join() === names.join(), `<${el.name}> children are [${got.join(', ')}], expected [${names.join(', ')}]`);
  return Object.fromEntries(el.children.map((c) => [c.name, c]));
}

type RequestCheck = { ok: true; id: string; model: string } | { ok: false; id: string | null; why: string };

function checkRequest(xml: string): RequestCheck {
  let id: string | null = null;
  try {
    must(XMLValidator.validate(xml) === true, 'not well-formed XML');
    const roots = (parser.parse(xml) as Node[]).filter((n) => !('#text' in n));
    must(roots.length === 1 && roots[0] !== undefined, 'not exactly one root element');
    const root = toEl(roots[0]);
    id = root.attrs.Id ?? null;
    must(root.name === 'GetSharedSecret', `root is <${root.name}>`);
    must(root.attrs.xmlns === NS, 'wrong default namespace');
    must(root.attrs['xmlns:xsi'] === XSI, 'missing xmlns:xsi');
    must(root.attrs.Version === '2.0', 'Version is not 2.0');
    must(id !== null && /^[0-9]{1,12}$/.test(id), 'Id is not a Unix timestamp');
    const top = expectChildren(root, ['TokenModel', 'ActivationCode', 'OtpAlgorithm', 'SharedSecretDeliveryMethod', 'Extension']);
    must(top.ActivationCode?.text === '', 'ActivationCode is not empty');
    must(top.OtpAlgorithm?.attrs.type === 'HMAC-SHA1-TRUNC-6DIGITS', 'wrong OtpAlgorithm type');
    must(top.SharedSecretDeliveryMethod?.text === 'HTTPS', 'SharedSecretDeliveryMethod is not HTTPS');
    const extension = top.Extension;
    must(extension !== undefined, 'no Extension');
    must(extension.attrs.extVersion === 'auth', 'wrong extVersion');
    must(extension.attrs['xsi:type'] === 'vip:ProvisionInfoType', 'wrong xsi:type');
    must(extension.attrs['xmlns:vip'] === NS, 'wrong xmlns:vip');
    const ext = expectChildren(extension, ['AppHandle', 'ClientIDType', 'ClientID', 'DistChannel', 'ClientTimestamp', 'Data']);
    const field = (name: string): string => ext[name]?.text ?? '';
    must(field('AppHandle') === 'iMac010200', 'wrong AppHandle');
    must(field('ClientIDType') === 'BOARDID', 'wrong ClientIDType');
    must(field('ClientID') !== '', 'empty ClientID');
    must(field('DistChannel') === 'Symantec', 'wrong DistChannel');
    must(field('ClientTimestamp') === id, 'ClientTimestamp differs from Id');
    const message = `${id}${field('ClientTimestamp')}${field('ClientIDType')}${field('ClientID')}${field('DistChannel')}`;
    const mac = createHmac('sha256', REQUEST_KEY).update(message, 'utf8').digest('base64');
    must(field('Data') === mac, 'Data is not the HMAC of the request');
    return { ok: true, id, model: top.TokenModel?.text ?? '' };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, id, why: error.message };
    return { ok: false, id, why: `unparseable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// ---- writing the answer --------------------------------------------------------------

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' });

function el(name: string, children: Node[] = [], attrs?: Attrs): Node {
  return attrs === undefined ? { [name]: children } : { [name]: children, ':@': attrs };
}

function leaf(name: string, text: string, attrs?: Attrs): Node {
  return el(name, [{ '#text': text }], attrs);
}

function document(root: Node): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build([root])}`;
}

function statusAnswer(requestId: string, reasonCode: string, statusMessage: string): string {
  return document(
    el('GetSharedSecretResponse', [el('Status', [leaf('ReasonCode', reasonCode), leaf('StatusMessage', statusMessage)])], {
      RequestId: requestId,
      Version: '2.0',
      xmlns: NS,
    }),
  );
}

function encrypt(plain: Buffer, iv: Buffer): Buffer {
  const cipher = createCipheriv('aes-128-cbc', SECRET_KEY, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

interface Grant {
  readonly requestId: string;
  readonly credentialId: string;
  readonly secret: Uint8Array;
  readonly expiry: string;
  readonly issuer: string;
  readonly serverSeconds: number;
  readonly variant: 'success' | 'wrong-cipher-size' | 'bad-padding' | 'hotp';
}

function credentialAnswer(g: Grant): string {
  const pad = g.variant === 'bad-padding' ? 0x0b : 0x0c;
  const extra = g.variant === 'wrong-cipher-size' ? Buffer.alloc(16, 0x10) : Buffer.alloc(0);
  const plain = Buffer.concat([Buffer.from(g.secret), Buffer.alloc(12, pad), extra]);
  const iv = randomBytes(16);
  const cipher = withSecrets(plain, () => encrypt(plain, iv));
  const usage = [
    leaf('AI', '', { type: 'HMAC-SHA1-TRUNC-6DIGITS' }),
    g.variant === 'hotp' ? leaf('Counter', '0') : leaf('TimeStep', '30'),
    leaf('Time', '0'),
    leaf('ClockDrift', '4'),
  ];
  const secret = el(
    'Secret',
    [
      leaf('Issuer', g.issuer),
      el('Usage', usage, { otp: 'true' }),
      leaf('FriendlyName', g.issuer),
      el('Data', [leaf('Cipher', cipher.toString('base64')), leaf('Digest', randomBytes(20).toString('base64'), { algorithm: 'HMAC-SHA1' })]),
      leaf('Expiry', g.expiry),
    ],
    { type: 'HOTP', Id: g.credentialId },
  );
  return document(
    el(
      'GetSharedSecretResponse',
      [
        el('Status', [leaf('ReasonCode', '0000'), leaf('StatusMessage', 'Success')]),
        leaf('SharedSecretDeliveryMethod', 'HTTPS'),
        el(
          'SecretContainer',
          [
            el('EncryptionMethod', [leaf('PBESalt', randomBytes(20).toString('base64')), leaf('PBEIterationCount', '50'), leaf('IV', iv.toString('base64'))]),
            el('Device', [secret]),
          ],
          { Version: '1.0' },
        ),
        leaf('UTCTimestamp', String(g.serverSeconds)),
      ],
      { RequestId: g.requestId, Version: '2.0', xmlns: NS },
    ),
  );
}

// ---- the server ----------------------------------------------------------------------

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_REQUEST_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startVipFixtureServer(options: VipFixtureOptions = {}): Promise<VipFixtureServer> {
  const now = options.now ?? Date.now;
  let behaviour: VipFixtureBehaviour = options.behaviour ?? 'success';
  const requests: string[] = [];
  const requestHeaders: IncomingHttpHeaders[] = [];
  const rejections: string[] = [];
  const issued: IssuedVipCredential[] = [];
  const hanging = new Set<ServerResponse>();

  function send(res: ServerResponse, status: number, body: string, type = 'application/xml; charset=utf-8'): void {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/prov') return send(res, 404, 'Not Found', 'text/plain');
    const body = await readBody(req);
    if (body === null) return send(res, 413, 'Payload Too Large', 'text/plain');
    requests.push(body);
    requestHeaders.push(req.headers);

    const check = checkRequest(body);
    if (!check.ok) {
      rejections.push(check.why);
      return send(res, 200, statusAnswer(check.id ?? '', '4E00', 'Malformed request'));
    }
    if (!(VIP_TOKEN_MODELS as readonly string[]).includes(check.model))
      return send(res, 200, statusAnswer(check.id, '4E0D', 'Unsupported token model'));

    const b = behaviour;
    if (typeof b === 'object') return send(res, 200, statusAnswer(check.id, b.reasonCode, b.statusMessage));
    switch (b) {
      case 'hang':
        hanging.add(res);
        return;
      case 'http-500':
        return send(res, 500, 'Internal Server Error', 'text/plain');
      case 'malformed-xml':
        return send(res, 200, `<GetSharedSecretResponse RequestId="${check.id}" xmlns="${NS}"><Status><ReasonCode>0000</ReasonCode></GetSharedSecretResponse>`);
      case 'oversized': {
        res.writeHead(200, { 'content-type': 'application/xml' });
        const chunk = `<!--${'x'.repeat(16 * 1024 - 7)}-->`;
        for (let i = 0; i < 8; i++) res.write(chunk);
        res.end();
        return;
      }
      default: {
        const serverNow = now();
        const secret = options.secret === undefined ? randomBytes(20) : Uint8Array.from(options.secret);
        const credentialId = options.credentialId ?? `${check.model}${randomInt(10_000_000, 100_000_000)}`;
        const expiry = options.expiry ?? new Date(serverNow + 1095 * DAY_MS).toISOString();
        issued.push({ model: check.model, credentialId, secret, expiry });
        const answer = credentialAnswer({
          requestId: b === 'wrong-request-id' ? String(Number(check.id) + 1) : check.id,
          credentialId,
          secret,
          expiry,
          issuer: options.issuer ?? 'OU = ID Protection Center, O = Symantec',
          serverSeconds: Math.floor(serverNow / 1000),
          variant: b === 'wrong-request-id' ? 'success' : b,
        });
        return send(res, 200, answer);
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `fixture error: ${error instanceof Error ? error.message : String(error)}`, 'text/plain');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/prov`,
    requests,
    requestHeaders,
    rejections,
    issued,
    setBehaviour(next) {
      behaviour = next;
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
