import { createSecretKey } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ManagementAuthGuard } from './auth/management-auth.guard';
import { LogoutAuthGuard } from './auth/logout-auth.guard';
import { PortalAuthGuard } from './auth/portal-auth.guard';
import { BackgroundTasksController } from './management/background-tasks.controller';
import { LogoutController } from './management/logout.controller';
import { MessageContentController } from './management/message-content.controller';
import { ApiKeyRing } from './auth/api-key-ring';
import { FrameOrigins } from './auth/frame-origins';
import { RateLimits } from './auth/rate-limits';
import { RevocationList } from './auth/revocation-list';
import { GatewayConfig } from './config';
import { AppResolver } from './forwarding/app-resolver';
import { ForwardIdempotencyKey } from './forwarding/forwarded-idempotency-key';
import { ServiceClient } from './forwarding/service-client';
import { ApplicationsController } from './management/applications.controller';
import { EndpointsController } from './management/endpoints.controller';
import { EventTypesController } from './management/event-types.controller';
import { HealthController } from './management/health.controller';
import { HistoryController } from './management/history.controller';
import { ApiKeysController } from './management/api-keys.controller';
import { MessagesController } from './management/messages.controller';
import { OperationalWebhooksController } from './management/operational-webhooks.controller';
import { PortalAccessController } from './management/portal-access.controller';
import { PortalCompatController } from './management/portal-compat.controller';
import { PortalSettingsController } from './management/portal-settings.controller';
import { PortalDeliveryController } from './portal-api/portal-delivery.controller';
import { PortalEndpointsController } from './portal-api/portal-endpoints.controller';
import { PortalMessagesController } from './portal-api/portal-messages.controller';
import { PortalSessionController } from './portal-api/portal-session.controller';
import { PortalStreamController } from './portal-api/portal-stream.controller';
import { LiveFeed } from './live/live-feed';

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
      // One controller per area; each area has one owner module in the services behind it.
      controllers: [
        HealthController,
        ApplicationsController,
        EventTypesController,
        EndpointsController,
        MessagesController,
        HistoryController,
        MessageContentController,
        BackgroundTasksController,
        LogoutController,
        PortalAccessController,
        PortalSettingsController,
        PortalCompatController,
        ApiKeysController,
        OperationalWebhooksController,
        PortalSessionController,
        PortalEndpointsController,
        PortalMessagesController,
        PortalDeliveryController,
        PortalStreamController,
      ],
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: ServiceClient, useValue: services },
        { provide: RevocationList, useValue: access.revocations },
        { provide: ApiKeyRing, useValue: access.keys },
        { provide: FrameOrigins, useValue: access.frames },
        { provide: RateLimits, useValue: access.limits },
        { provide: LiveFeed, useValue: access.live },
        AppResolver,
        ManagementAuthGuard,
        PortalAuthGuard,
        LogoutAuthGuard,
        { provide: APP_INTERCEPTOR, useClass: ForwardIdempotencyKey },
      ],
    };
  }
}
