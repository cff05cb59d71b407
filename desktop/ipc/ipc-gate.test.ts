import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../electron/shared/contract.js';
import type { Handlers } from './handlers.js';
import { createGate, isAppUrl } from './ipc-gate.js';
import { createMainContext } from '../main-context.js';

const APP = 'http://127.0.0.1:5173';
const trusted = (url: string | undefined) => isAppUrl(url, APP);

let handlers: Handlers;
let calls: string[];
beforeEach(async () => {
  // The real handler table over a real (empty) settings folder; no test here reaches the keychain.
  const ctx = await createMainContext({
    userDataDir: await mkdtemp(join(tmpdir(), 'mamori-gate-')),
    defaultServiceUrl: 'http://127.0.0.1:1',
    clipboard: { writeText: () => undefined, readText: () => '', clear: () => undefined },
    readClipboardImage: async () => null,
    dialogs: { openImage: async () => null, openBackup: async () => null, saveBackup: async () => null },
    systemLocale: () => 'en-US',
  });
  calls = [];
  handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      (request: never) => {
        calls.push(channel);
        return (ctx.handlers[channel] as (r: never) => Promise<unknown>)(request);
      },
    ]),
  ) as unknown as Handlers;
});

describe('the IPC gate', () => {
  it('passes a valid request from our page to its handler', async () => {
    const result = await createGate(handlers, trusted).invoke('state:get', `${APP}/index.html`, {});
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'setup',
        language: 'en',
        languagePreference: 'system',
        serviceUrl: 'http://127.0.0.1:1',
        preferences: { closeToTray: false, startAtLogin: false, alwaysOnTop: false, clipboardClearSeconds: 30 },
      },
    });
    expect(calls).toEqual(['state:get']);
  });

  it('refuses an untrusted or unknown sender before anything else', async () => {
    const gate = createGate(handlers, trusted);
    for (const sender of ['https://evil.example/', 'http://127.0.0.1:5174/', undefined, '', 'not a url']) {
      expect(await gate.invoke('state:get', sender, {})).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
      expect(await gate.invoke('no:such', sender, {})).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses an unknown channel, including inherited object keys', async () => {
    const gate = createGate(handlers, trusted);
    for (const channel of ['no:such', 'toString', '__proto__', 'constructor', '']) {
      const result = await gate.invoke(channel, APP, {});
      expect(result.ok === false && result.error.code).toBe('bad_request');
    }
    expect(calls).toEqual([]);
  });

  it('refuses a payload that fails the schema, without echoing it', async () => {
    const gate = createGate(handlers, trusted);
    const bad: Array<[string, unknown]> = [
      ['state:get', { extra: 1 }],
      ['state:get', null],
      ['state:get', 'text'],
      ['credential:add', {}],
      ['credential:add', { link: '' }],
      ['credential:add', { link: 42 }],
      ['credential:add', { link: 'x'.repeat(20_000) }],
      ['credential:provision', { onlyIfNone: false }],
      ['credential:provision', { onlyIfNone: true, serviceUrl: 'https://elsewhere.example' }],
      ['credential:provision-vip', { model: 'UBHE' }],
      ['credential:provision-vip', {}],
      ['credential:delete', { credentialId: 'MAMO12345674' }],
      ['credential:delete', { credentialId: 'MAMO12345674', confirmed: false }],
      ['credential:reveal', { credentialId: 'MAMO12345674', confirmed: 'yes' }],
      ['credential:rename', { credentialId: 'MAMO12345674', label: '   ' }],
      ['credential:move', { credentialId: 'MAMO12345674', toIndex: -1 }],
      ['credential:select', { credentialId: '' }],
      ['code:copy', { credentialId: 42 }],
      ['backup:export', { password: '' }],
      ['backup:import', { password: 'x', path: '/etc/passwd' }],
      ['settings:update', { language: 'fr' }],
      ['settings:update', { serviceUrl: 'https://ok.example', secret: 'x' }],
      ['settings:update', { clipboardClearSeconds: -1 }],
      ['settings:update', { clipboardClearSeconds: 601 }],
      ['settings:update', { clipboardClearSeconds: 2.5 }],
      ['settings:update', { closeToTray: 'yes' }],
      ['settings:update', { windowBounds: { x: 0, y: 0, width: 1, height: 1 } }],
    ];
    for (const [channel, payload] of bad) {
      expect(await gate.invoke(channel, APP, payload)).toEqual({ ok: false, error: { code: 'bad_request' } });
    }
    expect(calls).toEqual([]);
  });

  it('turns a throwing handler or sender check into internal, without the message', async () => {
    const throwing = { ...handlers, 'state:get': () => Promise.reject(new Error('secret JBSWY3DPEHPK3PXP')) } as Handlers;
    expect(await createGate(throwing, trusted).invoke('state:get', APP, {})).toEqual({ ok: false, error: { code: 'internal' } });
    const badCheck = () => {
      throw new Error('boom');
    };
    expect(await createGate(handlers, badCheck).invoke('state:get', APP, {})).toEqual({ ok: false, error: { code: 'internal' } });
  });

  it('returns handler errors as they are', async () => {
    const result = await createGate(handlers, trusted).invoke('settings:update', APP, { serviceUrl: 'ftp://x' });
    expect(result.ok === false && result.error.code).toBe('service_url_invalid');
  });
});

describe('isAppUrl', () => {
  it('matches an http origin on scheme, host and port', () => {
    expect(isAppUrl('http://127.0.0.1:5173/', APP)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5173/index.html#/main', APP)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', APP)).toBe(false);
    expect(isAppUrl('https://127.0.0.1:5173/', APP)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173.evil.example/', APP)).toBe(false);
    expect(isAppUrl('http://user@127.0.0.1:5173/', APP)).toBe(false);
  });

  it('matches a custom app:// scheme (whose URL origin is "null")', () => {
    expect(isAppUrl('app://mamori/index.html', 'app://mamori')).toBe(true);
    expect(isAppUrl('app://other/index.html', 'app://mamori')).toBe(false);
    expect(isAppUrl('file:///index.html', 'app://mamori')).toBe(false);
  });

  it('matches file:// URLs by exact document or folder, after resolving dot segments', () => {
    const index = 'file:///opt/Mamori/resources/app.asar/dist/renderer/index.html';
    expect(isAppUrl(`${index}#x`, index)).toBe(true);
    expect(isAppUrl(`${index}?q`, index)).toBe(true);
    expect(isAppUrl('file:///opt/Mamori/resources/app.asar/dist/renderer/other.html', index)).toBe(false);
    expect(isAppUrl('file:///tmp/evil/index.html', index)).toBe(false);
    const folder = 'file:///opt/Mamori/resources/app.asar/dist/renderer/';
    expect(isAppUrl(index, folder)).toBe(true);
    expect(isAppUrl('file:///opt/Mamori/resources/app.asar/dist/renderer/../../../../../tmp/x.html', folder)).toBe(false);
    expect(isAppUrl('file:///opt/Mamori/resources/app.asar/dist/renderer/%2e%2e/x.html', folder)).toBe(false);
    expect(isAppUrl('file://remote-host/opt/Mamori/resources/app.asar/dist/renderer/index.html', index)).toBe(false);
  });

  it('refuses what is not a URL', () => {
    expect(isAppUrl(undefined, APP)).toBe(false);
    expect(isAppUrl('', APP)).toBe(false);
    expect(isAppUrl('about:blank', APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', 'not a url')).toBe(false);
  });
});
