import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { base32Encode } from '../core/base32.js';
import { totp } from '../core/totp.js';
import { buildVipRequest, parseVipResponse, VIP_TOKEN_MODELS, type VipResponse } from '../core/vip.js';
import { nodeHmac } from '../node-shared/node-hmac.js';
import { nodeVipCrypto } from './node-vip-crypto.js';
import { ServiceError, type ServiceErrorCode } from './provisioning-client.js';
import { startVipFixtureServer, type VipFixtureServer } from './test-support/vip-fixture-server.js';
import { VIP_PROVISIONING_URL } from './config.js';
import { createVipClient, type VipClient } from './vip-client.js';

const SERVER_NOW = Date.UTC(2026, 5, 1, 12, 0, 0, 250);

async function failure(promise: Promise<unknown>, code: ServiceErrorCode): Promise<ServiceError> {
  const error = await promise.then(
    () => expect.fail(`expected ServiceError ${code}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).code).toBe(code);
  return error as ServiceError;
}

function secretForms(secret: Uint8Array): string[] {
  return [Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('base64'), base32Encode(secret)];
}

function oathtool(secret: Uint8Array, unixSeconds: number): string {
  return execFileSync('oathtool', ['--totp', '-b', base32Encode(secret), '-N', `@${unixSeconds}`], { encoding: 'utf8' }).trim();
}

async function post(url: string, body: string): Promise<VipResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
  return parseVipResponse(await response.text());
}

describe('VIP client against the fixture server', () => {
  let vip: VipFixtureServer;
  let client: VipClient;

  beforeAll(async () => {
    vip = await startVipFixtureServer({ now: () => SERVER_NOW });
  });
  afterAll(async () => {
    await vip?.close();
  });
  beforeEach(() => {
    vip.setBehaviour('success');
    client = createVipClient({ url: vip.url, now: () => SERVER_NOW, clientId: 'mamori-test' });
  });

  it('provisions a TOTP credential whose codes match oathtool', async () => {
    const credential = await client.provision('SYDC');
    const issued = vip.issued.at(-1)!;
    expect(credential.credentialId).toBe(issued.credentialId);
    expect(credential.credentialId).toMatch(/^SYDC[0-9]{8}$/);
    expect(Buffer.from(credential.secret).equals(Buffer.from(issued.secret))).toBe(true);
    expect(credential).toMatchObject({ algorithm: 'SHA1', digits: 6, period: 30, issuer: 'OU = ID Protection Center, O = Symantec' });
    expect(credential.expiresAt).toBe(new Date(SERVER_NOW + 1095 * 86_400_000).toISOString());
    expect(Math.abs(credential.skewMs)).toBeLessThanOrEqual(500);
    for (const t of [0, 59, 1412030064, Math.floor(SERVER_NOW / 1000), 2000000000]) {
      expect(totp(credential.secret, t * 1000, credential, nodeHmac)).toBe(oathtool(issued.secret, t));
    }
  });

  it('sends one well-formed request per provisioning: our Id, ClientID and XML, no cookie', async () => {
    const before = vip.requests.length;
    await client.provision('VSST');
    expect(vip.requests).toHaveLength(before + 1);
    expect(vip.rejections).toEqual([]);
    const body = vip.requests.at(-1)!;
    expect(body).toContain(`Id="${Math.floor(SERVER_NOW / 1000)}"`);
    expect(body).toContain('<ClientID>mamori-test</ClientID>');
    const headers = vip.requestHeaders.at(-1)!;
    expect(headers['content-type']).toBe('application/xml');
    expect(headers.cookie).toBeUndefined();
  });

  it.each(VIP_TOKEN_MODELS)('provisions a %s credential with that prefix', async (model) => {
    const credential = await client.provision(model);
    expect(credential.credentialId.startsWith(model)).toBe(true);
  });

  it('names itself mamori-<version> by default', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    await createVipClient({ url: vip.url, now: () => SERVER_NOW }).provision('SYDC');
    expect(vip.requests.at(-1)).toContain(`<ClientID>mamori-${version}</ClientID>`);
    expect(vip.rejections).toEqual([]);
  });

  it.each([
    ['4E0D', 'Unsupported token model', /4E0D: "Unsupported token model".*does not issue SYDC credentials; choose another token model/],
    ['4F04', 'Expired or unsupported mobile application', /4F04: "Expired or unsupported mobile application".*rejected this client.*May 2020.*reverse-engineered/],
    ['4E00', 'Malformed request', /4E00: "Malformed request".*malformed/],
    ['4E99', 'Something new', /^Symantec VIP refused to issue a credential \(code 4E99: "Something new"\)\.$/],
  ])('reports ReasonCode %s as service_refused with an explanation', async (reasonCode, statusMessage, detail) => {
    vip.setBehaviour({ kind: 'status', reasonCode, statusMessage });
    const error = await failure(client.provision('SYDC'), 'service_refused');
    expect(error.serviceCode).toBe(reasonCode);
    expect(error.detail).toMatch(detail);
  });

  it.each([
    ['malformed-xml', /not a valid credential: The document is not well-formed XML/],
    ['wrong-cipher-size', /encrypted secret has 48 bytes; the protocol uses 32/],
    ['bad-padding', /invalid padding/],
    ['hotp', /counter-based \(HOTP\) credential SYDC[0-9]{8}; Mamori supports time-based \(TOTP\) credentials only/],
    ['wrong-request-id', new RegExp(`answer is for request ${Math.floor(SERVER_NOW / 1000) + 1}, not for ours \\(${Math.floor(SERVER_NOW / 1000)}\\)`)],
    ['oversized', /larger than 65536 bytes/],
  ] as const)('reports %s as service_bad_answer', async (behaviour, detail) => {
    vip.setBehaviour(behaviour);
    const error = await failure(client.provision('SYDC'), 'service_bad_answer');
    expect(error.detail).toMatch(detail);
    const issued = vip.issued.at(-1);
    if (issued !== undefined) for (const form of secretForms(issued.secret)) expect(error.message).not.toContain(form);
  });

  it('reports HTTP 500 as service_refused', async () => {
    vip.setBehaviour('http-500');
    const error = await failure(client.provision('SYDC'), 'service_refused');
    expect(error.status).toBe(500);
    expect(error.detail).toMatch(/HTTP 500/);
  });

  it('gives up on a server that never answers: service_unreachable', async () => {
    vip.setBehaviour('hang');
    const slow = createVipClient({ url: vip.url, now: () => SERVER_NOW, timeoutMs: 300 });
    const error = await failure(slow.provision('SYDC'), 'service_unreachable');
    expect(error.detail).toMatch(/did not answer in time/);
  });

  it('refuses a credential when this clock is 10 s ahead of the server: clock_ahead', async () => {
    const ahead = createVipClient({ url: vip.url, now: () => SERVER_NOW + 10_000 });
    const error = await failure(ahead.provision('SYDC'), 'clock_ahead');
    expect(error.detail).toMatch(/about 10 seconds ahead of Symantec's \(at most 3 allowed\)/);
    for (const form of secretForms(vip.issued.at(-1)!.secret)) expect(error.message).not.toContain(form);
  });

  it('draws the clock_ahead line at period/10 = 3 s', async () => {
    await expect(createVipClient({ url: vip.url, now: () => SERVER_NOW + 2_000 }).provision('SYDC')).resolves.toBeDefined();
    await failure(createVipClient({ url: vip.url, now: () => SERVER_NOW + 4_000 }).provision('SYDC'), 'clock_ahead');
  });

  it('accepts a clock 60 s behind the server (the check is one-sided) and reports the skew', async () => {
    const credential = await createVipClient({ url: vip.url, now: () => SERVER_NOW - 60_000 }).provision('SYDC');
    expect(credential.skewMs).toBeGreaterThan(-61_000);
    expect(credential.skewMs).toBeLessThan(-59_000);
  });
});

describe('fixture server checks requests as Symantec would', () => {
  let vip: VipFixtureServer;
  beforeAll(async () => {
    vip = await startVipFixtureServer({ now: () => SERVER_NOW });
  });
  afterAll(async () => {
    await vip?.close();
  });
  const request = () => buildVipRequest({ model: 'SYDC', timestamp: 1412030064, clientId: 'mamori-test' }, nodeVipCrypto);

  it('answers 4E0D to a model outside VIP_TOKEN_MODELS', async () => {
    const body = (await request()).replace('<TokenModel>SYDC</TokenModel>', '<TokenModel>UBHE</TokenModel>');
    expect(await post(vip.url, body)).toMatchObject({ ok: false, requestId: '1412030064', status: { reasonCode: '4E0D' } });
  });

  it.each([
    ['a wrong Data MAC', (x: string) => x.replace('<ClientID>mamori-test</ClientID>', '<ClientID>mamori-tesT</ClientID>'), /Data is not the HMAC/],
    ['a ClientTimestamp other than Id', (x: string) => x.replace('<ClientTimestamp>1412030064<', '<ClientTimestamp>1412030065<'), /ClientTimestamp differs/],
    ['elements out of order', (x: string) => x.replace('<TokenModel>SYDC</TokenModel><ActivationCode></ActivationCode>', '<ActivationCode></ActivationCode><TokenModel>SYDC</TokenModel>'), /children are \[ActivationCode, TokenModel/],
    ['a missing Extension attribute', (x: string) => x.replace(' extVersion="auth"', ''), /wrong extVersion/],
    ['not XML', () => 'hello', /well-formed/],
  ])('answers 4E00 Malformed request to %s', async (_name, mutate, why) => {
    const original = await request();
    const body = mutate(original);
    expect(body).not.toBe(original);
    expect(await post(vip.url, body)).toMatchObject({ ok: false, status: { reasonCode: '4E00', statusMessage: 'Malformed request' } });
    expect(vip.rejections.at(-1)).toMatch(why);
  });

  it('accepts the codec request unchanged', async () => {
    const r = await post(vip.url, await request());
    expect(r.ok).toBe(true);
  });
});

describe('VIP client transport rules', () => {
  it('uses the documented Symantec endpoint by default', () => {
    expect(VIP_PROVISIONING_URL).toBe('https://services.vip.symantec.com/prov');
  });

  it('refuses plain http to anything but this computer, before any request', async () => {
    let called = 0;
    const spy: typeof fetch = () => {
      called++;
      return Promise.reject(new Error('must not be called'));
    };
    await failure(createVipClient({ url: 'http://services.vip.symantec.com/prov', fetch: spy }).provision('SYDC'), 'service_url_invalid');
    const error = await failure(createVipClient({ url: 'not a url', fetch: spy }).provision('SYDC'), 'service_url_invalid');
    expect(error.detail).toMatch(/not a usable Symantec VIP address: it must start with https:\/\//);
    expect(called).toBe(0);
  });

  it('posts to the address exactly as configured, without following redirects', async () => {
    const seen: Array<{ url: string; init: RequestInit | undefined }> = [];
    const redirecting: typeof fetch = (input, init) => {
      seen.push({ url: String(input), init });
      return Promise.resolve(new Response(null, { status: 302, headers: { location: 'http://evil.example/' } }));
    };
    const error = await failure(createVipClient({ url: VIP_PROVISIONING_URL, fetch: redirecting }).provision('SYDC'), 'service_bad_answer');
    expect(error.detail).toMatch(/redirected/);
    expect(seen[0]?.url).toBe('https://services.vip.symantec.com/prov');
    expect(seen[0]?.init).toMatchObject({ method: 'POST', redirect: 'manual', credentials: 'omit' });
  });

  it('reports a refused connection as service_unreachable', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await failure(createVipClient({ url: `http://127.0.0.1:${port}/prov` }).provision('SYDC'), 'service_unreachable');
    expect(error.detail).toMatch(/refused the connection/);
  });

  it('refuses an answer whose declared length is too large without reading it', async () => {
    const big: typeof fetch = () => Promise.resolve(new Response('x', { status: 200, headers: { 'content-length': '10000000' } }));
    const error = await failure(createVipClient({ url: VIP_PROVISIONING_URL, fetch: big }).provision('SYDC'), 'service_bad_answer');
    expect(error.detail).toMatch(/10000000 bytes/);
  });
});
