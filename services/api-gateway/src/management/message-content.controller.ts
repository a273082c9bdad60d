import { Controller, Delete, HttpCode, Inject, Param, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { ManagementDocs, Route } from '../openapi/route-docs';

/** Management API: Svix's content expunge, forwarded to delivery (which tells the log). */
@ManagementDocs('Message')
@Controller('api/v1/app/:appId/msg/:messageId')
@UseGuards(ManagementAuthGuard)
@ManagementArea('messages')
export class MessageContentController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

  @Route({
    id: 'expungeMessageContent',
    summary: 'Delete a message’s payload everywhere Hookport keeps it',
    description:
      'The message stays listed; its payload reads `{"expired": true}`, as on Svix. Its deliveries not yet sent are canceled, and it cannot be resent, recovered or replayed. An attempt in flight finishes. Copies already published to Kafka stay until the topic’s retention.',
    status: 204,
  })
  @Delete('content')
  @HttpCode(204)
  async expungeMessage(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, principal);
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'DELETE',
      path: `/internal/apps/${app.id}/messages/${encodeURIComponent(messageId)}/content`,
      principal,
    });
  }

  @Route({
    id: 'expungeAttemptContent',
    summary: 'Delete an attempt’s response body',
    description: 'The attempt’s `response` then reads `EXPUNGED`, as on Svix.',
    status: 204,
  })
  @Delete('attempt/:attemptId/content')
  @HttpCode(204)
  async expungeAttempt(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @Param('attemptId') attemptId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, principal);
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'DELETE',
      path: `/internal/apps/${app.id}/messages/${encodeURIComponent(messageId)}/attempts/${encodeURIComponent(attemptId)}/content`,
      principal,
    });
  }
}
