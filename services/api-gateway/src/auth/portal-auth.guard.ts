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
import {
  isPortalTokenClaims,
  PORTAL_TOKEN,
  type PortalScope,
  type VerifiedPortalToken,
} from '@hookport/contracts';
import { HookportError, type Principal } from '@hookport/platform';
import { bearerToken } from './management-auth.guard';
import { RateLimits } from './rate-limits';
import { RevocationList } from './revocation-list';

const REQUIRED_SCOPE = 'hookport:required-scope';

/** The scope a portal route needs; the guard answers 403 without it. */
export const RequireScope = (scope: PortalScope) => SetMetadata(REQUIRED_SCOPE, scope);

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
    let verified: unknown;
    try {
      verified = await this.jwt.verifyAsync<object>(token, {
        algorithms: [PORTAL_TOKEN.algorithm],
        audience: PORTAL_TOKEN.audience,
        issuer: PORTAL_TOKEN.issuer,
      });
    } catch {
      verified = null;
    }
    // A well-signed token of another shape (an older release's) is refused, not half-read.
    if (!isPortalTokenClaims(verified)) {
      throw new HookportError('unauthorized', 'The portal session is invalid or has expired.');
    }
    const claims: VerifiedPortalToken = verified;
    const grantId = claims.gid;
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
      metadata: claims.meta,
      endpointIds: claims.eps,
    };
    return true;
  }
}
