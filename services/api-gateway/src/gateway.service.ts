import { connectEventConsumers, createHttpApp, type ServiceFactory } from '@hookport/platform';
import { loadGatewayConfig } from './config';
import { ServiceClient } from './forwarding/service-client';
import { ApiKeyRing } from './auth/api-key-ring';
import { FrameOrigins } from './auth/frame-origins';
import { forbidCachingApiAnswers } from './auth/no-store';
import { answerValidationErrorsAsSvix } from './auth/svix-errors';
import { RateLimits } from './auth/rate-limits';
import { RevocationList } from './auth/revocation-list';
import { GatewayModule } from './gateway.module';
import { LiveFeed } from './live/live-feed';
import { serveOpenApi } from './openapi/serve-openapi';
import { applyEmbeddingHeaders } from './portal-static/embedding-headers';
import { portalDirectory, servePortal } from './portal-static/portal-static';

/** Assembles the gateway: the public HTTP edge for the management API, portal API and portal. */
export const createGatewayService: ServiceFactory = async (runtime, env) => {
  const config = loadGatewayConfig(env);
  const services = new ServiceClient(
    {
      endpoints: config.HOOKPORT_ENDPOINTS_URL,
      delivery: config.HOOKPORT_DELIVERY_URL,
      logs: config.HOOKPORT_LOGS_URL,
      'portal-session': config.HOOKPORT_PORTAL_SESSION_URL,
    },
    runtime.internalSecret,
  );
  const access = {
    revocations: new RevocationList(),
    keys: new ApiKeyRing(),
    frames: new FrameOrigins(),
    limits: new RateLimits(config),
    live: new LiveFeed(),
  };
  const app = await createHttpApp(GatewayModule.forRoot(config, services, access), {
    logger: runtime.logger,
    env,
    metrics: runtime.metrics,
    isPublic: true,
    // Room for the largest payload plus the message's other fields; delivery checks it exactly.
    bodyLimit: config.HOOKPORT_MAX_PAYLOAD_BYTES + 64 * 1024,
    // Ready once its revocation consumer is assigned: a revoked token must never pass.
    isReady: () => runtime.bus.isReady(),
  });
  connectEventConsumers(app, runtime.bus);
  applyEmbeddingHeaders(app, access.frames);
  forbidCachingApiAnswers(app);
  answerValidationErrorsAsSvix(app);
  serveOpenApi(app);
  const hasPortal = await servePortal(app, portalDirectory(config.HOOKPORT_PORTAL_DIR));
  if (!hasPortal) runtime.logger.warn('portal-ui is not built: /portal/ is not served');
  return {
    name: 'api-gateway',
    app,
    port: config.PORT,
    startWorkers: async () => {
      await app.startAllMicroservices();
    },
    stop: async () => {
      await app.close();
      await services.close();
    },
  };
};
