/**
 * Main -> page events for the preview, as Server-Sent Events: the browser's EventSource keeps one
 * GET open per page and reconnects by itself. Each event is one `event:` name and one line of JSON
 * (JSON.stringify never emits a raw newline, so a payload cannot forge another event).
 */
import type { ServerResponse } from 'node:http';

export interface EventStream {
  /** Takes over an accepted response and keeps it open; `headers` are the caller's security headers. */
  attach(response: ServerResponse, headers: Readonly<Record<string, string>>): void;
  send(event: string, data: unknown): void;
  readonly clientCount: number;
  /** Ends every stream (the preview is stopping). */
  close(): void;
}

const EVENT_NAME = /^[a-z][a-z:-]{0,63}$/;
/** A comment line now and then, so that idle proxies and the browser keep the connection. */
const KEEP_ALIVE_MS = 20_000;

export function createEventStream(): EventStream {
  const clients = new Set<ServerResponse>();
  let keepAlive: ReturnType<typeof setInterval> | undefined;

  function write(text: string): void {
    for (const client of clients) client.write(text);
  }

  return {
    attach(response, headers) {
      response.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8' });
      // retry: how soon the browser reconnects after the stream drops.
      response.write('retry: 2000\n\n');
      clients.add(response);
      response.on('close', () => clients.delete(response));
      if (keepAlive === undefined) {
        keepAlive = setInterval(() => write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        keepAlive.unref();
      }
    },
    send(event, data) {
      if (!EVENT_NAME.test(event)) throw new RangeError(`Not an event name: ${event}`);
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    get clientCount() {
      return clients.size;
    },
    close() {
      if (keepAlive !== undefined) clearInterval(keepAlive);
      keepAlive = undefined;
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
