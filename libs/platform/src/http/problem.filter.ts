import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import {
  ERROR_CODES,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  type ErrorCode,
  type FieldError,
  type ProblemDetails,
} from '@hookport/contracts';
import type { FastifyReply } from 'fastify';
import type { Logger } from '../logging/logger';
import { HookportError } from './hookport-error';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'malformedRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  405: 'notFound',
  409: 'conflict',
  413: 'payloadTooLarge',
  415: 'malformedRequest',
  422: 'validation',
  429: 'rateLimited',
};

// Fastify's own client-error codes (bad JSON, wrong content type, body too large).
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformedRequest',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformedRequest',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'malformedRequest',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformedRequest',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payloadTooLarge',
  FST_ERR_VALIDATION: 'validation',
};

export const problem = (
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
): ProblemDetails => ({
  type: `${PROBLEM_TYPE_BASE}${code}`,
  title: ERROR_CODES[code].title,
  status: ERROR_CODES[code].status,
  detail,
  code,
  ...(errors && errors.length > 0 ? { errors } : {}),
});

/** Maps every error to RFC 9457 problem+json; anything unmapped is a logged 500. */
export const toProblem = (
  error: unknown,
  logger?: Logger,
): { body: ProblemDetails; headers: Record<string, string> } => {
  if (error instanceof HookportError) {
    return {
      body: problem(error.code, error.detail, error.fieldErrors),
      headers: error.headers ?? {},
    };
  }
  const fastifyCode = (error as { code?: string } | null)?.code;
  if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
    const message = (error as Error).message;
    return { body: problem(FASTIFY_CODES[fastifyCode]!, message), headers: {} };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'malformedRequest');
    return { body: problem(code, error.message), headers: {} };
  }
  const status = (error as { statusCode?: number } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = STATUS_CODES[status] ?? 'malformedRequest';
    return { body: problem(code, (error as Error).message), headers: {} };
  }
  logger?.error({ err: error }, 'unhandled error');
  return { body: problem('internal', 'An unexpected error occurred.'), headers: {} };
};

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger?: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, headers } = toProblem(error, this.logger);
    void reply.status(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
  }
}
