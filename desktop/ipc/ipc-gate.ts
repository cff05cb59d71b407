/**
 * The one gate every IPC request passes through: sender check, payload schema, handler,
 * catch-all. The Electron glue registers `invoke` for every channel of the contract; the
 * browser harness calls it from a Playwright binding. Both get the same checks.
 */
import { requests, type RequestChannel, type Result } from '../../electron/shared/contract.js';
import type { Handlers } from './handlers.js';

export interface Gate {
  invoke(channel: string, senderUrl: string | undefined, payload: unknown): Promise<Result<unknown>>;
}

function isRequestChannel(channel: string): channel is RequestChannel {
  return Object.hasOwn(requests, channel);
}

export function createGate(handlers: Handlers, isTrustedSender: (senderUrl: string | undefined) => boolean): Gate {
  return {
    async invoke(channel, senderUrl, payload) {
      try {
        // Sender first: a frame that is not ours learns nothing, not even which channels exist.
        if (!isTrustedSender(senderUrl)) return { ok: false, error: { code: 'forbidden_sender' } };
        if (!isRequestChannel(channel)) return { ok: false, error: { code: 'bad_request', detail: 'Unknown request.' } };
        const parsed = requests[channel].request.safeParse(payload);
        // No schema message in the answer: it could echo the payload back.
        if (!parsed.success) return { ok: false, error: { code: 'bad_request' } };
        // The schema and the handler come from the same table entry; TypeScript cannot follow the
        // correlation through the union of channels, so the call goes through one widened signature.
        const handler = handlers[channel] as (request: unknown) => Promise<Result<unknown>>;
        return await handler(parsed.data);
      } catch {
        return { ok: false, error: { code: 'internal' } };
      }
    },
  };
}

/**
 * Whether a sender URL is the app's own page. `appOrigin` is either
 *  - a file URL: the renderer's index.html (exact document) or its folder (ending in "/"), or
 *  - an origin such as `app://mamori` or `http://127.0.0.1:5173` (scheme, host and port must match).
 * Compared on parsed URLs, never on string prefixes, so `http://127.0.0.1:5173.evil.example`
 * and `file:///app/renderer/../../elsewhere` do not pass.
 */
export function isAppUrl(url: string | undefined, appOrigin: string): boolean {
  if (url === undefined || url === '') return false;
  let sender: URL;
  let app: URL;
  try {
    sender = new URL(url);
    app = new URL(appOrigin);
  } catch {
    return false;
  }
  if (sender.username !== '' || sender.password !== '') return false;
  if (app.protocol === 'file:') {
    if (sender.protocol !== 'file:' || sender.host !== app.host) return false;
    return app.pathname.endsWith('/') ? sender.pathname.startsWith(app.pathname) : sender.pathname === app.pathname;
  }
  // URL.origin is "null" for custom schemes such as app://, so compare the parts.
  return sender.protocol === app.protocol && sender.host === app.host && sender.host !== '';
}
