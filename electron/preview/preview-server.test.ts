/**
 * The preview's HTTP front over real HTTP on 127.0.0.1, with a recording backend in place of the
 * gate: what may reach the backend, and what every answer carries. Each refusal has its own test.
 */
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { newCapabilityToken } from './capability.js';
import { createEventStream, type EventStream } from './event-stream.js';
import { loadPreviewFiles } from './preview-files.js';
import { MAX_BODY_BYTES, startPreviewServer, type PreviewServer } from './preview-server.js';
import { invokeAs, readEvents, send } from './test-support/raw-http.js';
import { rendererFixture } from './test-support/renderer-fixture.js';

const build = rendererFixture();

interface Call {
  channel: string;
  senderUrl: string;
  payload: unknown;
  locale: string | undefined;
}
const calls: Call[] = [];
let clipboardText: string | null = null;
let server: PreviewServer;
let events: EventStream;
let token: string;
let port: number;
/** The path of a route under the token. */
const at = (route: string) => `/${token}/${route}`;

beforeAll(async () => {
  token = newCapabilityToken();
  events = createEventStream();
  server = await startPreviewServer({
    port: 0,
    token,
    files: await loadPreviewFiles(build.rendererDir, build.bridgeFile, 'demo'),
    events,
    backend: () => ({
      async invoke(channel, senderUrl, payload, locale) {
        calls.push({ channel, senderUrl, payload, locale });
        return { result: { ok: true, value: { echoed: channel } }, clipboard: clipboardText };
      },
    }),
  });
  port = Number(new URL(server.origin).port);
});
afterAll(async () => {
  await server.close();
  build.remove();
});
afterEach(() => {
  calls.length = 0;
  clipboardText = null;
});

describe('preview server: where it listens', () => {
  it('listens on 127.0.0.1 only, and gives the URL with the token', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${port}`);
    expect(server.url).toBe(`http://127.0.0.1:${port}/${token}/`);
  });

  it('cannot be reached on any other address of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .flatMap((info) => (info && !info.internal ? [info.address] : []));
    for (const address of ['::1', ...others]) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = createConnection({ host: address, port }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
  });
});

describe('preview server: the capability token', () => {
  it('serves the page, its files and the bridge under the token', async () => {
    for (const route of ['', 'index.html', 'assets/app.js', 'preview-bridge.js']) expect((await send(port, { path: at(route) })).status, route).toBe(200);
    expect((await send(port, { path: at('preview-bridge.js') })).text).toBe('window.bridge = 1;\n');
  });

  it('refuses every route without the token', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/preview-bridge.js', '/api/events']) {
      const response = await send(port, { path });
      expect(response.status, path).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'token_required' } });
    }
    expect((await invokeAs(port, '/api/invoke', { channel: 'state:get', payload: {} })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('refuses a wrong token of the right length, and one cut short or lengthened', async () => {
    const wrong = newCapabilityToken();
    for (const other of [wrong, token.slice(0, -1), `${token}x`]) {
      expect((await send(port, { path: `/${other}/` })).status).toBe(403);
      expect((await invokeAs(port, `/${other}/api/invoke`, { channel: 'state:get', payload: {} })).status).toBe(403);
      expect((await readEvents(port, `/${other}/api/events`)).status).toBe(403);
    }
    expect((await send(port, { path: `/${token}?x=/${token}/` })).status).toBe(308); // the query is not the path
    expect((await send(port, { path: `/x/${token}/` })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('sends /<token> on to /<token>/, where the page’s relative URLs work', async () => {
    const response = await send(port, { path: `/${token}` });
    expect(response.status).toBe(308);
    expect(response.headers.location).toBe(`/${token}/`);
  });

  it('answers 404 for anything else under the token, and never lists or reads other files', async () => {
    for (const route of ['nothing.js', 'assets/', '../bridge.js', '%2e%2e/bridge.js', 'assets/../../bridge.js']) {
      expect([403, 404], route).toContain((await send(port, { path: at(route) })).status);
    }
  });
});

describe('preview server: Host and Origin', () => {
  it('refuses a Host other than 127.0.0.1:<port> (DNS rebinding), on the page and on the API', async () => {
    for (const host of ['localhost:' + port, 'evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      const page = await send(port, { path: at(''), headers: { host } });
      expect(page.status, host).toBe(421);
      expect(page.json()).toMatchObject({ error: { code: 'wrong_host' } });
      expect((await invokeAs(port, at('api/invoke'), { channel: 'state:get', payload: {} }, { host })).status).toBe(421);
    }
    expect(calls).toEqual([]);
  });

  it('refuses an API call from another Origin', async () => {
    for (const origin of ['http://evil.example', 'http://localhost:' + port, `http://127.0.0.1:${port + 1}`, 'null']) {
      const response = await invokeAs(port, at('api/invoke'), { channel: 'state:get', payload: {} }, { origin });
      expect(response.status, origin).toBe(403);
      expect(response.json(), origin).toMatchObject({ error: { code: 'wrong_origin' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses an API call the browser marks as cross-site, whatever its Origin says', async () => {
    for (const site of ['cross-site', 'same-site', 'none']) {
      const response = await invokeAs(port, at('api/invoke'), { channel: 'state:get', payload: {} }, { 'sec-fetch-site': site });
      expect(response.json(), site).toMatchObject({ error: { code: 'cross_site' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a POST with no Origin at all', async () => {
    const response = await send(port, { method: 'POST', path: at('api/invoke'), headers: { 'content-type': 'application/json' }, body: '{"channel":"state:get","payload":{}}' });
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'origin_required' } });
    expect(calls).toEqual([]);
  });

  it('refuses the event stream to another Origin or a cross-site fetch', async () => {
    const foreign = await readEvents(port, at('api/events'), { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const crossSite = await readEvents(port, at('api/events'), { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(events.clientCount).toBe(0);
  });

  it("passes the request's Origin to the gate as the sender, with the browser's language", async () => {
    const response = await invokeAs(port, at('api/invoke'), { channel: 'state:get', payload: { a: 1 } }, { 'accept-language': 'ja,en;q=0.8' });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ result: { ok: true, value: { echoed: 'state:get' } } });
    expect(calls).toEqual([{ channel: 'state:get', senderUrl: server.origin, payload: { a: 1 }, locale: 'ja' }]);
  });
});

describe('preview server: bodies', () => {
  it('refuses a body over the limit with 413 and a JSON error', async () => {
    const big = JSON.stringify({ channel: 'credential:add', payload: { link: 'x'.repeat(MAX_BODY_BYTES) } });
    const response = await send(port, { method: 'POST', path: at('api/invoke'), headers: { origin: server.origin, 'content-type': 'application/json' }, body: big });
    expect(response.status).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'body_too_large' } });
    expect(calls.filter((c) => c.channel === 'credential:add')).toEqual([]);
  });

  it('refuses a body that is not JSON (400), not application/json (415), or not { channel, payload } (400)', async () => {
    const post = (body: string, type = 'application/json') =>
      send(port, { method: 'POST', path: at('api/invoke'), headers: { origin: server.origin, 'content-type': type }, body });
    expect((await post('{nope')).json()).toMatchObject({ error: { code: 'bad_json' } });
    expect((await post('{"channel":"state:get"}', 'text/plain')).status).toBe(415);
    expect((await post('{"channel":"state:get"}', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('[1,2]')).json()).toMatchObject({ error: { code: 'bad_request' } });
    expect((await post('{"channel":7}')).status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('refuses the wrong method on each route', async () => {
    expect((await send(port, { path: at('api/invoke'), headers: { origin: server.origin } })).status).toBe(405);
    expect((await send(port, { method: 'POST', path: at('api/events'), headers: { origin: server.origin } })).status).toBe(405);
    expect((await send(port, { method: 'POST', path: at('index.html'), headers: { origin: server.origin } })).status).toBe(405);
  });
});

describe('preview server: what answers carry', () => {
  it("sends the page with the app's CSP (connect-src widened to 'self') and frame-ancestors 'none'", async () => {
    const page = await send(port, { path: at('') });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const header = String(page.headers['content-security-policy']);
    expect(header).toContain("default-src 'none'");
    expect(header).toContain("script-src 'self'");
    expect(header).toContain("connect-src 'self'");
    expect(header).toContain("frame-ancestors 'none'");
    expect(page.text).toContain(`content="${header.replace("; frame-ancestors 'none'", '')}"`);
    expect(page.text).toContain('<script src="./preview-bridge.js"></script>');
  });

  it('sends the security headers on the page, its files, the API and refusals', async () => {
    const answers = [
      await send(port, { path: at('') }),
      await send(port, { path: at('assets/app.js') }),
      await invokeAs(port, at('api/invoke'), { channel: 'state:get', payload: {} }),
      await send(port, { path: '/' }),
    ];
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(String(answer.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    }
    expect(answers[2]?.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('carries the text main copied during the request, for the page to write', async () => {
    clipboardText = 'MAMO12345674';
    expect((await invokeAs(port, at('api/invoke'), { channel: 'credential-id:copy', payload: {} })).json()).toEqual({
      result: { ok: true, value: { echoed: 'credential-id:copy' } },
      clipboard: 'MAMO12345674',
    });
  });

  it('streams events to the page, and ends the stream when it closes', async () => {
    const reader = await readEvents(port, at('api/events'), { 'sec-fetch-site': 'same-origin' });
    expect(reader.status).toBe(200);
    expect(reader.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(reader.headers['x-content-type-options']).toBe('nosniff');
    events.send('state:changed', { kind: 'setup', line: 'a\nevent: forged' });
    expect(await reader.next('state:changed')).toEqual({ event: 'state:changed', data: { kind: 'setup', line: 'a\nevent: forged' } });
    expect(reader.events.map((e) => e.event)).toEqual(['state:changed']);
    reader.close();
  });

  it('logs nothing, not even a refusal (requests carry codes)', async () => {
    const spies = [vi.spyOn(console, 'log'), vi.spyOn(console, 'error'), vi.spyOn(console, 'warn'), vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')];
    clipboardText = '123456';
    await invokeAs(port, at('api/invoke'), { channel: 'code:copy', payload: {} });
    await send(port, { path: '/nope' });
    await invokeAs(port, at('api/invoke'), { channel: 'code:copy' }, { origin: 'http://evil.example' });
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });
});
