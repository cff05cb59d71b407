import { describe, expect, it } from 'vitest';
import type { AppState, EventChannel, RequestChannel } from '../shared/contract.js';
import { createMamoriApi, MAMORI_API_KEYS, type MamoriTransport } from './bridge.js';

const setup: AppState = {
  kind: 'setup',
  language: 'en',
  languagePreference: 'system',
  serviceUrl: 'http://127.0.0.1:8787',
  preferences: { closeToTray: false, startAtLogin: false, alwaysOnTop: false, clipboardClearSeconds: 30 },
};

function transport(answer: (channel: RequestChannel, payload: unknown) => unknown) {
  const calls: [RequestChannel, unknown][] = [];
  const listeners = new Map<EventChannel, (payload: unknown) => void>();
  const t: MamoriTransport = {
    invoke: async (channel, payload) => {
      calls.push([channel, payload]);
      return answer(channel, payload);
    },
    on: (channel, listener) => {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    },
  };
  return { t, calls, emit: (channel: EventChannel, payload: unknown) => listeners.get(channel)?.(payload) };
}

describe('createMamoriApi', () => {
  it('exposes exactly the task functions', () => {
    expect(Object.keys(createMamoriApi(transport(() => null).t)).sort()).toEqual([...MAMORI_API_KEYS].sort());
  });

  it('sends each task on its own channel with the contract payload', async () => {
    const { t, calls } = transport(() => ({ ok: true, value: setup }));
    const api = createMamoriApi(t);
    await api.getState();
    await api.addFromLink('otpauth://totp/x?secret=AAAA');
    await api.addFromLink('JBSWY3DPEHPK3PXP', 'Work');
    await api.updateSettings({ language: 'ja' });
    await api.updateSettings({ closeToTray: true, clipboardClearSeconds: 0, startAtLogin: undefined });
    await api.startFresh();
    await api.provision();
    await api.provision({ onlyIfNone: true });
    await api.provisionVip('SYDC');
    await api.addFromQrFile();
    await api.addFromClipboard();
    await api.select('MAMO12345674');
    await api.rename('MAMO12345674', 'Bank');
    await api.move('MAMO12345674', 2);
    await api.deleteCredential('MAMO12345674');
    await api.reveal('MAMO12345674');
    await api.copyCode();
    await api.copyCode('manual-abc');
    await api.copyCredentialId('MAMO12345674');
    await api.exportBackup('correct horse battery');
    await api.importBackup('correct horse battery');
    expect(calls).toEqual([
      ['state:get', {}],
      ['credential:add', { link: 'otpauth://totp/x?secret=AAAA' }],
      ['credential:add', { link: 'JBSWY3DPEHPK3PXP', label: 'Work' }],
      ['settings:update', { language: 'ja' }],
      ['settings:update', { closeToTray: true, clipboardClearSeconds: 0 }],
      ['settings:start-fresh', {}],
      ['credential:provision', {}],
      ['credential:provision', { onlyIfNone: true }],
      ['credential:provision-vip', { model: 'SYDC' }],
      ['credential:add-from-qr-file', {}],
      ['credential:add-from-clipboard', {}],
      ['credential:select', { credentialId: 'MAMO12345674' }],
      ['credential:rename', { credentialId: 'MAMO12345674', label: 'Bank' }],
      ['credential:move', { credentialId: 'MAMO12345674', toIndex: 2 }],
      ['credential:delete', { credentialId: 'MAMO12345674', confirmed: true }],
      ['credential:reveal', { credentialId: 'MAMO12345674', confirmed: true }],
      ['code:copy', {}],
      ['code:copy', { credentialId: 'manual-abc' }],
      ['credential-id:copy', { credentialId: 'MAMO12345674' }],
      ['backup:export', { password: 'correct horse battery' }],
      ['backup:import', { password: 'correct horse battery' }],
    ]);
  });

  it('passes valid answers and errors through', async () => {
    expect(await createMamoriApi(transport(() => ({ ok: true, value: setup })).t).getState()).toEqual({ ok: true, value: setup });
    const refused = { ok: false, error: { code: 'service_unreachable', detail: 'offline' } };
    expect(await createMamoriApi(transport(() => refused).t).provision()).toEqual(refused);
    expect(await createMamoriApi(transport(() => ({ ok: true, value: { copied: 'code' } })).t).copyCode()).toEqual({
      ok: true,
      value: { copied: 'code' },
    });
  });

  it('turns a malformed answer or a failed transport into internal', async () => {
    const internal = { ok: false, error: { code: 'internal' } };
    for (const bad of [undefined, 'ok', { ok: true }, { ok: true, value: { kind: 'ready' } }, { ok: false, error: { code: 'nope' } }]) {
      expect(await createMamoriApi(transport(() => bad).t).getState()).toEqual(internal);
    }
    // The right envelope with another channel's value is still malformed.
    expect(await createMamoriApi(transport(() => ({ ok: true, value: setup })).t).copyCode()).toEqual(internal);
    const throwing = createMamoriApi(transport(() => Promise.reject(new Error('ipc closed'))).t);
    expect(await throwing.getState()).toEqual(internal);
  });

  it('delivers only valid state events, and unsubscribes', () => {
    const { t, emit } = transport(() => null);
    const seen: AppState[] = [];
    const off = createMamoriApi(t).onStateChanged((state) => seen.push(state));
    emit('state:changed', { kind: 'ready' });
    emit('state:changed', setup);
    off();
    emit('state:changed', setup);
    expect(seen).toEqual([setup]);
  });
});
