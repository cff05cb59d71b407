/**
 * The preview's HTTP front, on 127.0.0.1 only. Every request is checked in this order: Host
 * (DNS rebinding), the capability token as the first path segment (everything lives under
 * /<token>/, so the page's relative URLs carry it without any script), then per route Origin and
 * Sec-Fetch-Site on the API and the event stream. Routes below the token:
 *
 *   GET  /            the app's page (preview-page.ts); also /index.html
 *   GET  /<file>      the built renderer's files and the bridge bundle (preview-files.ts)
 *   POST /api/invoke  { channel, payload } -> { result, clipboard? }: one request of the contract
 *   GET  /api/events  Server-Sent Events: main -> page (event-stream.ts)
 *
 * What a request does is the backend's business (the same gate and handlers as the app); this
 * module only decides whether a request may reach it. It logs nothing: requests carry codes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCapabilityToken } from './capability.js';
import type { EventStream } from './event-stream.js';
import { EVENTS_PATH, INVOKE_PATH, type InvokeAnswer } from './loopback-protocol.js';
import type { StaticFile } from './preview-files.js';
import { hostRefusal, originRefusal, preferredLocale, type Refusal } from './request-checks.js';

/** The largest request body: a long otpauth-migration link (16 kB, JSON-escaped) fits many times over. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface PreviewBackend {
  /**
   * `senderUrl` is the request's Origin, which the browser sets: the gate's sender check decides on it.
   * `clipboard`: the text main wrote to the clipboard during the request, or null.
   */
  invoke(channel: string, senderUrl: string, payload: unknown, locale: string | undefined): Promise<{ result: unknown; clipboard: string | null }>;
}

export interface PreviewServerOptions {
  /** 0 = any free port. */
  port: number;
  token: string;
  files: ReadonlyMap<string, StaticFile>;
  events: EventStream;
  /** Built once the origin is known (the gate's sender check names it). */
  backend(origin: string): PreviewBackend;
}

export interface PreviewServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

/** Sent with every answer. */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // Other origins may not embed or read anything here, even knowing a URL.
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  // Answers carry codes or the token-bearing page: nothing is worth keeping in a cache.
  'cache-control': 'no-store',
} as const;
/** Non-page answers get a policy that allows nothing (the page gets the app's own). */
const NOTHING_CSP = "default-src 'none'; frame-ancestors 'none'";

class BodyError extends Error {
  readonly refusal: Refusal;
  constructor(refusal: Refusal) {
    super(refusal.message);
    this.refusal = refusal;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-security-policy': NOTHING_CSP,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...extra,
  });
  response.end(text);
}

function refuse(response: ServerResponse, refusal: Refusal, extra: Record<string, string> = {}): void {
  sendJson(response, refusal.status, { error: { code: refusal.code, message: refusal.message } }, extra);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body as JSON, refusing anything but a bounded application/json body. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = header(request, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new BodyError({ status: 415, code: 'unsupported_media_type', message: 'Send application/json.' });
  const declared = Number(header(request, 'content-length') ?? 0);
  const tooLarge: Refusal = { status: 413, code: 'body_too_large', message: `The body may be at most ${MAX_BODY_BYTES} bytes.` };
  if (declared > MAX_BODY_BYTES) throw new BodyError(tooLarge);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(tooLarge);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError({ status: 400, code: 'bad_json', message: 'The body is not JSON.' });
  }
}

function isInvokeBody(body: unknown): body is { channel: string; payload: unknown } {
  return typeof body === 'object' && body !== null && 'channel' in body && typeof body.channel === 'string' && body.channel.length <= 100;
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  let origin = '';
  let expectedHost = '';
  let backend: PreviewBackend | null = null;

  async function invoke(request: IncomingMessage, response: ServerResponse, senderUrl: string): Promise<void> {
    if (backend === null) return refuse(response, { status: 503, code: 'starting', message: 'The preview is starting.' });
    let body: unknown;
    try {
      body = await readJson(request);
    } catch (error) {
      if (error instanceof BodyError) {
        // Stop reading a body we refused; the connection closes after the answer.
        return refuse(response, error.refusal, { connection: 'close' });
      }
      throw error;
    }
    if (!isInvokeBody(body)) return refuse(response, { status: 400, code: 'bad_request', message: 'Send { "channel": string, "payload": ... }.' });
    const answer = await backend.invoke(body.channel, senderUrl, body.payload, preferredLocale(header(request, 'accept-language')));
    const reply: InvokeAnswer = answer.clipboard === null ? { result: answer.result } : { result: answer.result, clipboard: answer.clipboard };
    sendJson(response, 200, reply);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const hostProblem = hostRefusal(header(request, 'host'), expectedHost);
    if (hostProblem) return refuse(response, hostProblem);
    const target = request.url ?? '';
    // Origin-form only ("/..."): an absolute-form target names some other server.
    if (!target.startsWith('/')) return refuse(response, { status: 400, code: 'bad_target', message: 'Bad request target.' });
    const path = new URL(target, origin).pathname;
    const slash = path.indexOf('/', 1);
    const token = slash < 0 ? path.slice(1) : path.slice(1, slash);
    if (!isCapabilityToken(token, options.token)) {
      return refuse(response, { status: 403, code: 'token_required', message: 'Open the Window address that `npm run demo` printed: it carries this run’s token.' });
    }
    // "/<token>" without its slash: the page's relative URLs need it.
    if (slash < 0) {
      response.writeHead(308, { ...SECURITY_HEADERS, location: `/${token}/` });
      return void response.end();
    }
    const route = path.slice(slash + 1);
    const method = request.method ?? 'GET';

    if (route === INVOKE_PATH || route === EVENTS_PATH) {
      const wanted = route === INVOKE_PATH ? 'POST' : 'GET';
      if (method !== wanted) return refuse(response, { status: 405, code: 'method_not_allowed', message: `Use ${wanted}.` }, { allow: wanted });
      const originHeader = header(request, 'origin');
      const originProblem = originRefusal({ method, origin: originHeader, secFetchSite: header(request, 'sec-fetch-site') }, origin);
      if (originProblem) return refuse(response, originProblem);
      if (route === EVENTS_PATH) {
        return options.events.attach(response, { ...SECURITY_HEADERS, 'content-security-policy': NOTHING_CSP });
      }
      // originRefusal let a POST through only with our own Origin.
      return invoke(request, response, originHeader ?? '');
    }

    const file = options.files.get(route);
    if (file === undefined) return refuse(response, { status: 404, code: 'not_found', message: 'Nothing here.' });
    if (method !== 'GET' && method !== 'HEAD') return refuse(response, { status: 405, code: 'method_not_allowed', message: 'Use GET.' }, { allow: 'GET' });
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-security-policy': file.csp ?? NOTHING_CSP,
      'content-type': file.type,
      'content-length': file.body.length,
    });
    response.end(method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // Never the error itself: it could hold a request's content.
      if (!response.headersSent) refuse(response, { status: 500, code: 'internal', message: 'The preview host failed; see the demo terminal.' });
      else response.destroy();
    });
  });
  // Loose limits are for servers on the internet; these keep a stuck client from holding the host.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: never reachable from another machine.
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  origin = `http://${expectedHost}`;
  backend = options.backend(origin);

  return {
    origin,
    url: `${origin}/${options.token}/`,
    async close() {
      // Ending the streams first lets their last events (clipboard clear, stopped) reach the page.
      options.events.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // A connection still busy after a moment is not worth waiting for.
        setTimeout(() => server.closeAllConnections(), 1_000).unref();
      });
    },
  };
}
