import { createServer, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { once } from 'node:events';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LoggerService } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from '../logging/logger';
import type { ServiceMetrics } from '../metrics/metrics';
import { loadSettings } from '../config/settings';
import { HttpServerConfig } from '../config/http-server';
import { createValidationPipe } from './validation';
import { PROBLEM_CONTENT_TYPE } from '@hookport/contracts';
import { problem, ProblemFilter } from './problem.filter';
import { HookportError } from './hookport-error';
import { isStorableUrl, jsonInputProblem, MAX_JSON_DEPTH } from './input-hygiene';

export interface HttpAppOptions {
  logger: Logger;
  /** The service's environment, for the server limits (HttpServerConfig). */
  env?: Record<string, string | undefined>;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Extra readiness check: the service is ready only when this resolves true. */
  isReady: () => Promise<boolean> | boolean;
  /** Figures shown beside the readiness status (e.g. consumer lag), whatever the status. */
  readinessDetails?: () => Record<string, unknown>;
  /** The service's metrics: request timings are recorded and `GET /metrics` serves them. */
  metrics?: ServiceMetrics;
  /**
   * The service's port is public (the gateway): `/metrics` is then served only on
   * HOOKPORT_METRICS_PORT, never beside the API, however the service is run.
   */
  isPublic?: boolean;
}

const nestLogger = (logger: Logger): LoggerService => ({
  log: (message: unknown, context?: string) => logger.info({ context }, String(message)),
  error: (message: unknown, trace?: string, context?: string) =>
    logger.error({ context, trace }, String(message)),
  warn: (message: unknown, context?: string) => logger.warn({ context }, String(message)),
  debug: (message: unknown, context?: string) => logger.debug({ context }, String(message)),
  verbose: (message: unknown, context?: string) => logger.trace({ context }, String(message)),
});

/**
 * `GET /metrics` on a port of its own, closed with the application: the gateway's port is
 * public (the chart's ingress sends every path to it), a metrics port stays inside the cluster.
 */
const serveMetricsAlone = async (
  metrics: ServiceMetrics,
  address: { port: number; host: string },
  app: { addHook(name: 'onClose', hook: () => Promise<void>): unknown },
) => {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.text().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  server.listen(address.port, address.host);
  await once(server, 'listening');
  app.addHook('onClose', async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
};

/**
 * Errors Node's HTTP parser finds before any route runs (headers too large, a request not
 * received in time, bytes that are not HTTP), answered in the API's problem shape.
 */
const answerClientError = (error: Error & { code?: string }, socket: Socket) => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? problem('requestTimeout', 'The request was not received in time.')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? problem('headersTooLarge', 'The request headers are too large.')
        : problem('malformedRequest', 'The request is not valid HTTP.');
  const body = JSON.stringify(answer);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nConnection: close\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  socket.destroy(error);
};

type Fastify = ReturnType<
  NestFastifyApplication['getHttpAdapter']
>['getInstance'] extends () => infer F
  ? F
  : never;

/**
 * JSON bodies parsed as Fastify does (prototype poisoning refused), then checked: no value a
 * layer behind could not store (NUL, unpaired surrogates: 422 naming the field), no nesting
 * deeper than MAX_JSON_DEPTH (400). An empty body is no body, not malformed JSON: many clients
 * label every call `application/json`, DELETE and bodiless POSTs included, some sent chunked.
 */
const acceptOnlyStorableJson = (fastify: Fastify) => {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (
      request: unknown,
      body: string | Buffer,
      done: (error: Error | null, value?: unknown) => void,
    ) => {
      if (body.length === 0) return done(null);
      return parse(request as never, body as string, (error: Error | null, value?: unknown) => {
        if (error) return done(error);
        const found = jsonInputProblem(value);
        if (!found) return done(null, value);
        done(
          found.kind === 'too-deep'
            ? new HookportError(
                'malformedRequest',
                `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
              )
            : new HookportError('validation', `Invalid request: ${found.field}`, [found.error]),
        );
      });
    },
  );
};

/**
 * Bodies of any other content type, or of none: empty is no body (the Svix Go SDK sends its
 * bodiless POSTs chunked, empty, untyped); anything else is refused with 400 in the API's
 * error shape.
 */
const acceptEmptyOtherBodies = (fastify: Fastify) => {
  // Fastify reads text/plain as a string, which validation then reports field by field.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(
    '*',
    { parseAs: 'string' },
    (_request: unknown, body: string | Buffer, done: (error: Error | null) => void) =>
      done(
        body.length === 0
          ? null
          : new HookportError('malformedRequest', 'Send the request body as application/json.'),
      ),
  );
};

/**
 * Creates a service's HTTP application on Fastify, with problem+json errors, validation,
 * health routes and graceful shutdown hooks wired the same way for every service.
 */
export const createHttpApp = async (
  module: unknown,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> => {
  const limits = loadSettings(HttpServerConfig, options.env);
  // Node refuses a headers timeout longer than the whole request's.
  const headersTimeout = Math.min(
    limits.HOOKPORT_HTTP_HEADERS_TIMEOUT_MS,
    limits.HOOKPORT_HTTP_REQUEST_TIMEOUT_MS,
  );
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Keep-alive longer than the gateway's pool idle timeout avoids resets on reuse.
    keepAliveTimeout: Math.min(65_000, limits.HOOKPORT_HTTP_IDLE_TIMEOUT_MS),
    connectionTimeout: limits.HOOKPORT_HTTP_IDLE_TIMEOUT_MS,
    requestTimeout: limits.HOOKPORT_HTTP_REQUEST_TIMEOUT_MS,
    http: {
      maxHeaderSize: limits.HOOKPORT_HTTP_MAX_HEADER_BYTES,
      headersTimeout,
      // Node checks both timeouts on this interval (30 s by default, which would let a slow
      // request stay up to 30 s past its limit).
      connectionsCheckingInterval: Math.max(250, Math.min(5_000, headersTimeout / 4)),
    },
    // Any id or uid the API accepts (256 characters, percent-encoded) fits in a path segment:
    // the default of 100 answered a long uid 414 at one service and not at another.
    routerOptions: { maxParamLength: 2_048 },
    clientErrorHandler: answerClientError,
    // Fastify's own refusals before routing (a path segment over maxParamLength, a malformed
    // escape in the path), in the API's problem shape too.
    frameworkErrors: (error: { code?: string }, _request: unknown, reply: FastifyReply) => {
      const answer =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? problem('uriTooLong', 'A path segment is too long.')
          : problem('malformedRequest', 'The request URL is malformed.');
      void reply.status(answer.status).type(PROBLEM_CONTENT_TYPE).send(answer);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger: nestLogger(options.logger),
    abortOnError: false,
    // Bodies are parsed by Fastify, with the checks of acceptOnlyStorableJson.
    bodyParser: false,
  });
  app.useGlobalFilters(new ProblemFilter(options.logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // Nest routes Fastify's own errors (bad JSON, body too large) through the ProblemFilter too.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request) => {
    if (!isStorableUrl(request.url))
      throw new HookportError(
        'malformedRequest',
        'The URL contains a NUL character or an escape that is not valid UTF-8.',
      );
  });
  acceptOnlyStorableJson(fastify);
  acceptEmptyOtherBodies(fastify);
  const metrics = options.metrics;
  if (metrics) {
    // By route template, never the raw URL: ids in paths would make unbounded label sets.
    fastify.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpRequests
        .labels(request.method, route, String(reply.statusCode))
        .observe(reply.elapsedTime / 1000);
    });
    if (metrics.address) await serveMetricsAlone(metrics, metrics.address, fastify);
    else if (options.isPublic)
      options.logger.info('metrics not served: set HOOKPORT_METRICS_PORT to scrape this service');
    else
      fastify.get('/metrics', async (_request, reply) =>
        reply.type(metrics.contentType).send(await metrics.text()),
      );
  }
  fastify.get('/health/live', async () => ({ status: 'ok' }));
  fastify.get('/health/ready', async (_request, reply) => {
    const ready = await options.isReady();
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not-ready', ...options.readinessDetails?.() });
  });
  return app;
};
