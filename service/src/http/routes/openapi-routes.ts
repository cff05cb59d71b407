/** GET /v1/openapi.json */
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../openapi-document.js';

export function registerOpenApiRoutes(app: FastifyInstance): void {
  const document = JSON.stringify(buildOpenApiDocument());
  app.get('/v1/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(document));
}
