import { Controller, Inject, UseGuards } from '@nestjs/common';
import { ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { ServiceClient } from '../forwarding/service-client';

/** Management API: the event-type catalogue, forwarded to the endpoints service. */
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
export class EventTypesController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}
}
