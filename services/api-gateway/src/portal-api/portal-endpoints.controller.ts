import { Controller, Inject } from '@nestjs/common';
import { ServiceClient } from '../forwarding/service-client';

/** Portal API: the session's application's endpoints, secrets and event-type catalogue. */
@Controller('portal-api/v1')
export class PortalEndpointsController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}
}
