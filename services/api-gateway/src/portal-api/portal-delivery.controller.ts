import { Controller, Inject } from '@nestjs/common';
import { ServiceClient } from '../forwarding/service-client';

/** Portal API: delivery controls for the session's application (retry, recover, test send). */
@Controller('portal-api/v1')
export class PortalDeliveryController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}
}
