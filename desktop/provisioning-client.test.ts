import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../service/src/start-service.js';
import { createProvisioningClient, parseServiceUrl, ServiceError, type ServiceErrorCode } from './provisioning-client.js';

const SERVER_NOW = Date.UTC(2026, 5, 1, 12, 0, 0, 250);

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => expect.fail('expected a ServiceError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

async function expectCode(promise: Promise<unknown>, code: ServiceErrorCode): Promise<ServiceError> {
  const error = await failure(promise);
  expect(error.code).toBe(code);
  return error;
}

/** A real HTTP server on 127.0.0.1 that answers whatever `respond` says: a badly behaved "service". */
async function startOddServer(respond: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function closedPort(): Promise<string> {
  const { url, server } = await startOddServer(() => undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

describe('parseServiceUrl', () => {
  it('accepts http(s) URLs with an optional base path', () => {
    expect(parseServiceUrl('https://token.example').href).toBe('https://token.example/');
    expect(parseServiceUrl(' http://127.0.0.1:8787/base ').href).toBe('http://127.0.0.1:8787/base/');
    expect(parseServiceUrl('http://localhost:8787').href).toBe('http://localhost:8787/');
    expect(parseServiceUrl('http://[::1]:8787').href).toBe('http://[::1]:8787/');
  });
  it.each(['http://token.example', 'http://192.168.1.10:8787', 'http://127.0.0.1.example.com'])('refuses plain http to %j: the answer carries the secret', (text) => {
    expect(() => parseServiceUrl(text)).toThrow(/https:\/\//);
  });
  it.each(['', 'token.example', 'ftp://token.example', 'javascript:alert(1)', 'file:///etc/passwd', 'https://u:p@token.example', 'https://t.example/?x=1', 'https://t.example/#x'])(
    'refuses %j as service_url_invalid',
    (text) => {
      expect(() => parseServiceUrl(text)).toThrow(ServiceError);
      try {
        parseServiceUrl(text);
      } catch (e) {
        expect((e as ServiceError).code).toBe('service_url_invalid');
      }
    },
  );
});

describe('provisioning client against the real token service', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService({
      dataDir: await mkdtemp(join(tmpdir(), 'mamori-service-')),
      port: 0,
      now: () => SERVER_NOW,
      provisionRateLimit: { max: 3, windowMs: 60_000 },
    });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('provisions a credential with a valid ID, a 20-byte secret and the documented parameters', async () => {
    const local = SERVER_NOW - 42_000;
    const client = createProvisioningClient({ now: () => local });
    const { credential, sample } = await client.provision(service.url, 'linux');
    expect(credential.credentialId).toMatch(/^MAMO\d{8}$/);
    expect(credential.secret).toHaveLength(20);
    expect(credential).toMatchObject({ algorithm: 'SHA1', digits: 6, period: 30 });
    expect(Date.parse(credential.expiresAt ?? '')).toBeGreaterThan(SERVER_NOW);
    expect(sample).toEqual({ sentAt: local, receivedAt: local, serverTime: SERVER_NOW });
  });

  it('reads the service time', async () => {
    let t = 1_000;
    const client = createProvisioningClient({ now: () => (t += 10) });
    expect(await client.time(service.url)).toEqual({ sentAt: 1_010, receivedAt: 1_020, serverTime: SERVER_NOW });
  });

  it('works with a trailing slash in the service URL', async () => {
    expect((await createProvisioningClient().time(`${service.url}/`)).serverTime).toBe(SERVER_NOW);
  });

  it('reports a 404 (wrong base path) as service_refused', async () => {
    const error = await expectCode(createProvisioningClient().time(`${service.url}/not-here`), 'service_refused');
    expect(error.status).toBe(404);
  });

  it("reports the rate limit as service_refused with the service's own code and words", async () => {
    const client = createProvisioningClient();
    let error: ServiceError | undefined;
    for (let i = 0; i < 5 && error === undefined; i++) error = await client.provision(service.url, 'linux').then(() => undefined, (e: ServiceError) => e);
    expect(error?.code).toBe('service_refused');
    expect(error?.status).toBe(429);
    expect(error?.serviceCode).toBe('rate_limited');
    expect(error?.detail).toMatch(/too many/i);
  });
});

describe('provisioning client when the service is not there', () => {
  it('a closed port is service_unreachable', async () => {
    const url = await closedPort();
    const error = await expectCode(createProvisioningClient().provision(url, 'linux'), 'service_unreachable');
    expect(error.detail).toMatch(/refused/);
  });

  it('an unknown host name is service_unreachable', async () => {
    await expectCode(createProvisioningClient({ timeoutMs: 5_000 }).time('https://mamori-no-such-host.invalid'), 'service_unreachable');
  });

  it('a bad URL is service_url_invalid without any request', async () => {
    await expectCode(createProvisioningClient().provision('ftp://example.com', 'linux'), 'service_url_invalid');
    await expectCode(createProvisioningClient().time('not a url'), 'service_url_invalid');
  });

  it('a service that never answers is service_unreachable after the timeout', async () => {
    const { url, server } = await startOddServer(() => undefined); // accepts, never answers
    try {
      const error = await expectCode(createProvisioningClient({ timeoutMs: 100 }).time(url), 'service_unreachable');
      expect(error.detail).toMatch(/in time/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('provisioning client refuses bad answers from a real (misbehaving) server', () => {
  const good = {
    credentialId: 'MAMO12345674',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    expiresAt: '2029-01-01T00:00:00.000Z',
    serverTime: '2026-01-01T00:00:00.000Z',
  };
  let answer: { status: number; body: string; headers?: Record<string, string> } = { status: 201, body: '' };
  let odd: { url: string; server: Server };
  beforeAll(async () => {
    odd = await startOddServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
  });
  afterAll(() => {
    odd?.server.close();
  });
  const provision = () => createProvisioningClient().provision(odd.url, 'linux');

  it('accepts the well-formed answer (the server itself works)', async () => {
    answer = { status: 201, body: JSON.stringify(good) };
    expect((await provision()).credential.credentialId).toBe('MAMO12345674');
  });

  const bad: Array<[string, unknown]> = [
    ['HTML', '<html>hello</html>'],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['no secret', JSON.stringify({ ...good, secret: undefined })],
    ['a credential ID with a wrong check digit', JSON.stringify({ ...good, credentialId: 'MAMO12345675' })],
    ['a lower-case credential ID', JSON.stringify({ ...good, credentialId: 'mamo12345674' })],
    ['a secret that is not base32', JSON.stringify({ ...good, secret: 'not base32!!' })],
    ['a 10-byte secret', JSON.stringify({ ...good, secret: 'GEZDGNBVGY3TQOJQ' })],
    ['7 digits', JSON.stringify({ ...good, digits: 7 })],
    ['MD5', JSON.stringify({ ...good, algorithm: 'MD5' })],
    ['a non-ISO server time', JSON.stringify({ ...good, serverTime: 'yesterday' })],
    ['a huge body', JSON.stringify({ ...good, padding: 'x'.repeat(100_000) })],
  ];
  for (const [name, body] of bad) {
    it(`refuses ${name} as service_bad_answer`, async () => {
      answer = { status: 201, body: String(body) };
      await expectCode(provision(), 'service_bad_answer');
    });
  }

  it('refuses a redirect (the secret must not be fetched from elsewhere)', async () => {
    answer = { status: 307, body: '', headers: { location: 'http://127.0.0.1:1/v1/provision' } };
    await expectCode(provision(), 'service_bad_answer');
  });

  it('reports a 503 without a JSON body as service_refused with plain words', async () => {
    answer = { status: 503, body: 'Service Unavailable' };
    const error = await expectCode(provision(), 'service_refused');
    expect(error.status).toBe(503);
    expect(error.detail).toMatch(/HTTP 503/);
  });

  it('refuses a time answer without serverTime', async () => {
    answer = { status: 200, body: JSON.stringify({ time: 1 }) };
    await expectCode(createProvisioningClient().time(odd.url), 'service_bad_answer');
  });
});
