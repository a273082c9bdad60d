import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';

/** Portal API: the session itself (code exchange, refresh, logout, me). */
@Controller('portal-api/v1')
export class PortalSessionController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  /** Exchanges the one-time code from the portal URL for a session token (once). */
  @Post('session/exchange')
  @HttpCode(200)
  async exchange(@Body() body: unknown, @Res() reply: FastifyReply) {
    const response = await this.services.forward('portal-session', {
      method: 'POST',
      path: '/internal/portal-sessions/exchange',
      body: body ?? {},
      principal: { kind: 'anonymous' },
    });
    return relayReply(reply, response);
  }
}
