import { Controller, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { PortalAuthGuard, RequireScope } from '../auth/portal-auth.guard';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { sessionApp } from './session-app';
import { PortalDocs, Route } from '../openapi/route-docs';

/** Portal API: delivery controls for the session's application (retry). */
@PortalDocs('Portal')
@Controller('portal-api/v1')
@UseGuards(PortalAuthGuard)
export class PortalDeliveryController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  /** Sends the message to the endpoint again, now, marked as a manual attempt. */
  @Route({
    id: 'portalRetryDelivery',
    summary: 'Send a message to one endpoint again, now',
    status: 202,
  })
  @Post('messages/:messageId/endpoints/:endpointId/retry')
  @RequireScope('messages:retry')
  retry(
    @Param('messageId') messageId: string,
    @Param('endpointId') endpointId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'POST',
      path: `/internal/apps/${sessionApp(principal)}/messages/${encodeURIComponent(messageId)}/endpoints/${encodeURIComponent(endpointId)}/resend`,
      principal,
    });
  }
}
