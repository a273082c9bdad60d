import { createServer } from 'node:http';
import { once } from 'node:events';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LoggerService } from '@nestjs/common';
import type { Logger } from '../logging/logger';
import type { ServiceMetrics } from '../metrics/metrics';
import { createValidationPipe } from './validation';
import { ProblemFilter } from './problem.filter';

export interface HttpAppOptions {
  logger: Logger;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Extra readiness check: the service is ready only when this resolves true. */
  isReady: () => Promise<boolean> | boolean;
  /** Figures shown beside the readiness status (e.g. consumer lag), whatever the status. */
  readinessDetails?: () => Record<string, unknown>;
  /** The service's metrics: request timings are recorded and `GET /metrics` serves them. */
  metrics?: ServiceMetrics;
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
 * Creates a service's HTTP application on Fastify, with problem+json errors, validation,
 * health routes and graceful shutdown hooks wired the same way for every service.
 */
export const createHttpApp = async (
  module: unknown,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> => {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Keep-alive longer than the gateway's pool idle timeout avoids resets on reuse.
    keepAliveTimeout: 65_000,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger: nestLogger(options.logger),
    abortOnError: false,
  });
  app.useGlobalFilters(new ProblemFilter(options.logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // Nest routes Fastify's own errors (bad JSON, body too large) through the ProblemFilter too.
  const fastify = app.getHttpAdapter().getInstance();
  // An empty body labelled `content-type: application/json` (many clients set the header on
  // every call, DELETE included) is no body, not malformed JSON: Fastify answers it with 400.
  fastify.addHook('onRequest', async (request) => {
    const { headers } = request;
    const length = headers['content-length'];
    if ((length === undefined || length === '0') && headers['transfer-encoding'] === undefined)
      delete headers['content-type'];
  });
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
