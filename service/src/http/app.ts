/**
 * The Fastify application: limits, parsers, error shape and routes. No listening and no
 * storage opening here (see start-service.ts), so tests and other hosts can build it freely.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandlers } from './errors.js';
import type { RateLimit } from './rate-limiter.js';
import { registerOpenApiRoutes } from './routes/openapi-routes.js';
import { registerProvisionRoutes } from './routes/provision-routes.js';
import { registerRelyingPartyRoutes } from './routes/relying-party-routes.js';
import { registerTimeRoutes } from './routes/time-routes.js';
import { createSecretBox } from '../domain/secret-box.js';
import type { Storage } from '../storage/storage.js';
import { createTokenService } from '../domain/token-service.js';
import { nodeHmac } from '../../../core/node/node-hmac.js';

export interface ServiceConfig {
  readonly storage: Storage;
  /** 32 bytes, already checked against the database's key check value. */
  readonly masterKey: Uint8Array;
  readonly now: () => number;
  readonly credentialPrefix: string;
  readonly logger: boolean;
  readonly provisionRateLimit: RateLimit;
  readonly relyingPartyQuota: RateLimit;
  readonly credentialLifetimeYears: number;
  readonly bodyLimit: number;
}

export const DEFAULTS = {
  credentialPrefix: 'MAMO',
  // A person needs one credential per device; 20 a minute per address stops scripted hoarding.
  provisionRateLimit: { max: 20, windowMs: 60_000 },
  // 1,000 requests a second sustained per key: far above a bank's login peak, far below abuse.
  relyingPartyQuota: { max: 60_000, windowMs: 60_000 },
  credentialLifetimeYears: 3,
  // Our largest valid body is well under 1 KiB.
  bodyLimit: 16 * 1024,
} as const;

export function buildApp(config: ServiceConfig): FastifyInstance {
  const app = Fastify({
    logger: config.logger
      ? {
          level: 'info',
          // Bodies are never logged (Fastify's default); the API key header is redacted too.
          redact: { paths: ['req.headers.authorization'], censor: '[redacted]' },
        }
      : false,
    bodyLimit: config.bodyLimit,
    // Close keep-alive connections on shutdown so that close() returns promptly.
    forceCloseConnections: true,
    ajv: {
      customOptions: {
        // Fastify's defaults would silently drop unknown fields and turn 123 into "123".
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: false,
        allErrors: false,
      },
    },
  });

  // JSON only: text/plain bodies are 415 rather than a confusing schema error.
  app.removeContentTypeParser('text/plain');
  installErrorHandlers(app);

  const tokens = createTokenService({
    storage: config.storage,
    secretBox: createSecretBox(config.masterKey),
    now: config.now,
    // node:crypto HMAC: about 4x faster than otplib's pure-JS default.
    crypto: nodeHmac,
    credentialPrefix: config.credentialPrefix,
    credentialLifetimeYears: config.credentialLifetimeYears,
  });

  registerTimeRoutes(app, tokens);
  registerProvisionRoutes(app, tokens, config.provisionRateLimit, config.now);
  registerRelyingPartyRoutes(app, tokens, config.storage, config.relyingPartyQuota, config.now);
  registerOpenApiRoutes(app);
  return app;
}
