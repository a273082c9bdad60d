import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PortalSessionConfig } from '../config';

/** Claims of a portal session token; the gateway verifies them on every portal request. */
export interface SessionTokenClaims {
  sub: string;
  /** This session; revoking it (logout) ends only this browser's session. */
  jti: string;
  /** The grant it came from (the session itself, a magic link or an embed token). */
  gid: string;
  scopes: string[];
  meta: Record<string, string>;
  eps: string[] | null;
}

export const PORTAL_TOKEN_AUDIENCE = 'hookport-portal';
export const PORTAL_TOKEN_ISSUER = 'hookport';

/** Signs session tokens: HS256, audience and issuer pinned, never beyond the grant's expiry. */
@Injectable()
export class SessionTokenIssuer {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(PortalSessionConfig) private readonly config: PortalSessionConfig,
  ) {}

  async issue(
    claims: SessionTokenClaims,
    grantExpiresAt: Date,
  ): Promise<{ token: string; tokenExpiresAt: string }> {
    const now = Date.now();
    const expiresAtMs = Math.min(
      grantExpiresAt.getTime(),
      now + this.config.HOOKPORT_PORTAL_TOKEN_TTL_SECONDS * 1000,
    );
    const expiresIn = Math.max(1, Math.floor((expiresAtMs - now) / 1000));
    const token = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      audience: PORTAL_TOKEN_AUDIENCE,
      issuer: PORTAL_TOKEN_ISSUER,
      expiresIn,
    });
    return { token, tokenExpiresAt: new Date(now + expiresIn * 1000).toISOString() };
  }
}
