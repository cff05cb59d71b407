/** The OpenAPI 3.1 description of the API, built from the very schemas the routes validate with. */
import {
  errorSchema,
  provisionBody,
  provisionResponse,
  registerBody,
  registerResponse,
  throttledErrorSchema,
  timeResponse,
  unlockBody,
  unlockResponse,
  unregisterResponse,
  userCodeBody,
  validateResponse,
} from './schemas.js';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const errors = {
  '400': { description: 'Malformed body (invalid JSON, wrong types, unknown fields)', ...json(errorSchema) },
  '413': { description: 'Body too large', ...json(errorSchema) },
  '415': { description: 'Body is not application/json', ...json(errorSchema) },
  '429': { description: 'Rate limit or quota exceeded (see Retry-After)', ...json(errorSchema) },
  '500': { description: 'Server fault, e.g. a stored secret failed its integrity check', ...json(errorSchema) },
};
const authErrors = { '401': { description: 'Missing or invalid API key', ...json(errorSchema) }, ...errors };

function relyingPartyPost(summary: string, body: object, response: object, moreResponses: object = {}) {
  return {
    post: {
      summary,
      security: [{ apiKey: [] }],
      requestBody: { required: true, ...json(body) },
      responses: { '200': { description: 'A decision; "rejected" carries a machine-readable reason', ...json(response) }, ...authErrors, ...moreResponses },
    },
  };
}

export function buildOpenApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mamori token service',
      version: '1.0.0',
      description:
        'Provisioning for the Mamori desktop token and the relying-party API (register, validate, unregister, unlock). ' +
        'Decisions are 200 with { result, reason }; errors are { error: { code, message } }.',
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'The relying-party API key printed once by `create-party`.' } },
    },
    paths: {
      '/v1/time': { get: { summary: "The server's clock, for offset measurement", responses: { '200': { description: 'Server time', ...json(timeResponse) } } } },
      '/v1/provision': {
        post: {
          summary: 'Issue a new credential (rate-limited per IP)',
          requestBody: { required: true, ...json(provisionBody) },
          responses: { '201': { description: 'The new credential, with its secret (shown this once)', ...json(provisionResponse) }, ...errors },
        },
      },
      '/v1/register': relyingPartyPost(
        "Register a credential to one of the party's users, proven by a current code (failed attempts are throttled per user and per credential)",
        registerBody,
        registerResponse,
        {
          '429': {
            description:
              'rate_limited: the API key\'s quota. registration_throttled: 10 attempts that did not register for this user (or 10 code checks for this ' +
              'credential) within a 15-minute window opened by the first; refused without checking the code until the window closes. ' +
              'retryAfter (and the Retry-After header) gives the seconds to wait. A successful registration clears the user\'s count.',
            headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } },
            ...json(throttledErrorSchema),
          },
        },
      ),
      '/v1/validate': relyingPartyPost("Check a user's code (one use per code; lockout after 10 failures)", userCodeBody, validateResponse),
      '/v1/unregister': relyingPartyPost("Stop a user's token, proven by a current code", userCodeBody, unregisterResponse),
      '/v1/unlock': relyingPartyPost("Clear a user's lockout after the party's own identity check", unlockBody, unlockResponse),
      '/v1/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    },
  };
}
