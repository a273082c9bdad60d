import { Body, Controller, Get, HttpCode, Inject, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { PortalAuthGuard } from '../auth/portal-auth.guard';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import {
  PortalMeOut,
  SessionExchangeIn,
  SessionExchangeOut,
  SessionRefreshOut,
} from '@hookport/api-schema';
import { PortalDocs, Route } from '../openapi/route-docs';

/** Portal API: the session itself (code exchange, refresh, logout, me). */
@PortalDocs('Portal session')
@Controller('portal-api/v1')
export class PortalSessionController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  /** Exchanges a URL's one-time code, or a magic link's or embed token's token, for a session. */
  @Route({
    id: 'exchangePortalCode',
    summary:
      'Exchange a session URL’s one-time code (or a magic link or embed token) for a session token',
    body: SessionExchangeIn,
    ok: SessionExchangeOut,
  })
  @Post('session/exchange')
  @HttpCode(200)
  async exchange(@Body() body: unknown, @Res() reply: FastifyReply) {
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method: 'POST',
      path: '/internal/portal-sessions/exchange',
      body: body ?? {},
      principal: { kind: 'anonymous' },
    });
  }

  /** A fresh token for the same session, within the session's lifetime. */
  @Route({
    id: 'refreshPortalSession',
    summary: 'A fresh token for the same session',
    ok: SessionRefreshOut,
  })
  @Post('session/refresh')
  @UseGuards(PortalAuthGuard)
  async refresh(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method: 'POST',
      path: '/internal/portal-sessions/refresh',
      principal,
    });
  }

  /** Ends this session at every gateway. */
  @Route({ id: 'logoutPortalSession', summary: 'End this session', status: 204 })
  @Post('session/logout')
  @UseGuards(PortalAuthGuard)
  async logout(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method: 'POST',
      path: '/internal/portal-sessions/logout',
      principal,
    });
  }

  /** The session, its application and the branding the portal applies. */
  @Route({
    id: 'getPortalMe',
    summary: 'Who the session is, its scopes, and the portal’s branding',
    ok: PortalMeOut,
  })
  @Get('me')
  @UseGuards(PortalAuthGuard)
  async me(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method: 'GET',
      path: '/internal/portal-sessions/me',
      principal,
    });
  }
}
