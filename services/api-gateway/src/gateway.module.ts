import { Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ManagementAuthGuard } from './auth/management-auth.guard';
import { PortalAuthGuard } from './auth/portal-auth.guard';
import { GatewayConfig } from './config';
import { AppResolver } from './forwarding/app-resolver';
import { ServiceClient } from './forwarding/service-client';
import { HealthController } from './management/health.controller';
import { ManagementController } from './management/management.controller';
import { PortalController } from './portal-api/portal.controller';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, services: ServiceClient): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        JwtModule.register({
          secret: config.HOOKPORT_JWT_SECRET,
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [HealthController, ManagementController, PortalController],
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: ServiceClient, useValue: services },
        AppResolver,
        ManagementAuthGuard,
        PortalAuthGuard,
      ],
    };
  }
}
