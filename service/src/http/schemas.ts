/**
 * JSON schemas for every request body and response. Unknown fields are refused
 * (additionalProperties: false, with Ajv's removeAdditional switched off in app.ts), and types
 * are never coerced. The same objects build the OpenAPI document; decisions' results and
 * reasons come from the domain's one list (domain/decisions.ts).
 */
import { DECISIONS, type DecisionName } from '../domain/decisions.js';

export const errorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Machine-readable, e.g. invalid_request, unauthorized, rate_limited, registration_throttled.' },
        message: { type: 'string', description: 'For people; never contains a code or a secret.' },
      },
    },
  },
} as const;

/**
 * POST /v1/register's 429: the API key's quota (rate_limited, Retry-After header only), or
 * registration_throttled with `retryAfter` in the body as well (registration-throttle.ts).
 */
export const throttledErrorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: ['rate_limited', 'registration_throttled'] },
        message: errorSchema.properties.error.properties.message,
        retryAfter: {
          type: 'integer',
          minimum: 1,
          description: 'With registration_throttled: seconds until this user or credential may try again (also the Retry-After header).',
        },
      },
    },
  },
} as const;

// Any text without control characters: banks use numbers, e-mail addresses or UUIDs.
const userId = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[^\\u0000-\\u001f\\u007f]+$', description: "The bank's own user identifier, scoped to the relying party." } as const;
// Loose types on purpose: a wrong code or ID is a decision (200 with a reason), not a 400.
const code = { type: 'string', maxLength: 64, description: 'The 6-digit code as typed; spaces around it are ignored.' } as const;
const credentialId = { type: 'string', maxLength: 64, description: 'e.g. MAMO12345674; spaces and hyphens are ignored.' } as const;
const isoTime = { type: 'string', format: 'date-time' } as const;

export const timeResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['serverTime'],
  properties: { serverTime: isoTime },
} as const;

export const provisionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['platform'],
  properties: {
    platform: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}$', description: 'e.g. linux, darwin, win32.' },
  },
} as const;

export const provisionResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['credentialId', 'secret', 'algorithm', 'digits', 'period', 'expiresAt', 'serverTime'],
  properties: {
    credentialId: { type: 'string' },
    secret: { type: 'string', description: 'Base32 (RFC 4648, no padding) of 20 random bytes.' },
    algorithm: { type: 'string', enum: ['SHA1'] },
    digits: { type: 'integer', enum: [6] },
    period: { type: 'integer', enum: [30] },
    expiresAt: isoTime,
    serverTime: isoTime,
  },
} as const;

export const registerBody = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'credentialId', 'code'],
  properties: { userId, credentialId, code },
} as const;

export const userCodeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'code'],
  properties: { userId, code },
} as const;

export const unlockBody = {
  type: 'object',
  additionalProperties: false,
  required: ['userId'],
  properties: { userId },
} as const;

/** A 200 decision, from the operation's results and reasons as the domain declares them. */
function decision(name: DecisionName) {
  const { results, reasons } = DECISIONS[name];
  return {
    type: 'object',
    additionalProperties: false,
    required: ['result'],
    properties: {
      result: { type: 'string', enum: results },
      reason: { type: 'string', enum: reasons, description: 'Present when result is "rejected".' },
    },
  } as const;
}

export const registerResponse = decision('register');
export const validateResponse = decision('validate');
export const unregisterResponse = decision('unregister');
export const unlockResponse = decision('unlock');

/** Bodies as the schemas above guarantee them. */
export interface ProvisionBody {
  platform: string;
}
export interface RegisterBody {
  userId: string;
  credentialId: string;
  code: string;
}
export interface UserCodeBody {
  userId: string;
  code: string;
}
export interface UnlockBody {
  userId: string;
}

/** Every route answers errors in one shape. */
export const errorResponses = { '4xx': errorSchema, '5xx': errorSchema } as const;
