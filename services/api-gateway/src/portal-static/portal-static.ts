import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The built portal SPA: HOOKPORT_PORTAL_DIR, else `portal-ui/dist/browser` of the workspace. */
export const portalDirectory = (configured: string | undefined): string => {
  if (configured) return configured;
  for (let folder = __dirname; folder !== dirname(folder); folder = dirname(folder)) {
    const candidate = resolve(folder, 'portal-ui/dist/browser');
    if (existsSync(resolve(candidate, 'index.html'))) return candidate;
  }
  return resolve('portal-ui/dist/browser');
};

/** Serves the portal under `/portal/`, with the headers an embeddable page needs. */
export const servePortal = async (
  app: NestFastifyApplication,
  directory: string,
): Promise<boolean> => {
  if (!existsSync(resolve(directory, 'index.html'))) return false;
  const fastify = app.getHttpAdapter().getInstance();
  const indexHtml = readFileSync(resolve(directory, 'index.html'));
  await fastify.register(fastifyStatic, {
    root: directory,
    prefix: '/portal/',
    decorateReply: false,
    index: ['index.html'],
    // One route per built file; other paths fall to the SPA route below.
    wildcard: false,
    // Referrer-Policy and frame-ancestors come from `applyEmbeddingHeaders`.
    setHeaders: (response) => {
      void response.header('X-Content-Type-Options', 'nosniff');
    },
  });
  fastify.get('/portal', (_request, reply) => reply.redirect('/portal/', 301));
  // A deep link (`/portal/endpoints/ep_...`, a reload, a bookmark) gets the SPA, whose router
  // shows the page; a missing file (a path with an extension) stays a 404.
  fastify.get('/portal/*', (request, reply) => {
    const last = request.url.split('?')[0]!.split('/').pop() ?? '';
    if (last.includes('.')) return reply.code(404).type('text/plain').send('Not found');
    return reply
      .type('text/html; charset=utf-8')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-cache')
      .send(indexHtml);
  });
  return true;
};
