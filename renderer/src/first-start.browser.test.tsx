/**
 * The first start's "once" under React's StrictMode, which in development mounts every component,
 * runs its effects, cleans them up and runs them again: the window must still ask main for one
 * credential only, and never repeat a failed attempt by itself. (An attempt started from a
 * component's mount effect, the obvious design, is asked twice here: this file fails for it.) The
 * whole App, as main.tsx renders it, over the real bridge with a transport that plays main and
 * counts the requests.
 */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createMamoriApi } from '../../electron/preload/bridge.js';
import type { AppState, EventChannel, RequestChannel, Result } from '../../electron/shared/contract.js';
import { App } from './App.js';

const common = {
  language: 'en',
  languagePreference: 'system',
  serviceUrl: 'http://127.0.0.1:8787',
  preferences: { closeToTray: false, startAtLogin: false, alwaysOnTop: false, clipboardClearSeconds: 30 },
} as const;
const SETUP: AppState = { kind: 'setup', ...common };

function readyState(credentialId: string): AppState {
  return {
    kind: 'ready',
    ...common,
    credentials: [
      {
        credential: { credentialId, label: credentialId, issuer: '127.0.0.1', digits: 6, period: 30, source: 'service', createdAt: new Date().toISOString(), expiresAt: null },
        code: { code: '123456', nextCode: '654321', stepEndsAt: Date.now() + 20_000 },
      },
    ],
    selectedId: credentialId,
    clock: { offsetMs: 0, measuredAt: null, warning: false },
  };
}

/**
 * Main, played in the page: `state:get` answers `state`, `credential:provision` answers
 * `provisionAnswer()`; every request is counted, and `push` sends a `state:changed` event.
 */
function fakeMain(initial: AppState, provisionAnswer: () => Result<AppState>) {
  let state = initial;
  const requests: RequestChannel[] = [];
  const listeners = new Set<(payload: unknown) => void>();
  const api = createMamoriApi({
    async invoke(channel: RequestChannel) {
      requests.push(channel);
      if (channel === 'state:get') return { ok: true, value: state };
      if (channel === 'credential:provision') {
        const answer = provisionAnswer();
        if (answer.ok) state = answer.value;
        return answer;
      }
      return { ok: false, error: { code: 'internal' } };
    },
    on(channel: EventChannel, listener: (payload: unknown) => void) {
      if (channel !== 'state:changed') return () => {};
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  // The preload's contextBridge makes `window.mamori` read-only; here it is defined the same way.
  Object.defineProperty(window, 'mamori', { value: api, configurable: true });
  return {
    provisions: () => requests.filter((channel) => channel === 'credential:provision').length,
    push(next: AppState) {
      state = next;
      for (const listener of listeners) listener(next);
    },
  };
}

let root: Root | undefined;
function renderApp(): void {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

afterEach(() => {
  root?.unmount();
  root = undefined;
  document.body.replaceChildren();
});

describe('the first start under StrictMode', () => {
  it('provisions exactly once, without a click, and shows the credential', async () => {
    const main = fakeMain(SETUP, () => ({ ok: true, value: readyState('MAMO12345674') }));
    renderApp();
    await expect.element(page.getByTestId('credential-id')).toHaveTextContent('MAMO12345674');
    expect(main.provisions()).toBe(1);
  });

  it('does not repeat a failed attempt by itself, not even when main pushes a new state; the retry asks once more', async () => {
    const main = fakeMain(SETUP, () => ({ ok: false, error: { code: 'service_unreachable' } }));
    renderApp();
    await expect.element(page.getByRole('alert')).toHaveTextContent(/Can.t reach the token service/);
    const retry = page.getByRole('button', { name: 'Try again' });
    await expect.element(retry).toHaveFocus();
    expect(main.provisions()).toBe(1);

    // Main tells the window something changed (a clock re-sync, a setting): still no new attempt.
    main.push({ ...SETUP, language: 'ja' });
    await expect.element(page.getByRole('button', { name: 'もう一度試す' })).toBeVisible();
    expect(main.provisions()).toBe(1);

    await page.getByRole('button', { name: 'もう一度試す' }).click();
    await expect.poll(() => main.provisions()).toBe(2);
    await expect.element(page.getByRole('alert')).toHaveTextContent('トークンサービスに接続できません');
    expect(main.provisions()).toBe(2);
  });

  it('a start with a credential never provisions, not even once the last credential is deleted', async () => {
    const main = fakeMain(readyState('MAMO12345674'), () => ({ ok: true, value: readyState('MAMO99999997') }));
    renderApp();
    await expect.element(page.getByTestId('credential-id')).toHaveTextContent('MAMO12345674');
    main.push(SETUP);
    await expect.element(page.getByRole('button', { name: 'Get a credential from 127.0.0.1:8787' })).toBeVisible();
    expect(main.provisions()).toBe(0);
  });
});
