import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { forwardAndRelay, relayReply } from '../forwarding/relay-reply';
import { lookUpMessage } from '../forwarding/message-lookup';
import { ServiceClient } from '../forwarding/service-client';
import {
  AttemptQuery,
  DestinationQuery,
  EndpointMessageOut,
  HistoryQuery,
  ListResponseOf,
  MessageAttemptOut,
  MessageEndpointOut,
  MessageOut,
} from '@hookport/api-schema';
import { attemptedDestinations } from '../forwarding/attempted-destinations';
import { ManagementDocs, Route } from '../openapi/route-docs';

/** Management API: delivery history in Svix's shapes, forwarded to the logs service. */
@ManagementDocs('Message')
@Controller('api/v1/app/:appId')
@UseGuards(ManagementAuthGuard)
@ManagementArea('messages')
export class HistoryController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

  private async history(
    reply: FastifyReply,
    principal: Principal,
    appId: string,
    suffix: string,
    query?: Record<string, unknown>,
  ) {
    // History outlives its application until retention: a deleted one resolves by id here.
    const { app } = await this.apps.resolve(appId, principal, { includeDeleted: true });
    return forwardAndRelay(this.services, reply, 'logs', {
      method: 'GET',
      path: `/internal/apps/${app.id}/history${suffix}`,
      query,
      principal,
    });
  }

  @Route({
    id: 'listMessages',
    summary: 'List an application’s messages, newest first',
    query: HistoryQuery,
    ok: ListResponseOf(MessageOut),
  })
  @Get('msg')
  messages(
    @Param('appId') appId: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.history(reply, p, appId, '/messages', query);
  }

  @Route({ id: 'getMessage', summary: 'Get a message with its payload', ok: MessageOut })
  @Get('msg/:messageId')
  async message(
    @Param('appId') appId: string,
    @Param('messageId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, p, { includeDeleted: true });
    // Svix answers a message accepted moments ago at once: the log may not have it yet.
    const answer = await lookUpMessage(this.services, {
      appId: app.id,
      messageId: id,
      principal: p,
      detail: false,
    });
    return relayReply(reply, answer);
  }

  @Route({
    id: 'listAttemptedDestinations',
    summary: 'List the endpoints a message went to, each with its delivery’s state',
    query: DestinationQuery,
    ok: ListResponseOf(MessageEndpointOut),
  })
  @Get('msg/:messageId/endpoint')
  async destinations(
    @Param('appId') appId: string,
    @Param('messageId') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, p, { includeDeleted: true });
    return relayReply(reply, await attemptedDestinations(this.services, app.id, id, query, p));
  }

  @Route({ id: 'getAttempt', summary: 'Get one delivery attempt', ok: MessageAttemptOut })
  @Get('msg/:messageId/attempt/:attemptId')
  attempt(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @Param('attemptId') attemptId: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.history(
      reply,
      p,
      appId,
      `/messages/${encodeURIComponent(messageId)}/attempts/${encodeURIComponent(attemptId)}`,
    );
  }

  @Route({
    id: 'listAttemptsByMessage',
    summary: 'List a message’s attempts',
    query: AttemptQuery,
    ok: ListResponseOf(MessageAttemptOut),
  })
  @Get('attempt/msg/:messageId')
  attemptsOfMessage(
    @Param('appId') appId: string,
    @Param('messageId') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.history(reply, p, appId, `/messages/${encodeURIComponent(id)}/attempts`, query);
  }

  @Route({
    id: 'listAttemptsByEndpoint',
    summary: 'List an endpoint’s attempts',
    query: AttemptQuery,
    ok: ListResponseOf(MessageAttemptOut),
  })
  @Get('attempt/endpoint/:endpointId')
  attemptsOfEndpoint(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.history(reply, p, appId, `/endpoints/${encodeURIComponent(id)}/attempts`, query);
  }

  @Route({
    id: 'listAttemptedMessages',
    summary: 'List the messages sent to an endpoint, each with its delivery’s state',
    query: AttemptQuery,
    ok: ListResponseOf(EndpointMessageOut),
  })
  @Get('endpoint/:endpointId/msg')
  attemptedMessages(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.history(reply, p, appId, `/endpoints/${encodeURIComponent(id)}/messages`, query);
  }
}
