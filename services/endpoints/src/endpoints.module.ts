import type { EndpointsEvents, EventOf } from '@hookport/contracts';
import { Module, type DynamicModule } from '@nestjs/common';
import {
  Database,
  EventStore,
  idempotencyInterceptorProvider,
  internalGuardProvider,
  RequestIdempotency,
  OutboxRelay,
  SecretBox,
  type ServiceRuntime,
} from '@hookport/platform';
import { ApplicationController } from './application/application.controller';
import { AuditLogController } from './audit/audit-log.controller';
import { ChangeApplicationHandler } from './application/change-application.handler';
import { CreateApplicationHandler } from './application/create-application.handler';
import { ApplicationPositionController } from './application/application-position.controller';
import { EndpointsConfig } from './config';
import { CreateEndpointHandler } from './endpoint/create-endpoint.handler';
import { DeleteEndpointHandler } from './endpoint/delete-endpoint.handler';
import { EndpointRules } from './endpoint/endpoint-rules';
import { EndpointWriter } from './endpoint/endpoint-writer';
import { EndpointController } from './endpoint/endpoint.controller';
import { RotateSecretHandler } from './endpoint/rotate-secret.handler';
import { UpdateEndpointHandler } from './endpoint/update-endpoint.handler';
import { EventTypeController } from './event-type/event-type.controller';
import { DeliveryHealthConsumer } from './health/delivery-health.consumer';
import { EventTypeWriter } from './event-type/event-type.writer';

@Module({})
export class EndpointsModule {
  static forRoot(
    runtime: ServiceRuntime,
    config: EndpointsConfig,
    store: EventStore<EventOf<EndpointsEvents>>,
    relay: OutboxRelay,
    keys: RequestIdempotency,
  ): DynamicModule {
    return {
      module: EndpointsModule,
      controllers: [
        ApplicationController,
        ApplicationPositionController,
        EndpointController,
        EventTypeController,
        AuditLogController,
        DeliveryHealthConsumer,
      ],
      providers: [
        { provide: Database, useValue: runtime.db },
        { provide: EventStore<EventOf<EndpointsEvents>>, useValue: store },
        { provide: OutboxRelay, useValue: relay },
        { provide: SecretBox, useValue: new SecretBox(config.HOOKPORT_ENCRYPTION_KEY) },
        { provide: EndpointsConfig, useValue: config },
        internalGuardProvider(runtime.internalSecret),
        { provide: RequestIdempotency, useValue: keys },
        idempotencyInterceptorProvider(keys),
        {
          provide: EndpointRules,
          useValue: new EndpointRules(config.HOOKPORT_ALLOW_HTTP, config.HOOKPORT_SSRF_ALLOW),
        },
        CreateApplicationHandler,
        ChangeApplicationHandler,
        CreateEndpointHandler,
        UpdateEndpointHandler,
        DeleteEndpointHandler,
        RotateSecretHandler,
        EndpointWriter,
        EventTypeWriter,
      ],
    };
  }
}
