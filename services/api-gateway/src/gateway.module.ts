import { createSecretKey } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ManagementAuthGuard } from './auth/management-auth.guard';
import { LogoutAuthGuard } from './auth/logout-auth.guard';
import { PortalAuthGuard } from './auth/portal-auth.guard';
import { ApiKeyRing } from './auth/api-key-ring';
import { FrameOrigins } from './auth/frame-origins';
import { RateLimits } from './auth/rate-limits';
import { RevocationList } from './auth/revocation-list';
import { GatewayConfig } from './config';
import { AppResolver } from './forwarding/app-resolver';
import { ForwardIdempotencyKey } from './forwarding/forwarded-idempotency-key';
import { ServiceClient } from './forwarding/service-client';
import { LiveFeed, LiveFeedConsumer } from './live/live-feed';
import { PortalAccessFeed } from './auth/portal-access-feed';
import { composedOperations } from './composed/composed-operations';
import { tableControllers } from './routes/route-controllers';
import { RouteForwarder } from './routes/route-forwarder';

@Module({})
export class GatewayModule {
  static forRoot(
    config: GatewayConfig,
    services: ServiceClient,
    access: {
      revocations: RevocationList;
      keys: ApiKeyRing;
      frames: FrameOrigins;
      limits: RateLimits;
      live: LiveFeed;
    },
  ): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        // Made when the module starts (never in the OpenAPI writer's preview, which has no
        // configuration). A key object, made once: given the string, jsonwebtoken tried it as a
        // PEM key first on every call, and that failure cost about 1 ms of CPU per portal request.
        JwtModule.registerAsync({
          useFactory: () => ({
            secret: createSecretKey(Buffer.from(config.HOOKPORT_JWT_SECRET)),
            verifyOptions: { algorithms: ['HS256'] },
          }),
        }),
      ],
      // A controller per group of the route table (every public route is an entry there), and
      // the consumers of the portal-access and delivery topics.
      controllers: [...tableControllers(), PortalAccessFeed, LiveFeedConsumer],
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: ServiceClient, useValue: services },
        { provide: RevocationList, useValue: access.revocations },
        { provide: ApiKeyRing, useValue: access.keys },
        { provide: FrameOrigins, useValue: access.frames },
        { provide: RateLimits, useValue: access.limits },
        { provide: LiveFeed, useValue: access.live },
        AppResolver,
        RouteForwarder,
        composedOperations,
        ManagementAuthGuard,
        PortalAuthGuard,
        LogoutAuthGuard,
        { provide: APP_INTERCEPTOR, useClass: ForwardIdempotencyKey },
      ],
    };
  }
}
