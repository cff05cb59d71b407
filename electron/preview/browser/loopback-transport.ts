/**
 * The preview bridge's transport: what ipcRenderer is in the Electron preload. Requests are a
 * same-origin fetch POST (the browser adds the Origin header the host checks; the page's URL,
 * and so the capability token, is the base of every address); main -> page events come over one
 * EventSource. Text main copied during a request is written to the browser's clipboard here,
 * still within the click that asked for it.
 */
import type { MamoriTransport } from '../../preload/bridge.js';
import { EVENT_CHANNELS, type EventChannel, type Result } from '../../shared/contract.js';
import { CLIPBOARD_CLEAR_EVENT, EVENTS_PATH, INVOKE_PATH, isInvokeAnswer, STOPPED_EVENT } from '../loopback-protocol.js';
import type { ClipboardKeeper } from './clipboard-keeper.js';

/** The part of EventSource the transport uses (tests may pass another). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface LoopbackOptions {
  /** The page's folder, http://127.0.0.1:PORT/TOKEN/: every address is relative to it. */
  base: URL;
  fetch: typeof fetch;
  openEvents(url: URL): EventSourceLike;
  clipboard: ClipboardKeeper;
}

type Listener = (payload: unknown) => void;

/** The copy happened in main but the browser refused the write: the window must not say "copied". */
const CLIPBOARD_REFUSED: Result<never> = {
  ok: false,
  error: { code: 'internal', detail: 'The browser did not let the page write to the clipboard. Click in the window and try again.' },
};

export function createLoopbackTransport(options: LoopbackOptions): MamoriTransport {
  const listeners = new Map<EventChannel, Set<Listener>>();
  const events = options.openEvents(new URL(EVENTS_PATH, options.base));
  for (const channel of EVENT_CHANNELS) {
    events.addEventListener(channel, (event) => {
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return; // the bridge validates payloads anyway; an unreadable one is dropped
      }
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    });
  }
  events.addEventListener(CLIPBOARD_CLEAR_EVENT, () => void options.clipboard.clearIfStillOurs());
  // Without this, the page would retry every few seconds after the demo stopped.
  events.addEventListener(STOPPED_EVENT, () => events.close());

  return {
    async invoke(channel, payload) {
      const response = await options.fetch(new URL(INVOKE_PATH, options.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, payload }),
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
      });
      // createMamoriApi turns a throw into { ok: false, error: { code: 'internal' } }.
      if (!response.ok) throw new Error(`The preview host answered ${response.status}.`);
      const answer: unknown = await response.json();
      if (!isInvokeAnswer(answer)) throw new Error('The preview host sent an answer of the wrong shape.');
      if (answer.clipboard !== undefined && !(await options.clipboard.write(answer.clipboard))) return CLIPBOARD_REFUSED;
      return answer.result;
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set<Listener>();
      listeners.set(channel, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}
