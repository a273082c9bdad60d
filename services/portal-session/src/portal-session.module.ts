import type { PortalAccessEvents, EventOf } from '@hookport/contracts';
import { createSecretKey } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import {
  Database,
  EventStore,
  idempotencyInterceptorProvider,
  internalGuardProvider,
  RequestIdempotency,
  OutboxRelay,
  type ServiceRuntime,
} from '@hookport/platform';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysHandler } from './api-keys/api-keys.handler';
import { ApplicationNamesProjection } from './applications/application-names.projection';
import { PortalSessionConfig } from './config';
import { CreatePortalSessionHandler } from './portal-session/create-portal-session.handler';
import { ExchangeCodeHandler } from './portal-session/exchange-code.handler';
import { RevokeSessionsHandler } from './portal-session/revoke-sessions.handler';
import { IssueGrantHandler } from './portal-session/issue-grant.handler';
import { PortalSessionController } from './portal-session/portal-session.controller';
import { PortalTokensQuery } from './portal-session/portal-tokens.query';
import { RefreshSessionHandler } from './portal-session/refresh-session.handler';
import { SessionMeQuery } from './portal-session/session-me.query';
import { SessionTokenIssuer } from './portal-session/session-token';
import { PortalSettingsController } from './settings/portal-settings.controller';
import { PortalSettingsStore } from './settings/portal-settings.store';

@Module({})
export class PortalSessionModule {
  static forRoot(
    runtime: ServiceRuntime,
    config: PortalSessionConfig,
    store: EventStore<EventOf<PortalAccessEvents>>,
    relay: OutboxRelay,
    keys: RequestIdempotency,
  ): DynamicModule {
    return {
      module: PortalSessionModule,
      imports: [
        JwtModule.register({
          // A key object, made once: given the string, jsonwebtoken tried it as a PEM key first on
          // every call, and that failure cost about 1 ms of CPU per portal request.
          secret: createSecretKey(Buffer.from(config.HOOKPORT_JWT_SECRET)),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        PortalSessionController,
        PortalSettingsController,
        ApiKeysController,
        ApplicationNamesProjection,
      ],
      providers: [
        { provide: Database, useValue: runtime.db },
        { provide: EventStore<EventOf<PortalAccessEvents>>, useValue: store },
        { provide: OutboxRelay, useValue: relay },
        { provide: PortalSessionConfig, useValue: config },
        internalGuardProvider(runtime.internalSecret),
        { provide: RequestIdempotency, useValue: keys },
        idempotencyInterceptorProvider(keys),
        CreatePortalSessionHandler,
        ExchangeCodeHandler,
        RevokeSessionsHandler,
        IssueGrantHandler,
        PortalTokensQuery,
        RefreshSessionHandler,
        SessionMeQuery,
        SessionTokenIssuer,
        PortalSettingsStore,
        ApiKeysHandler,
      ],
    };
  }
}
