import { Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@hookport/platform';
import { LogoutAuthGuard } from '../auth/logout-auth.guard';
import { bearerToken } from '../auth/management-auth.guard';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { PortalDocs, Route } from '../openapi/route-docs';

/**
 * Svix's `POST /api/v1/auth/logout`: ends the portal access the bearer token belongs to, at
 * every gateway (portal-session's revocation). API keys are not logged out (401): revoke one
 * with `DELETE /api/v1/api-key/{id}`.
 */
@PortalDocs('Authentication')
@Controller('api/v1/auth')
export class LogoutController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  @Route({
    id: 'logout',
    summary: 'Log out an app token',
    description:
      'The bearer is the `token` app-portal-access answered (ends that portal session, exchanged or not), a magic link’s or embed token’s token (ends it and every session opened from it) or a portal session token (ends that session). Other tokens fail with 401.',
    status: 204,
  })
  @Post('logout')
  @HttpCode(204)
  @UseGuards(LogoutAuthGuard)
  async logout(
    @Req() request: FastifyRequest & { principal?: Principal },
    @Res() reply: FastifyReply,
  ) {
    if (request.principal?.kind === 'portal-session')
      return forwardAndRelay(this.services, reply, 'portal-session', {
        method: 'POST',
        path: '/internal/portal-sessions/logout',
        principal: request.principal,
      });
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method: 'POST',
      path: '/internal/portal-sessions/logout-token',
      principal: { kind: 'anonymous' },
      body: { token: bearerToken(request) },
    });
  }
}
