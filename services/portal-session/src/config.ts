import { IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { loadConfig, RetentionPeriodConfig } from '@hookport/platform';

/**
 * The portal-session service's settings, validated at boot. Defaults are in the README. The
 * retention period (the logs service purges; the portal tells its users) is the shared one.
 */
export class PortalSessionConfig extends RetentionPeriodConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3001;

  /** Signs portal session tokens (HS256); the gateway verifies them with the same key. */
  @IsString()
  @MinLength(32)
  HOOKPORT_JWT_SECRET!: string;

  /** Where the portal is served: session URLs point there. */
  @IsUrl({ require_tld: false, require_protocol: true })
  HOOKPORT_PUBLIC_URL: string = 'http://127.0.0.1:3000';

  /** How long a session URL's one-time code can be exchanged (seconds). */
  @IsInt()
  @Min(1)
  @Max(3600)
  HOOKPORT_PORTAL_CODE_TTL_SECONDS: number = 300;

  /**
   * Lifetime of one session token (seconds); the portal renews it within the session's
   * lifetime, so a leaked token is short-lived.
   */
  @IsInt()
  @Min(30)
  @Max(86_400)
  HOOKPORT_PORTAL_TOKEN_TTL_SECONDS: number = 900;
}

export const loadPortalSessionConfig = (env?: Record<string, string | undefined>) =>
  loadConfig(PortalSessionConfig, env);
