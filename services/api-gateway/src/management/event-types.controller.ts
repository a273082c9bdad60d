import {
  Body,
  Controller,
  Delete,
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
import {
  EventTypeExportOut,
  EventTypeImportIn,
  EventTypeImportOut,
  EventTypeIn,
  EventTypeListQuery,
  EventTypeOut,
  EventTypePatch,
  ListResponseOf,
} from '@hookport/api-schema';
import { ManagementDocs, Route } from '../openapi/route-docs';

/** Management API: the event-type catalogue (Svix `/api/v1/event-type`), to the endpoints service. */
@ManagementDocs('Event type')
@Controller('api/v1/event-type')
@UseGuards(ManagementAuthGuard)
@ManagementArea('event-types')
export class EventTypesController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  @Route({
    id: 'createEventType',
    summary: 'Create an event type',
    body: EventTypeIn,
    status: 201,
    ok: EventTypeOut,
    errors: { 409: 'The event type exists' },
  })
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

  @Route({
    id: 'listEventTypes',
    summary: 'List the event catalogue',
    query: EventTypeListQuery,
    ok: ListResponseOf(EventTypeOut),
  })
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
  @Route({ id: 'exportEventTypes', summary: 'Export the whole catalogue', ok: EventTypeExportOut })
  @Get('export')
  export(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'GET',
      path: '/internal/event-types/export',
      principal,
    });
  }

  @Route({
    id: 'importEventTypes',
    summary: 'Create or update many event types',
    body: EventTypeImportIn,
    ok: EventTypeImportOut,
  })
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

  @Route({ id: 'getEventType', summary: 'Get an event type', ok: EventTypeOut })
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

  @Route({
    id: 'patchEventType',
    summary: 'Change some fields of an event type',
    body: EventTypePatch,
    ok: EventTypeOut,
  })
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

  @Route({
    id: 'updateEventType',
    summary: 'Create or replace an event type',
    body: EventTypeIn,
    ok: EventTypeOut,
    upsert: true,
  })
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

  @Route({
    id: 'deleteEventType',
    summary: 'Archive an event type (as Svix does; `expunge` is accepted and archives too)',
    description:
      'An archived type is no longer listed nor subscribable; messages of it are still accepted, ' +
      'and it comes back with PATCH `{ "archived": false }`.',
    status: 204,
  })
  @Delete(':name')
  archive(
    @Param('name') name: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'DELETE',
      path: `/internal/event-types/${encodeURIComponent(name)}`,
      principal,
    });
  }
}
