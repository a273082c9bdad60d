import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';

/** Management API: the event-type catalogue (Svix `/api/v1/event-type`), to the endpoints service. */
@Controller('api/v1/event-type')
@UseGuards(ManagementAuthGuard)
@ManagementArea('event-types')
export class EventTypesController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  @Post()
  create(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'POST',
      path: '/internal/event-types',
      body,
      principal,
    });
  }

  @Get()
  list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'GET',
      path: '/internal/event-types',
      query,
      principal,
    });
  }

  /** The whole catalogue as JSON, for another installation's import. */
  @Get('export')
  export(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'GET',
      path: '/internal/event-types/export',
      principal,
    });
  }

  @Post('import')
  import(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'POST',
      path: '/internal/event-types/import',
      body,
      principal,
    });
  }

  @Get(':name')
  get(
    @Param('name') name: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'GET',
      path: `/internal/event-types/${encodeURIComponent(name)}`,
      principal,
    });
  }

  @Patch(':name')
  patch(
    @Param('name') name: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'PATCH',
      path: `/internal/event-types/${encodeURIComponent(name)}`,
      body,
      principal,
    });
  }

  @Put(':name')
  put(
    @Param('name') name: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'PUT',
      path: `/internal/event-types/${encodeURIComponent(name)}`,
      body,
      principal,
    });
  }
}
