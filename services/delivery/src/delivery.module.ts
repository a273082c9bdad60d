import type { DeliveryEvents, EventOf } from '@hookport/contracts';
import { Module, type DynamicModule } from '@nestjs/common';
import {
  Database,
  EventStore,
  idempotencyInterceptorProvider,
  internalGuardProvider,
  RequestIdempotency,
  OutboxRelay,
  SecretBox,
  ServiceMetrics,
  type ServiceRuntime,
} from '@hookport/platform';
import { DeliveryConfig } from './config';
import { ContentAndTasksController } from './controls/content-and-tasks.controller';
import { DeliveryControlsController } from './controls/delivery-controls.controller';
import { ExpungeContentHandler } from './controls/expunge-content.handler';
import { RecoverHandler } from './controls/recover.handler';
import { ReplayHandler } from './controls/replay.handler';
import { ResendHandler } from './controls/resend.handler';
import { Dispatcher, DISPATCH_LOGGER } from './dispatch/dispatcher';
import { EndpointDirectory } from './endpoint-directory/endpoint-directory';
import { EndpointDirectoryController } from './endpoint-directory/endpoint-directory.controller';
import { EndpointProjection } from './endpoint-directory/endpoint-projection';
import { AcceptMessageHandler } from './ingest/accept-message.handler';
import { IngestBatcher } from './ingest/ingest-batcher';
import { MessageController } from './ingest/message.controller';
import { OperationalEventsConsumer } from './operational/operational-events.consumer';

@Module({})
export class DeliveryModule {
  static forRoot(
    runtime: ServiceRuntime,
    config: DeliveryConfig,
    store: EventStore<EventOf<DeliveryEvents>>,
    relay: OutboxRelay,
    keys: RequestIdempotency,
  ): DynamicModule {
    return {
      module: DeliveryModule,
      controllers: [
        EndpointProjection,
        OperationalEventsConsumer,
        MessageController,
        DeliveryControlsController,
        ContentAndTasksController,
        EndpointDirectoryController,
      ],
      providers: [
        { provide: Database, useValue: runtime.db },
        { provide: EventStore<EventOf<DeliveryEvents>>, useValue: store },
        { provide: OutboxRelay, useValue: relay },
        { provide: SecretBox, useValue: new SecretBox(config.HOOKPORT_ENCRYPTION_KEY) },
        { provide: DeliveryConfig, useValue: config },
        { provide: DISPATCH_LOGGER, useValue: runtime.logger },
        { provide: ServiceMetrics, useValue: runtime.metrics },
        internalGuardProvider(runtime.internalSecret),
        { provide: RequestIdempotency, useValue: keys },
        idempotencyInterceptorProvider(keys),
        EndpointDirectory,
        Dispatcher,
        AcceptMessageHandler,
        IngestBatcher,
        RecoverHandler,
        ReplayHandler,
        ExpungeContentHandler,
        ResendHandler,
      ],
    };
  }
}
