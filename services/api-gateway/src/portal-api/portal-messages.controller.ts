import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { PortalAuthGuard, RequireScope } from '../auth/portal-auth.guard';
import { relayReply } from '../forwarding/relay-reply';
import { lookUpMessage } from '../forwarding/message-lookup';
import { ServiceClient } from '../forwarding/service-client';
import { sessionApp } from './session-app';
import {
  ListMessagesQuery,
  ListResponseOf,
  MessageDetailOut,
  MessageLogRowOut,
} from '@hookport/api-schema';
import { PortalDocs, Route } from '../openapi/route-docs';

/** Portal API: the session's application's delivery log. */
@PortalDocs('Portal')
@Controller('portal-api/v1')
export class PortalMessagesController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  @Route({
    id: 'portalListMessages',
    summary: 'The delivery log: messages with the state of each delivery',
    query: ListMessagesQuery,
    ok: ListResponseOf(MessageLogRowOut),
  })
  @Get('messages')
  @UseGuards(PortalAuthGuard)
  @RequireScope('messages:read')
  async messages(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const response = await this.services.forward('logs', {
      method: 'GET',
      path: `/internal/apps/${sessionApp(principal)}/messages`,
      query,
      principal,
    });
    return relayReply(reply, response);
  }

  @Route({
    id: 'portalGetMessage',
    summary: 'A message with its payload, deliveries and every attempt',
    ok: MessageDetailOut,
  })
  @Get('messages/:messageId')
  @UseGuards(PortalAuthGuard)
  @RequireScope('messages:read')
  async message(
    @Param('messageId') messageId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    // A row of the live tail may be clicked before the log has its message.
    const answer = await lookUpMessage(this.services, {
      appId: sessionApp(principal),
      messageId,
      principal,
      detail: true,
    });
    return relayReply(reply, answer);
  }
}
