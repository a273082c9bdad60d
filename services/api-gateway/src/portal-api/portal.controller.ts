import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, HookportError, type Principal } from '@hookport/platform';
import { PortalAuthGuard, RequireScope } from '../auth/portal-auth.guard';
import { relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';

const sessionApp = (principal: Principal): string => {
  if (principal.kind !== 'portal-session')
    throw new HookportError('unauthorized', 'Portal session required.');
  return principal.appId;
};

/** The portal API, used by the portal SPA: every call is scoped to the session's application. */
@Controller('portal-api/v1')
export class PortalController {
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

  @Get('messages/:messageId')
  @UseGuards(PortalAuthGuard)
  @RequireScope('messages:read')
  async message(
    @Param('messageId') messageId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const response = await this.services.forward('logs', {
      method: 'GET',
      path: `/internal/apps/${sessionApp(principal)}/messages/${encodeURIComponent(messageId)}`,
      principal,
    });
    return relayReply(reply, response);
  }
}
