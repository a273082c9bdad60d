import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiExtraModels,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@hookport/contracts';
import { Problem, SvixValidationProblem, type RouteDocs } from '@hookport/api-schema';

const problem = (status: number, description: string, schema: Type = Problem) =>
  ApiResponse({
    status,
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(schema) } } },
  });

/** One route's operation, parameters and answers, from its entry in the route table. */
export const RouteDocumentation = (doc: RouteDocs) => {
  const status = doc.status ?? 200;
  return applyDecorators(
    ApiOperation({ operationId: doc.id, summary: doc.summary, description: doc.description }),
    ...(doc.body ? [ApiBody({ type: doc.body })] : []),
    ...(doc.query ? [ApiQuery({ type: doc.query })] : []),
    doc.eventStream
      ? ApiResponse({
          status,
          description: 'A server-sent event stream, open until the session ends',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        })
      : doc.ok
        ? ApiResponse({ status, type: doc.ok, description: 'Success' })
        : ApiResponse({ status, description: 'Success, no body' }),
    ...(doc.upsert && doc.ok
      ? [ApiResponse({ status: 201, type: doc.ok, description: 'Created: there was none' })]
      : []),
    ...Object.entries(doc.errors ?? {}).map(([code, text]) => problem(Number(code), text)),
    ...(doc.headers ?? []).map((header) => ApiHeader(header)),
  );
};

// What any route may answer: besides its own errors, what the HTTP edge refuses before the
// route runs (408, 413, 414, 431) and a service behind it being briefly unavailable (503).
const commonErrors = (validation: ReturnType<typeof problem>) => [
  problem(400, 'Malformed request (unparseable JSON, bad iterator, NUL in the URL)'),
  problem(404, 'Not found, or not this tenant’s'),
  problem(408, 'The request was not received in time'),
  problem(409, 'Conflict: a concurrent change, or the resource exists already'),
  problem(413, 'The body is too large'),
  problem(414, 'A path segment is too long'),
  validation,
  problem(429, 'Rate limited: retry after the `Retry-After` header'),
  problem(431, 'The request headers are too large'),
  problem(503, 'A service behind the gateway is briefly unavailable: retry after `Retry-After`'),
];

/** Management API: an API key (or the admin key) as bearer token; scopes per area. */
export const ManagementDocs = (tag: string) =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth('apiKey'),
    ApiExtraModels(Problem, SvixValidationProblem),
    problem(401, 'Missing or invalid API key'),
    problem(403, 'The key lacks the scope (`<area>:read` or `<area>:write`)'),
    ...commonErrors(
      problem(
        422,
        'Validation failed: `detail` lists each field as Svix does, `errors` names each field',
        SvixValidationProblem,
      ),
    ),
  );

/** Portal API: a portal session token as bearer token; scopes per session. */
export const PortalDocs = (tag: string) =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth('portalSession'),
    ApiExtraModels(Problem),
    problem(401, 'Missing, expired or revoked session token'),
    problem(403, 'The session lacks the scope, or the endpoint is outside its restriction'),
    ...commonErrors(problem(422, 'Validation failed: `errors` names each field')),
  );
