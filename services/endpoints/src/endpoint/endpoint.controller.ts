import { Body, Controller, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { CreateEndpointHandler } from './create-endpoint.handler';
import { EndpointInDto } from './dto/endpoint-in.dto';

/** Internal routes behind the gateway's `/api/v1/app/{app_id}/endpoint`. */
@Controller('internal/apps/:appId/endpoints')
export class EndpointController {
  constructor(private readonly createEndpoint: CreateEndpointHandler) {}

  @Post()
  create(
    @Param('appId') appId: string,
    @Body() body: EndpointInDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.createEndpoint.execute(appId, body, principal);
  }
}
