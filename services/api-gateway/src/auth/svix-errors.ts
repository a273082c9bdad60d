import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FieldError, ProblemDetails } from '@hookport/contracts';

/**
 * The management API speaks Svix's error shapes, which its SDKs parse: `{ code, detail }` for
 * every 4xx (problem+json already has both) and, for 422, `detail` as a list of
 * `{ loc, msg, type }` (a string there made the Python SDK raise AttributeError instead of its
 * own exception). Hookport's members stay beside them: `errors` names each field as before.
 */
export const answerValidationErrorsAsSvix = (app: NestFastifyApplication): void => {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 422 || !request.url.startsWith('/api/')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    let problem: ProblemDetails;
    try {
      problem = JSON.parse(payload.toString()) as ProblemDetails;
    } catch {
      return payload;
    }
    if (typeof problem.detail !== 'string') return payload;
    const errors: FieldError[] = problem.errors ?? [];
    const detail = (errors.length > 0 ? errors : [{ field: '', message: problem.detail }]).map(
      (error) => ({
        loc: [error.in ?? 'body', ...error.field.split('.').filter(Boolean)],
        msg: error.message,
        type: 'value_error',
      }),
    );
    return JSON.stringify({ ...problem, detail });
  });
};
