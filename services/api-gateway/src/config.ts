import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { loadConfig } from '@hookport/platform';

const internalUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The gateway's settings, validated at boot. Defaults are documented in the README. */
export class GatewayConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** The bootstrap management API key (the operator's backend). */
  @IsString()
  @MinLength(16)
  HOOKPORT_ADMIN_API_KEY!: string;

  /** Verifies portal session tokens (HS256), shared with the portal-session service. */
  @IsString()
  @MinLength(32)
  HOOKPORT_JWT_SECRET!: string;

  @IsUrl(internalUrl)
  HOOKPORT_ENDPOINTS_URL: string = 'http://127.0.0.1:3002';

  @IsUrl(internalUrl)
  HOOKPORT_DELIVERY_URL: string = 'http://127.0.0.1:3003';

  @IsUrl(internalUrl)
  HOOKPORT_LOGS_URL: string = 'http://127.0.0.1:3004';

  @IsUrl(internalUrl)
  HOOKPORT_PORTAL_SESSION_URL: string = 'http://127.0.0.1:3001';

  /** Largest accepted message payload, in bytes. */
  @IsInt()
  @Min(1024)
  HOOKPORT_MAX_PAYLOAD_BYTES: number = 256 * 1024;

  /** Management API requests per second per API key (bursts of twice that); 0 = no limit. */
  @IsInt()
  @Min(0)
  HOOKPORT_RATE_LIMIT_API_KEY: number = 1000;

  /** Portal API requests per second per portal session (bursts of twice that); 0 = no limit. */
  @IsInt()
  @Min(0)
  HOOKPORT_RATE_LIMIT_PORTAL_SESSION: number = 50;

  /** Folder holding the built portal (index.html); defaults to the workspace's build output. */
  @IsOptional()
  @IsString()
  HOOKPORT_PORTAL_DIR?: string;
}

export const loadGatewayConfig = (env?: Record<string, string | undefined>) =>
  loadConfig(GatewayConfig, env);
