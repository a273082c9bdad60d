import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { FrameOrigins } from '../auth/frame-origins';

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const CORS_HEADERS = 'authorization, content-type, last-event-id';

/** The application a portal page or portal API call is for, read without trusting it. */
const appOf = (request: FastifyRequest): string | null => {
  const query = request.query as Record<string, unknown> | undefined;
  if (typeof query?.['app'] === 'string') return query['app'];
  // For CORS only: the token's `sub`, unverified (the auth guard verifies it on the route).
  const token = /^Bearer\s+[^.]+\.([^.]+)\./i.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return null;
  try {
    const claims = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      sub?: unknown;
    };
    return typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
};

/**
 * Embedding security. Portal pages may be framed only by the gateway itself and the allowed
 * origins (installation plus the page's application, `?app=`), and send no referrer. The portal
 * API answers cross-origin calls only from those origins.
 */
export const applyEmbeddingHeaders = (app: NestFastifyApplication, frames: FrameOrigins): void => {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/portal-api/')) return;
    const origin = request.headers.origin;
    if (!origin) return;
    const allowed =
      request.method === 'OPTIONS'
        ? frames.forAny(origin)
        : frames.isAllowed(origin, appOf(request));
    void reply.header('Vary', 'Origin');
    if (allowed) {
      void reply.header('Access-Control-Allow-Origin', origin);
      void reply.header('Access-Control-Expose-Headers', 'retry-after');
    }
    if (request.method === 'OPTIONS') {
      if (allowed) {
        void reply.header('Access-Control-Allow-Methods', CORS_METHODS);
        void reply.header('Access-Control-Allow-Headers', CORS_HEADERS);
        void reply.header('Access-Control-Max-Age', '600');
      }
      return reply.status(204).send();
    }
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url === '/portal' || request.url.startsWith('/portal/')) {
      const ancestors = ["'self'", ...frames.forApp(appOf(request))].join(' ');
      void reply.header(
        'Content-Security-Policy',
        `frame-ancestors ${ancestors}; script-src 'self'; base-uri 'self'; object-src 'none'`,
      );
      void reply.header('Referrer-Policy', 'no-referrer');
    }
    return payload;
  });
};
