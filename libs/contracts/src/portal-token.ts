/**
 * The portal session token, declared once: portal-session signs it, the gateway verifies it on
 * every portal request. HS256 with the installation's HOOKPORT_JWT_SECRET.
 */
export const PORTAL_TOKEN = {
  algorithm: 'HS256',
  audience: 'hookport-portal',
  issuer: 'hookport',
} as const;

/** What portal-session puts in a token (the JWT library adds exp, iat, aud and iss). */
export interface PortalTokenClaims {
  /** The application. */
  sub: string;
  /** This session; revoking it (logout) ends only this browser's session. */
  jti: string;
  /** The grant it came from (the session itself, a magic link or an embed token). */
  gid: string;
  scopes: string[];
  /** The operator's metadata of the session, carried into the audit log. */
  meta: Record<string, string>;
  /** The endpoints the session is restricted to; null for all. */
  eps: string[] | null;
}

/** A verified token's claims: the issued ones and their expiry (seconds since the epoch). */
export interface VerifiedPortalToken extends PortalTokenClaims {
  exp: number;
}

/** Whether verified claims have the shape portal-session issues: anything else is refused. */
export const isPortalTokenClaims = (claims: unknown): claims is VerifiedPortalToken => {
  if (typeof claims !== 'object' || claims === null) return false;
  const c = claims as Record<string, unknown>;
  const strings = (value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  return (
    typeof c['sub'] === 'string' &&
    typeof c['jti'] === 'string' &&
    typeof c['gid'] === 'string' &&
    typeof c['exp'] === 'number' &&
    strings(c['scopes']) &&
    typeof c['meta'] === 'object' &&
    c['meta'] !== null &&
    Object.values(c['meta']).every((value) => typeof value === 'string') &&
    (c['eps'] === null || strings(c['eps']))
  );
};
