/**
 * The programmatic way to run the token service over HTTP (used by main.ts, the demo and other
 * parts' tests): open the token core (token-core.ts), build the HTTP app over it, listen.
 * `serveTokenCore` does the last two for a core its caller has already opened and keeps owning.
 * Every value comes from the caller (main.ts reads the environment, config.ts); what a caller
 * leaves out takes the service's declared default.
 */
import { SERVICE_DEFAULTS } from './config.js';
import { createRelyingParty, type CreatedRelyingParty } from './domain/relying-parties.js';
import { buildApp } from './http/app.js';
import type { RateLimit } from './http/rate-limiter.js';
import { StartupError } from './startup-error.js';
import { openTokenCore, type TokenCore, type TokenCoreOptions } from './token-core.js';

export interface ServeOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 = an ephemeral port (the default here; the service program's default is MAMORI_PORT's). */
  port?: number;
  logger?: boolean;
  provisionRateLimit?: RateLimit;
  /** Requests per relying-party API key. */
  relyingPartyQuota?: RateLimit;
}

export interface StartServiceOptions extends TokenCoreOptions, ServeOptions {}

export interface RunningService {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  createRelyingParty(name: string): Promise<CreatedRelyingParty>;
}

/** Open a token core and serve it; closing the service closes the core too. */
export async function startService(opts: StartServiceOptions): Promise<RunningService> {
  // Checked before anything is opened.
  checkLimit('provisionRateLimit', opts.provisionRateLimit);
  checkLimit('relyingPartyQuota', opts.relyingPartyQuota);
  const core = await openTokenCore(opts);
  let http: RunningService;
  try {
    http = await serveTokenCore(core, opts);
  } catch (error) {
    await core.close();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    ...http,
    close() {
      closing ??= http.close().then(() => core.close());
      return closing;
    },
  };
}

/** Serve an already opened token core over HTTP; closing the service leaves the core open for its owner. */
export async function serveTokenCore(core: TokenCore, opts: ServeOptions = {}): Promise<RunningService> {
  checkLimit('provisionRateLimit', opts.provisionRateLimit);
  checkLimit('relyingPartyQuota', opts.relyingPartyQuota);
  const app = buildApp(core, {
    logger: opts.logger ?? SERVICE_DEFAULTS.logger,
    provisionRateLimit: opts.provisionRateLimit ?? SERVICE_DEFAULTS.provisionRateLimit,
    relyingPartyQuota: opts.relyingPartyQuota ?? SERVICE_DEFAULTS.relyingPartyQuota,
  });
  try {
    await app.listen({ host: opts.host ?? SERVICE_DEFAULTS.host, port: opts.port ?? 0 });
  } catch (error) {
    await app.close();
    throw error;
  }

  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    await app.close();
    throw new Error('The service is not listening on a TCP port.');
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    close() {
      closing ??= app.close();
      return closing;
    },
    createRelyingParty: (name) => createRelyingParty(core.storage, name, core.now),
  };
}

function checkLimit(name: string, limit: RateLimit | undefined): void {
  if (limit === undefined) return;
  if (!Number.isSafeInteger(limit.max) || limit.max < 1 || !Number.isSafeInteger(limit.windowMs) || limit.windowMs < 1)
    throw new StartupError(`${name} needs a positive integer max and windowMs.`);
}
