import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PORTAL_TOKEN, type PortalTokenClaims } from '@hookport/contracts';
import { PortalSessionConfig } from '../config';

/** Signs session tokens: HS256, audience and issuer pinned, never beyond the grant's expiry. */
@Injectable()
export class SessionTokenIssuer {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(PortalSessionConfig) private readonly config: PortalSessionConfig,
  ) {}

  async issue(
    claims: PortalTokenClaims,
    grantExpiresAt: Date,
  ): Promise<{ token: string; tokenExpiresAt: string }> {
    const now = Date.now();
    const expiresAtMs = Math.min(
      grantExpiresAt.getTime(),
      now + this.config.HOOKPORT_PORTAL_TOKEN_TTL_SECONDS * 1000,
    );
    const expiresIn = Math.max(1, Math.floor((expiresAtMs - now) / 1000));
    const token = await this.jwt.signAsync(claims, {
      algorithm: PORTAL_TOKEN.algorithm,
      audience: PORTAL_TOKEN.audience,
      issuer: PORTAL_TOKEN.issuer,
      expiresIn,
    });
    return { token, tokenExpiresAt: new Date(now + expiresIn * 1000).toISOString() };
  }
}
