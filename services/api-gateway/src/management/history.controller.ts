import { Controller, Inject, UseGuards } from '@nestjs/common';
import { ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { ServiceClient } from '../forwarding/service-client';

/** Management API: delivery history (messages, attempts, stats), forwarded to the logs service. */
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
export class HistoryController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}
}
