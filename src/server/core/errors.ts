// AppError carries a stable code; one handler turns every error into RFC 9457 problem+json.
// `title` is English, `detail` Vietnamese (documented in docs/architecture.md).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorTable, type ErrorCode, problemType } from '../../shared/errors.js';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly extra: { detail?: string; title?: string; errors?: { path: string; message: string }[]; [k: string]: unknown } = {},
  ) {
    super(extra.title ?? errorTable[code].en);
  }
}

export function problemBody(code: ErrorCode, req: FastifyRequest | null, extra: AppError['extra'] = {}) {
  const entry = errorTable[code];
  const { detail, title, ...rest } = extra;
  return {
    type: problemType(code),
    title: title ?? entry.en,
    status: entry.status,
    detail: detail ?? entry.vi,
    code,
    ...(req ? { instance: req.url.split('?')[0], requestId: String(req.id) } : {}),
    ...rest,
  };
}

export function sendProblem(reply: FastifyReply, code: ErrorCode, extra: AppError['extra'] = {}) {
  const body = problemBody(code, reply.request, extra);
  return reply.code(body.status).type('application/problem+json').send(body);
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_REQ_FILE_TOO_LARGE: 'payload-too-large',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, req, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error.code, error.extra);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: [error.validationContext, v.instancePath.replace(/^\//, '').replaceAll('/', '.')].filter(Boolean).join('.'),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(reply, 'validation-failed', { errors });
    }
    const fe = error as FastifyError;
    if (fe.code && fastifyCodes[fe.code]) return sendProblem(reply, fastifyCodes[fe.code]!);
    if (fe.code === 'FST_ERR_VALIDATION') return sendProblem(reply, 'validation-failed', { errors: [{ path: fe.validationContext ?? '', message: fe.message }] });
    if (fe.statusCode === 429) return sendProblem(reply, 'rate-limited');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return sendProblem(reply, 'bad-request');
    if (isResponseSerializationError(error)) req.log.error({ err: error, issues: error.cause }, 'response did not match its schema');
    else req.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, 'internal');
  });
}
