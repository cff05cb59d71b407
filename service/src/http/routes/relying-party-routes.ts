/**
 * The relying party's API: register, validate, unregister, unlock. Every route runs behind the
 * API-key gate, and every user lookup is scoped by the authenticated party, so one party can
 * never see or touch another party's users.
 */
import type { FastifyInstance } from 'fastify';
import { sendError } from '../errors.js';
import { installRelyingPartyAuth } from '../relying-party-auth.js';
import {
  errorResponses,
  registerBody,
  registerResponse,
  throttledErrorSchema,
  unlockBody,
  unlockResponse,
  unregisterResponse,
  userCodeBody,
  validateResponse,
  type RegisterBody,
  type UnlockBody,
  type UserCodeBody,
} from '../schemas.js';
import type { RateLimit } from '../rate-limiter.js';
import type { Storage } from '../../storage/storage.js';
import type { TokenService } from '../../domain/token-service.js';

export function registerRelyingPartyRoutes(app: FastifyInstance, tokens: TokenService, storage: Storage, quota: RateLimit, now: () => number): void {
  // Its own encapsulated scope, so the auth hook applies to these routes only.
  void app.register(async (scope) => {
    installRelyingPartyAuth(scope, storage, quota, now);

    scope.post<{ Body: RegisterBody }>(
      '/v1/register',
      { schema: { body: registerBody, response: { 200: registerResponse, 429: throttledErrorSchema, ...errorResponses } } },
      async (request, reply) => {
        const { userId, credentialId, code } = request.body;
        const decision = await tokens.register(request.relyingPartyId, userId, credentialId, code);
        if (decision.result !== 'throttled') return decision;
        // Not a decision about the code (it was not checked): an error the party retries later.
        // Which key is throttled stays in the audit log; the party shows its customer one message.
        const seconds = decision.retryAfterSeconds;
        reply.header('retry-after', String(seconds));
        return sendError(reply, 429, 'registration_throttled', 'Too many failed registrations for this user or credential; retry after the Retry-After delay.', {
          retryAfter: seconds,
        });
      },
    );

    scope.post<{ Body: UserCodeBody }>('/v1/validate', { schema: { body: userCodeBody, response: { 200: validateResponse, ...errorResponses } } }, async (request) => {
      return tokens.validate(request.relyingPartyId, request.body.userId, request.body.code);
    });

    scope.post<{ Body: UserCodeBody }>('/v1/unregister', { schema: { body: userCodeBody, response: { 200: unregisterResponse, ...errorResponses } } }, async (request) => {
      return tokens.unregister(request.relyingPartyId, request.body.userId, request.body.code);
    });

    scope.post<{ Body: UnlockBody }>('/v1/unlock', { schema: { body: unlockBody, response: { 200: unlockResponse, ...errorResponses } } }, async (request) => {
      return tokens.unlock(request.relyingPartyId, request.body.userId);
    });
  });
}
