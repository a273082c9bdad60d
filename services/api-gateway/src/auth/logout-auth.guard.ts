import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HookportError } from '@hookport/platform';
import { bearerToken } from './management-auth.guard';
import { PortalAuthGuard } from './portal-auth.guard';

/** A portal session token is a JWT: three base64url parts. */
const isJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/**
 * Svix's logout takes the app's own token, not an API key. A portal session token is checked
 * as on the portal API; any other bearer (the token app-portal-access answered, a magic link's
 * or embed token's) is left for portal-session to recognise by its hash: each is random and
 * long, so guessing one is no quicker here than at the exchange.
 */
@Injectable()
export class LogoutAuthGuard implements CanActivate {
  constructor(@Inject(PortalAuthGuard) private readonly portal: PortalAuthGuard) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const token = bearerToken(context.switchToHttp().getRequest<FastifyRequest>());
    if (!token) throw new HookportError('unauthorized', 'Send the app token to log out.');
    if (isJwt(token)) return this.portal.canActivate(context);
    return true;
  }
}
