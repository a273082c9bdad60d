import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import {
  PORTAL_ROLES,
  PORTAL_SCOPES,
  type PortalRole,
  type PortalScope,
} from '@hookport/contracts';
import { Optional } from '../common/optional';
import { IsStringMap, type StringMapLimits } from '../common/string-map';

/** What a portal session (or link, or token) carries about who is behind it. */
export const SESSION_METADATA: StringMapLimits = {
  maxEntries: 10,
  maxKeyLength: 50,
  maxValueLength: 500,
};

/** Creates a portal session for one application: the operator's backend calls this. */
export class PortalSessionIn {
  /** A role (default `editor`); ignored when `scopes` is given. */
  @ApiPropertyOptional({ type: String, enum: PORTAL_ROLES })
  @Optional()
  @IsIn(PORTAL_ROLES)
  role?: PortalRole;

  /** Explicit scopes instead of a role. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(PORTAL_SCOPES.length)
  @IsIn(PORTAL_SCOPES, { each: true })
  scopes?: PortalScope[];

  /** Session lifetime in seconds, 60 s to 24 h (default 1 h). */
  @Optional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  expiresIn?: number;

  /** Who is behind the session (e.g. the operator's user id): stamped onto what it creates. */
  @Optional()
  @IsStringMap(SESSION_METADATA)
  metadata?: Record<string, string>;

  /** Where the portal's "back to app" link leads: http or https only. */
  @Optional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  returnUrl?: string;

  /** Restricts the session to these endpoints. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  endpointIds?: string[];
}
