import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ROLE_SCOPES, type PortalScope } from '@hookport/contracts';
import { CurrentPrincipal, HookportError, type Principal } from '@hookport/platform';
import { CreatePortalSessionHandler } from './create-portal-session.handler';
import {
  AppPortalAccessIn,
  CAPABILITY_SCOPES,
  ApplicationTokenExpireIn,
} from '@hookport/api-schema';
import { LogoutTokenIn, SessionExchangeIn } from '@hookport/api-schema';
import { MagicLinkIn, PortalTokenIn } from '@hookport/api-schema';
import { PortalSessionIn } from '@hookport/api-schema';
import { ExchangeCodeHandler } from './exchange-code.handler';
import { IssueGrantHandler } from './issue-grant.handler';
import { PortalTokensQuery } from './portal-tokens.query';
import { RefreshSessionHandler } from './refresh-session.handler';
import { SessionMeQuery } from './session-me.query';
import { RevokeSessionsHandler } from './revoke-sessions.handler';

/** Internal routes behind `/api/v1/app/{app_id}/portal-session` and `/portal-api/v1/session`. */
@Controller('internal')
export class PortalSessionController {
  constructor(
    private readonly createSession: CreatePortalSessionHandler,
    private readonly exchangeCode: ExchangeCodeHandler,
    private readonly revokeSessions: RevokeSessionsHandler,
    private readonly grants: IssueGrantHandler,
    private readonly embedTokens: PortalTokensQuery,
    private readonly refreshSession: RefreshSessionHandler,
    private readonly me: SessionMeQuery,
  ) {}

  @Post('apps/:appId/portal-sessions')
  create(
    @Param('appId') appId: string,
    @Body() body: PortalSessionIn,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.createSession.execute(appId, body, principal);
  }

  @Post('portal-sessions/exchange')
  @HttpCode(200)
  exchange(@Body() body: SessionExchangeIn) {
    return this.exchangeCode.execute(body);
  }

  @Post('portal-sessions/refresh')
  @HttpCode(200)
  refresh(@CurrentPrincipal() principal: Principal) {
    return this.refreshSession.execute(principal);
  }

  @Post('portal-sessions/logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.revokeSessions.logout(principal);
  }

  /** Svix's logout with an app-portal-access token (not a session token): see logoutGrant. */
  @Post('portal-sessions/logout-token')
  @HttpCode(204)
  async logoutToken(
    @Body() body: LogoutTokenIn,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.revokeSessions.logoutGrant(body.token, principal);
  }

  @Get('portal-sessions/me')
  session(@CurrentPrincipal() principal: Principal) {
    return this.me.execute(principal);
  }

  @Post('apps/:appId/magic-links')
  magicLink(
    @Param('appId') appId: string,
    @Body() body: MagicLinkIn,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.grants.magicLink(appId, body, principal);
  }

  @Post('apps/:appId/portal-tokens')
  createEmbedToken(
    @Param('appId') appId: string,
    @Body() body: PortalTokenIn,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.grants.embedToken(appId, body, principal);
  }

  @Get('apps/:appId/portal-tokens')
  listEmbedTokens(@Param('appId') appId: string) {
    return this.embedTokens.list(appId);
  }

  @Delete('apps/:appId/portal-tokens/:tokenId')
  @HttpCode(204)
  async revokeEmbedToken(
    @Param('appId') appId: string,
    @Param('tokenId') tokenId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    if (!tokenId.startsWith('pt_'))
      throw new HookportError('notFound', `Portal token ${tokenId} not found`);
    await this.revokeSessions.revokeOne(appId, tokenId, principal);
  }

  @Delete('apps/:appId/portal-sessions/:sessionId')
  @HttpCode(204)
  async revoke(
    @Param('appId') appId: string,
    @Param('sessionId') sessionId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.revokeSessions.revokeOne(appId, sessionId, principal);
  }

  /** Svix's expire-all: every live session of the application, or those listed. */
  @Post('apps/:appId/portal-sessions/expire-all')
  @HttpCode(204)
  async expireAll(
    @Param('appId') appId: string,
    @Body() body: ApplicationTokenExpireIn,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.revokeSessions.revokeAll(appId, body.sessionIds, principal);
  }

  /** Svix's app-portal-access: a portal session from capabilities; `token` is the one-time code. */
  @Post('apps/:appId/app-portal-access')
  async appPortalAccess(
    @Param('appId') appId: string,
    @Body() body: AppPortalAccessIn,
    @CurrentPrincipal() principal: Principal,
  ) {
    const scopes: PortalScope[] = body.readOnly
      ? [...ROLE_SCOPES.viewer]
      : body.capabilities
        ? [
            ...new Set(
              body.capabilities.flatMap((capability) => CAPABILITY_SCOPES[capability] ?? []),
            ),
          ]
        : [...ROLE_SCOPES.admin];
    const session = await this.createSession.execute(
      appId,
      { scopes, expiresIn: body.expiry },
      principal,
      body.sessionId ?? null,
    );
    return { url: session.url, token: session.code };
  }
}
