import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * API answers are per credential and many carry secrets or tokens (a signing secret, a session
 * code, an API key shown once, custom header credentials): no browser, proxy or CDN may keep
 * one. Declared once for every route of both APIs rather than remembered route by route.
 */
export const forbidCachingApiAnswers = (app: NestFastifyApplication): void => {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply, payload) => {
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/portal-api/');
    if (isApi && !reply.hasHeader('cache-control')) void reply.header('Cache-Control', 'no-store');
    return payload;
  });
};
