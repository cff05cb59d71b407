/** GET /v1/time: the server's clock, so that apps can measure their offset. */
import type { FastifyInstance } from 'fastify';
import { errorResponses, timeResponse } from '../schemas.js';
import type { TokenService } from '../../domain/token-service.js';

export function registerTimeRoutes(app: FastifyInstance, tokens: TokenService): void {
  app.get('/v1/time', { schema: { response: { 200: timeResponse, ...errorResponses } } }, async (_request, reply) => {
    // A clock answer must never come from a cache.
    reply.header('cache-control', 'no-store');
    return { serverTime: tokens.serverTime() };
  });
}
