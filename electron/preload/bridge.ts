/**
 * The renderer's whole view of main: one function per task, never a generic `send(channel)`.
 * Pure (no electron import) so that the same module runs in the Electron preload and, with a
 * different transport, in the browser harness. Every answer from main is parsed with the
 * contract's schemas: a malformed answer becomes `internal` instead of reaching React.
 */
import { z } from 'zod';
import {
  AppError,
  events,
  requests,
  type AppState,
  type EventChannel,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../shared/contract.js';

export interface MamoriTransport {
  invoke(channel: RequestChannel, payload: unknown): Promise<unknown>;
  /** Subscribes to an event channel; returns the unsubscribe function. */
  on(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

const INTERNAL: Result<never> = { ok: false, error: { code: 'internal' } };

// The page's CSP forbids eval; tell zod not to probe for it (its JIT would only be refused).
z.config({ jitless: true });

/** `{ ok: true, value }` with the channel's own response schema, or `{ ok: false, error }`. */
function envelopeOf(channel: RequestChannel) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: requests[channel].response }),
    z.object({ ok: z.literal(false), error: AppError }),
  ]);
}
const envelopes = new Map<RequestChannel, ReturnType<typeof envelopeOf>>();

export function createMamoriApi(transport: MamoriTransport) {
  async function call<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    let answer: unknown;
    try {
      answer = await transport.invoke(channel, payload);
    } catch {
      return INTERNAL;
    }
    let schema = envelopes.get(channel);
    if (!schema) envelopes.set(channel, (schema = envelopeOf(channel)));
    const envelope = schema.safeParse(answer);
    if (!envelope.success) return INTERNAL;
    // The schema above is the channel's own response schema, so the value has its type.
    return envelope.data as Result<ResponseOf<C>>;
  }

  return {
    getState: () => call('state:get', {}),
    /** `{ onlyIfNone: true }`: the first start's attempt, which never adds a second credential. */
    provision: (options?: RequestOf<'credential:provision'>) => call('credential:provision', options?.onlyIfNone === true ? { onlyIfNone: true } : {}),
    provisionVip: (model: RequestOf<'credential:provision-vip'>['model']) => call('credential:provision-vip', { model }),
    addFromLink: (link: string, label?: string) =>
      call('credential:add', label === undefined ? { link } : { link, label }),
    addFromQrFile: () => call('credential:add-from-qr-file', {}),
    addFromClipboard: () => call('credential:add-from-clipboard', {}),
    select: (credentialId: string) => call('credential:select', { credentialId }),
    rename: (credentialId: string, label: string) => call('credential:rename', { credentialId, label }),
    move: (credentialId: string, toIndex: number) => call('credential:move', { credentialId, toIndex }),
    /** Call only after the user confirmed in the UI. */
    deleteCredential: (credentialId: string) => call('credential:delete', { credentialId, confirmed: true }),
    /** Call only after the user confirmed in the UI: the answer carries the secret. */
    reveal: (credentialId: string) => call('credential:reveal', { credentialId, confirmed: true }),
    copyCode: (credentialId?: string) => call('code:copy', credentialId === undefined ? {} : { credentialId }),
    copyCredentialId: (credentialId?: string) => call('credential-id:copy', credentialId === undefined ? {} : { credentialId }),
    exportBackup: (password: string) => call('backup:export', { password }),
    importBackup: (password: string) => call('backup:import', { password }),
    /** Changes only the fields given (language, service URL, desktop preferences). */
    updateSettings: (change: RequestOf<'settings:update'>) => {
      // Copy the known fields only, so an extra property cannot turn the request into a bad_request.
      const payload: RequestOf<'settings:update'> = {};
      if (change.language !== undefined) payload.language = change.language;
      if (change.serviceUrl !== undefined) payload.serviceUrl = change.serviceUrl;
      if (change.closeToTray !== undefined) payload.closeToTray = change.closeToTray;
      if (change.startAtLogin !== undefined) payload.startAtLogin = change.startAtLogin;
      if (change.alwaysOnTop !== undefined) payload.alwaysOnTop = change.alwaysOnTop;
      if (change.clipboardClearSeconds !== undefined) payload.clipboardClearSeconds = change.clipboardClearSeconds;
      return call('settings:update', payload);
    },
    startFresh: () => call('settings:start-fresh', {}),
    onStateChanged: (listener: (state: AppState) => void): (() => void) =>
      transport.on('state:changed', (payload) => {
        const parsed = events['state:changed'].safeParse(payload);
        if (parsed.success) listener(parsed.data);
      }),
  };
}

export type MamoriApi = ReturnType<typeof createMamoriApi>;

/** The exact keys `window.mamori` has; the Electron spec checks the exposed object against it. */
export const MAMORI_API_KEYS = [
  'getState',
  'provision',
  'provisionVip',
  'addFromLink',
  'addFromQrFile',
  'addFromClipboard',
  'select',
  'rename',
  'move',
  'deleteCredential',
  'reveal',
  'copyCode',
  'copyCredentialId',
  'exportBackup',
  'importBackup',
  'updateSettings',
  'startFresh',
  'onStateChanged',
] as const satisfies readonly (keyof MamoriApi)[];

/** Fails to compile if a function is added to the bridge but not to MAMORI_API_KEYS. */
const everyKeyListed: Exclude<keyof MamoriApi, (typeof MAMORI_API_KEYS)[number]> extends never ? true : false = true;
void everyKeyListed;
