/** Claims of a portal session token; the gateway verifies them on every portal request. */
export interface SessionTokenClaims {
  sub: string;
  jti: string;
  scopes: string[];
  meta: Record<string, string>;
  eps: string[] | null;
}

export const PORTAL_TOKEN_AUDIENCE = 'hookport-portal';
export const PORTAL_TOKEN_ISSUER = 'hookport';
/** One-time codes are exchangeable for five minutes. */
export const CODE_LIFETIME_SECONDS = 300;
