import { Body, Controller, HttpCode, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_POSITION_HEADER, CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { forwardAndRelay, relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { MessageIn, MessageOut } from '@hookport/api-schema';
import { ManagementDocs, Route } from '../openapi/route-docs';

/** Management API: message ingest and delivery controls, forwarded to the delivery service. */
@ManagementDocs('Message')
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
@ManagementArea('messages')
export class MessagesController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

  @Route({
    id: 'createMessage',
    summary: 'Send a message: stored durably, then delivered to every matching endpoint',
    description:
      'Answered once the message is durable. `eventId` and the `Idempotency-Key` header deduplicate: the same key answers the same message.',
    body: MessageIn,
    status: 202,
    ok: MessageOut,
    errors: {
      409: 'The eventId or Idempotency-Key was used with another body',
      413: 'The payload is larger than HOOKPORT_MAX_PAYLOAD_BYTES',
    },
  })
  @Post('app/:appId/msg')
  @HttpCode(202)
  async createMessage(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app, position } = await this.apps.resolveCreating(
      appId,
      principal,
      (body as { application?: unknown } | null)?.application,
    );
    const response = await this.services.forward('delivery', {
      method: 'POST',
      path: `/internal/apps/${app.id}/messages`,
      body,
      principal,
      headers: { [APP_POSITION_HEADER]: position },
    });
    return relayReply(reply, response);
  }

  /** Svix's resend: the message to this endpoint again, now, marked as a manual attempt. */
  @Route({ id: 'resendMessage', summary: 'Send a message to one endpoint again, now', status: 202 })
  @Post('app/:appId/msg/:messageId/endpoint/:endpointId/resend')
  async resend(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @Param('endpointId') endpointId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app, position } = await this.apps.resolve(appId, principal);
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'POST',
      path: `/internal/apps/${app.id}/messages/${encodeURIComponent(messageId)}/endpoints/${encodeURIComponent(endpointId)}/resend`,
      principal,
      headers: { [APP_POSITION_HEADER]: position },
    });
  }
}
