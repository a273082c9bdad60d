import {
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import type { PortalScope } from '@hookport/contracts';
import { HookportError, type Principal } from '@hookport/platform';
import { bearerToken } from './management-auth.guard';
import { RateLimits } from './rate-limits';
import { RevocationList } from './revocation-list';

export const PORTAL_TOKEN_AUDIENCE = 'hookport-portal';
export const PORTAL_TOKEN_ISSUER = 'hookport';

const REQUIRED_SCOPE = 'hookport:required-scope';

/** The scope a portal route needs; the guard answers 403 without it. */
export const RequireScope = (scope: PortalScope) => SetMetadata(REQUIRED_SCOPE, scope);

interface PortalClaims {
  sub: string;
  exp: number;
  jti: string;
  scopes: string[];
  /** The grant (session, magic link, embed token) this session came from. */
  gid?: string;
  meta?: Record<string, string>;
  eps?: string[] | null;
}

/** Portal API: a session token, checked for signature, algorithm, audience, issuer, expiry, scope. */
@Injectable()
export class PortalAuthGuard implements CanActivate {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(RevocationList) private readonly revocations: RevocationList,
    @Inject(RateLimits) private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const token = bearerToken(request);
    if (!token) throw new HookportError('unauthorized', 'A portal session token is required.');
    let claims: PortalClaims;
    try {
      claims = await this.jwt.verifyAsync<PortalClaims>(token, {
        algorithms: ['HS256'],
        audience: PORTAL_TOKEN_AUDIENCE,
        issuer: PORTAL_TOKEN_ISSUER,
      });
    } catch {
      throw new HookportError('unauthorized', 'The portal session is invalid or has expired.');
    }
    const grantId = claims.gid ?? claims.jti;
    if (this.revocations.isRevoked(claims.jti) || this.revocations.isRevoked(grantId)) {
      throw new HookportError('unauthorized', 'This portal session was revoked.');
    }
    this.limits.session(claims.jti);
    const scope = this.reflector.getAllAndOverride<PortalScope | undefined>(REQUIRED_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (scope && !claims.scopes.includes(scope)) {
      throw new HookportError('forbidden', `This session lacks the "${scope}" scope.`);
    }
    request.principal = {
      kind: 'portal-session',
      sessionId: claims.jti,
      grantId,
      tokenExpiresAt: claims.exp * 1000,
      appId: claims.sub,
      scopes: claims.scopes,
      metadata: claims.meta ?? {},
      endpointIds: claims.eps ?? null,
    };
    return true;
  }
}
