/**
 * The HTTP front of the token service as a Fastify application: limits, parsers, error shape and
 * routes over a token core opened outside it (token-core.ts). No storage opening and no
 * listening here (see start-service.ts), so tests and other hosts can build it freely.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { TokenCore } from '../token-core.js';
import { installErrorHandlers } from './errors.js';
import type { RateLimit } from './rate-limiter.js';
import { registerOpenApiRoutes } from './routes/openapi-routes.js';
import { registerProvisionRoutes } from './routes/provision-routes.js';
import { registerRelyingPartyRoutes } from './routes/relying-party-routes.js';
import { registerTimeRoutes } from './routes/time-routes.js';

export interface HttpOptions {
  readonly logger: boolean;
  /** Credentials per IP address (in memory, per instance). */
  readonly provisionRateLimit: RateLimit;
  /** Requests per relying-party API key (in memory, per instance). */
  readonly relyingPartyQuota: RateLimit;
}

// Our largest valid body is well under 1 KiB.
export const BODY_LIMIT = 16 * 1024;

export function buildApp(core: TokenCore, options: HttpOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          // Bodies are never logged (Fastify's default); the API key header is redacted too.
          redact: { paths: ['req.headers.authorization'], censor: '[redacted]' },
        }
      : false,
    bodyLimit: BODY_LIMIT,
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

  registerTimeRoutes(app, core.tokens);
  registerProvisionRoutes(app, core.tokens, options.provisionRateLimit, core.now);
  registerRelyingPartyRoutes(app, core.tokens, core.storage, options.relyingPartyQuota, core.now);
  registerOpenApiRoutes(app);
  return app;
}
