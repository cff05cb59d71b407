/**
 * The harness stand-in for preload.cts: the SAME createMamoriApi, with a transport over
 * Playwright bindings instead of ipcRenderer. Built to dist/harness/bridge.js (IIFE) and added
 * to the page with addInitScript before any page script runs.
 */
import { createMamoriApi } from '../../electron/preload/bridge.js';
import type { EventChannel, RequestChannel } from '../../electron/shared/contract.js';

type Listener = (payload: unknown) => void;

interface HarnessWindow {
  /** exposeBinding: forwards to the real gate in the test process. */
  __mamoriInvoke?: (channel: RequestChannel, payload: unknown) => Promise<unknown>;
  /** Called by the test process (page.evaluate) to deliver a main -> renderer event. */
  __mamoriDeliver?: (channel: EventChannel, payload: unknown) => void;
  mamori?: unknown;
}

const host = window as unknown as HarnessWindow;
const listeners = new Map<EventChannel, Set<Listener>>();

host.__mamoriDeliver = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

host.mamori = Object.freeze(
  createMamoriApi({
    invoke: (channel, payload) => {
      const invoke = host.__mamoriInvoke;
      if (!invoke) return Promise.reject(new Error('harness binding __mamoriInvoke is missing'));
      return invoke(channel, payload);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      listeners.set(channel, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  }),
);
