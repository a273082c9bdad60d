import { Module, type DynamicModule } from '@nestjs/common';
import {
  Database,
  internalGuardProvider,
  SecretBox,
  type ServiceRuntime,
} from '@hookport/platform';
import { HistoryController } from './attempts/history.controller';
import { LogsConfig } from './config';
import { EndpointHealthController } from './health/endpoint-health.controller';
import { MessageLogController } from './messages/message-log.controller';
import { DeliveryHistoryProjection } from './projection/delivery-history.projection';
import { EndpointStatsController } from './stats/endpoint-stats.controller';
import { LiveBackfillController } from './live/live-backfill.controller';

@Module({})
export class LogsModule {
  static forRoot(runtime: ServiceRuntime, config: LogsConfig): DynamicModule {
    return {
      module: LogsModule,
      controllers: [
        MessageLogController,
        HistoryController,
        EndpointHealthController,
        EndpointStatsController,
        LiveBackfillController,
        DeliveryHistoryProjection,
      ],
      providers: [
        { provide: Database, useValue: runtime.db },
        { provide: LogsConfig, useValue: config },
        { provide: SecretBox, useValue: new SecretBox(config.HOOKPORT_ENCRYPTION_KEY) },
        internalGuardProvider(runtime.internalSecret),
      ],
    };
  }
}
