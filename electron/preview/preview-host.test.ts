/**
 * The preview host end to end over real HTTP: the real main context and gate, the real token
 * service on 127.0.0.1 (a temp SQLite folder), the memory vault (this process has no keychain of
 * its own; launch-preview.test.ts covers the demo keychain), and Debian's oathtool as the judge
 * of the codes. Requests are sent as the preview page's fetch sends them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Encode } from '../../core/base32.js';
import type { AppState, Result } from '../shared/contract.js';
import { startService, type RunningService } from '../../service/src/start-service.js';
import { CLIPBOARD_CLEAR_EVENT, INVOKE_PATH, STOPPED_EVENT, EVENTS_PATH } from './loopback-protocol.js';
import { createMemoryVault } from '../../desktop/stand-in/memory-vault.js';
import { startPreviewHost, type PreviewHost } from './preview-host.js';
import { invokeAs, readEvents, send } from './test-support/raw-http.js';
import { rendererFixture } from './test-support/renderer-fixture.js';

const run = promisify(execFile);
const build = rendererFixture();
const vault = createMemoryVault();
let service: RunningService;
let host: PreviewHost;
let dirs: string[] = [];
let port: number;
let base: string;

/** One request through the host, as the page sends it; returns the gate's result and any clipboard text. */
async function call(channel: string, payload: unknown, language = 'en'): Promise<{ result: Result<unknown>; clipboard?: string }> {
  const response = await invokeAs(port, base + INVOKE_PATH, { channel, payload }, { 'accept-language': language });
  expect(response.status).toBe(200);
  return response.json() as { result: Result<unknown>; clipboard?: string };
}

function ready(result: Result<unknown>): Extract<AppState, { kind: 'ready' }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  const state = result.value as AppState;
  if (state.kind !== 'ready') throw new Error(`expected a ready state, got ${state.kind}`);
  return state;
}

async function oathtool(secret: Uint8Array, atMs: number): Promise<string> {
  const { stdout } = await run('oathtool', ['--totp', '-b', base32Encode(secret), `--now=@${Math.floor(atMs / 1000)}`]);
  return stdout.trim();
}

beforeAll(async () => {
  const serviceDir = await mkdtemp(join(tmpdir(), 'mamori-preview-service-'));
  const userDataDir = await mkdtemp(join(tmpdir(), 'mamori-preview-app-'));
  dirs = [serviceDir, userDataDir];
  service = await startService({ dataDir: serviceDir, port: 0 });
  host = await startPreviewHost({ userDataDir, serviceUrl: service.url, port: 0, keychain: 'memory', vault, ...build });
  const url = new URL(host.url);
  port = Number(url.port);
  base = url.pathname;
});
afterAll(async () => {
  await host?.close();
  await service?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  build.remove();
});

describe('preview host', () => {
  it('serves the page at the printed URL, which carries a 256-bit token', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}\/$/);
    const page = await send(port, { path: base });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<meta name="mamori-preview-keychain" content="memory" />');
  });

  it('is pointed at the demo token service and starts with no credential', async () => {
    const { result } = await call('state:get', {});
    expect(result).toMatchObject({ ok: true, value: { kind: 'setup', serviceUrl: service.url } });
  });

  it('provisions from the token service through the same gate; the code is what oathtool says', async () => {
    const state = ready((await call('credential:provision', {})).result);
    const card = state.credentials[0];
    if (!card?.code) throw new Error('no code');
    expect(card.credential.credentialId).toMatch(/^MAMO\d{8}$/);
    const secret = await vault.load(card.credential.credentialId);
    // Judged within the code's own step, whatever the time is now.
    expect(card.code.code).toBe(await oathtool(secret, card.code.stepEndsAt - 1_000));
    expect(card.code.nextCode).toBe(await oathtool(secret, card.code.stepEndsAt + 1_000));
  });

  it('hands what main copied to the page in the answer: the credential ID, the code', async () => {
    const state = ready((await call('state:get', {})).result);
    const id = state.selectedId;
    const copiedId = await call('credential-id:copy', { credentialId: id });
    expect(copiedId).toEqual({ result: { ok: true, value: { copied: 'credential-id' } }, clipboard: id });
    const before = Date.now();
    const copiedCode = await call('code:copy', { credentialId: id });
    const after = Date.now();
    expect(copiedCode.result).toEqual({ ok: true, value: { copied: 'code' } });
    const secret = await vault.load(id);
    expect([await oathtool(secret, before), await oathtool(secret, after)]).toContain(copiedCode.clipboard);
    // A request that copies nothing carries no clipboard text.
    expect(await call('state:get', {})).not.toHaveProperty('clipboard');
  });

  it('asks the page to clear its copy once the delay is over', async () => {
    ready((await call('settings:update', { clipboardClearSeconds: 1 })).result);
    const stream = await readEvents(port, base + EVENTS_PATH, { 'sec-fetch-site': 'same-origin' });
    await call('code:copy', {});
    expect(stream.events.map((e) => e.event)).not.toContain(CLIPBOARD_CLEAR_EVENT);
    expect(await stream.next(CLIPBOARD_CLEAR_EVENT, 5_000)).toEqual({ event: CLIPBOARD_CLEAR_EVENT, data: {} });
    stream.close();
  });

  it("follows the browser's language as the system locale", async () => {
    expect((await call('state:get', {}, 'ja,en;q=0.5')).result).toMatchObject({ ok: true, value: { language: 'ja' } });
    expect((await call('state:get', {}, 'en-US')).result).toMatchObject({ ok: true, value: { language: 'en' } });
  });

  it('refuses what the gate refuses: an unknown channel, a payload off its schema', async () => {
    expect((await call('vault:dump', {})).result).toEqual({ ok: false, error: { code: 'bad_request', detail: 'Unknown request.' } });
    expect((await call('credential:delete', { credentialId: 'X' })).result).toEqual({ ok: false, error: { code: 'bad_request' } });
    expect((await call('state:get', { extra: 1 })).result).toEqual({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('preview host: stopping', () => {
  it('clears a pending copy and tells the page it stopped, then ends the stream', async () => {
    const serviceDir = await mkdtemp(join(tmpdir(), 'mamori-preview-service-'));
    const userDataDir = await mkdtemp(join(tmpdir(), 'mamori-preview-app-'));
    const own = await startService({ dataDir: serviceDir, port: 0 });
    const other = await startPreviewHost({ userDataDir, serviceUrl: own.url, port: 0, keychain: 'memory', vault: createMemoryVault(), ...build });
    const url = new URL(other.url);
    const stream = await readEvents(Number(url.port), url.pathname + EVENTS_PATH);
    const provision = await invokeAs(Number(url.port), url.pathname + INVOKE_PATH, { channel: 'credential:provision', payload: {} });
    expect(provision.json()).toMatchObject({ result: { ok: true } });
    await invokeAs(Number(url.port), url.pathname + INVOKE_PATH, { channel: 'code:copy', payload: {} });
    await other.close();
    await stream.ended;
    // (state:changed may come first: the host measures the clock offset at start, as the app does.)
    expect(stream.events.map((e) => e.event).filter((name) => name.startsWith('preview:'))).toEqual([CLIPBOARD_CLEAR_EVENT, STOPPED_EVENT]);
    await own.close();
    await rm(serviceDir, { recursive: true, force: true });
    await rm(userDataDir, { recursive: true, force: true });
  });
});
