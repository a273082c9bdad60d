import { Module, type DynamicModule } from '@nestjs/common';
import {
  Database,
  EventStore,
  internalGuardProvider,
  OutboxRelay,
  SecretBox,
  type ServiceRuntime,
} from '@hookport/platform';
import { ApplicationController } from './application/application.controller';
import { CreateApplicationHandler } from './application/create-application.handler';
import { EndpointsConfig } from './config';
import { CreateEndpointHandler } from './endpoint/create-endpoint.handler';
import { EndpointController } from './endpoint/endpoint.controller';

@Module({})
export class EndpointsModule {
  static forRoot(
    runtime: ServiceRuntime,
    config: EndpointsConfig,
    store: EventStore,
    relay: OutboxRelay,
  ): DynamicModule {
    return {
      module: EndpointsModule,
      controllers: [ApplicationController, EndpointController],
      providers: [
        { provide: Database, useValue: runtime.db },
        { provide: EventStore, useValue: store },
        { provide: OutboxRelay, useValue: relay },
        { provide: SecretBox, useValue: new SecretBox(config.HOOKPORT_ENCRYPTION_KEY) },
        { provide: EndpointsConfig, useValue: config },
        internalGuardProvider(runtime.internalSecret),
        CreateApplicationHandler,
        CreateEndpointHandler,
      ],
    };
  }
}
