/**
 * Every error leaves the service as `{ error: { code, message } }`. Bad input is always a 4xx:
 * Fastify's own parser and validation errors are translated here, and messages never echo
 * what the client sent (it could be a code or a secret).
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ServiceError } from '../domain/service-error.js';

/** `extra`: machine-readable details beside code and message (e.g. retryAfter), declared in the route's schema. */
export function sendError(reply: FastifyReply, statusCode: number, code: string, message: string, extra: { readonly retryAfter?: number } = {}): FastifyReply {
  return reply.code(statusCode).type('application/json; charset=utf-8').send({ error: { code, message, ...extra } });
}

const CLIENT_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'bad_request', message: 'The request could not be read.' },
  404: { code: 'not_found', message: 'No such endpoint.' },
  405: { code: 'method_not_allowed', message: 'This method is not allowed here.' },
  413: { code: 'payload_too_large', message: 'The request body is too large.' },
  415: { code: 'unsupported_media_type', message: 'Send the body as application/json.' },
};

const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: 'The body is empty; send a JSON object.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', message: 'The body length does not match Content-Length.' },
};

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ServiceError, request, reply) => {
    if (error instanceof ServiceError) {
      if (error.statusCode >= 500) request.log.error({ code: error.code }, 'service error');
      return sendError(reply, error.statusCode, error.code, error.message);
    }
    if (error.validation) {
      // Ajv's message names the field and the rule ("body/userId must be string"), not the value.
      return sendError(reply, 400, 'invalid_request', `${error.validationContext ?? 'body'}${error.message.replace(/^(body|querystring|params|headers)/, '')}`);
    }
    // secure-json-parse refuses __proto__ / constructor.prototype keys with a SyntaxError.
    if (error instanceof SyntaxError) return sendError(reply, 400, 'invalid_json', 'The body is not valid JSON.');
    const known = FASTIFY_CODES[error.code];
    const status = error.statusCode ?? 500;
    if (known && status < 500) return sendError(reply, status, known.code, known.message);
    if (status >= 400 && status < 500) {
      const generic = CLIENT_ERRORS[status] ?? { code: 'bad_request', message: 'The request was refused.' };
      return sendError(reply, status, generic.code, generic.message);
    }
    request.log.error({ err: { type: error.name, code: error.code } }, 'unexpected error');
    return sendError(reply, 500, 'internal_error', 'Something went wrong on our side.');
  });

  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'not_found', 'No such endpoint. See GET /v1/openapi.json.'));
}
