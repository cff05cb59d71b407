/**
 * Test support: HTTP requests to the preview as a browser (or an attacker) would send them, with
 * full control over Host, Origin and Sec-Fetch-* (fetch would set or forbid some of these), and
 * an event-stream reader that waits for events as they arrive.
 */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Sends one request to 127.0.0.1:port; headers given replace the defaults (Host included). */
export function send(port: number, options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) as unknown });
        });
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A POST to the invoke route as the page's own fetch sends it. */
export function invokeAs(port: number, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(port, {
    method: 'POST',
    path,
    headers: { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export interface StreamEvent {
  event: string;
  data: unknown;
}

export interface EventReader {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every event so far. */
  events: StreamEvent[];
  /** The next event with this name (one already received and not yet taken counts). */
  next(name: string, timeoutMs?: number): Promise<StreamEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the event stream and parses it as it arrives. */
export function readEvents(port: number, path: string, headers: Record<string, string> = {}): Promise<EventReader> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, accept: 'text/event-stream', ...headers } }, (response) => {
      const events: StreamEvent[] = [];
      let taken = 0;
      const waiters: (() => void)[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) as unknown });
        }
        for (const waiter of waiters.splice(0)) waiter();
      });
      const ended = new Promise<void>((done) => response.on('close', () => done()));
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        events,
        ended,
        next(name, timeoutMs = 10_000) {
          return new Promise((found, fail) => {
            const timer = setTimeout(() => fail(new Error(`no "${name}" event within ${timeoutMs} ms`)), timeoutMs);
            const look = () => {
              const index = events.findIndex((e, i) => i >= taken && e.event === name);
              const hit = index >= 0 ? events[index] : undefined;
              if (hit !== undefined) {
                taken = index + 1;
                clearTimeout(timer);
                found(hit);
              } else waiters.push(look);
            };
            look();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
