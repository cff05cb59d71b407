/** POST /v1/provision: anyone may get a new credential, within a per-IP rate limit. */
import type { FastifyInstance } from 'fastify';
import { sendError } from '../errors.js';
import { errorResponses, provisionBody, provisionResponse, type ProvisionBody } from '../schemas.js';
import { FixedWindowLimiter, type RateLimit } from '../rate-limiter.js';
import type { TokenService } from '../../domain/token-service.js';

export function registerProvisionRoutes(app: FastifyInstance, tokens: TokenService, limit: RateLimit, now: () => number): void {
  const perIp = new FixedWindowLimiter(limit, now);
  app.post<{ Body: ProvisionBody }>(
    '/v1/provision',
    {
      schema: { body: provisionBody, response: { 201: provisionResponse, ...errorResponses } },
      // Counted before the body is parsed, so floods of junk count too.
      onRequest: async (request, reply) => {
        const decision = perIp.hit(request.ip);
        if (!decision.ok) {
          reply.header('retry-after', String(Math.ceil(decision.retryAfterMs / 1000)));
          return sendError(reply, 429, 'rate_limited', 'Too many credentials requested from this address; retry after the Retry-After delay.');
        }
      },
    },
    async (request, reply) => {
      const credential = await tokens.provision(request.body.platform);
      // The response carries a secret: no cache anywhere may keep it.
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(credential);
    },
  );
}
