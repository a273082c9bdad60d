import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, createLogger, ServiceMetrics } from '@hookport/platform';
import { freePorts } from '@hookport/testing';

@Module({})
class NoRoutesModule {}

const get = async (url: string) => {
  const response = await request(url);
  return { status: response.statusCode, text: await response.body.text() };
};

/**
 * HOOKPORT_METRICS_PORT: `/metrics` on a port of its own and not on the service's port, which
 * for the gateway is public (the chart's ingress sends it every path).
 */
describe('metrics on their own port', () => {
  let app: NestFastifyApplication;
  let appUrl: string;
  let metricsUrl: string;

  beforeAll(async () => {
    const [metricsPort] = await freePorts(1);
    const metrics = new ServiceMetrics('metered', {
      processMetrics: false,
      address: { port: metricsPort!, host: '127.0.0.1' },
    });
    app = await createHttpApp(NoRoutesModule, {
      logger: createLogger('metered', 'warn'),
      metrics,
      isReady: () => true,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    appUrl = await app.getUrl();
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves them there, with the service port’s request timings, and not on the service port', async () => {
    expect((await get(`${appUrl}/health/live`)).status).toBe(200);
    const scraped = await get(`${metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toMatch(
      /hookport_http_request_duration_seconds_count\{[^}]*route="\/health\/live"[^}]*\} 1/,
    );
    expect((await get(`${appUrl}/metrics`)).status).toBe(404);
    expect((await get(`${metricsUrl}/health/live`)).status).toBe(404);
  });

  it('closes the metrics port with the application', async () => {
    await app.close();
    await expect(request(`${metricsUrl}/metrics`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
