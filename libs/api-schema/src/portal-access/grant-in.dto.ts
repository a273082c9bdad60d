import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { PORTAL_ROLES, PORTAL_SCOPES, type PortalRole } from '@hookport/contracts';
import { SESSION_METADATA } from './portal-session-in.dto';
import { IsStringMap } from '../common/string-map';
import { Optional } from '../common/optional';

/** Hookbase's coarse scopes, accepted beside Hookport's own. */
export const COARSE_SCOPES = ['read', 'write'] as const;
const GRANT_SCOPES = [...PORTAL_SCOPES, ...COARSE_SCOPES];

class GrantInDto {
  /** A role (default `editor`); ignored when `scopes` is given. */
  @ApiPropertyOptional({ type: String, enum: PORTAL_ROLES })
  @Optional()
  @IsIn(PORTAL_ROLES)
  role?: PortalRole;

  /** Hookport scopes, or Hookbase's `read` / `write`. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(GRANT_SCOPES.length)
  @IsIn(GRANT_SCOPES, { each: true })
  scopes?: string[];

  /** Who is behind the link or token: stamped onto what its sessions create. */
  @Optional()
  @IsStringMap(SESSION_METADATA)
  metadata?: Record<string, string>;
}

/** `POST /api/v1/app/{app_id}/magic-link`. */
export class MagicLinkIn extends GrantInDto {
  /** 1 to 1440 minutes (default 60). */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1440)
  expiresInMinutes?: number;
}

/** `POST /api/v1/app/{app_id}/portal-token`: a long-lived embed token. */
export class PortalTokenIn extends GrantInDto {
  @Optional()
  @IsString()
  @Length(1, 100)
  name?: string;

  /** 1 to 365 days (default 30). */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;
}
