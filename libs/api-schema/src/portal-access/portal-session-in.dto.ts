import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUrl,
  Max,
  Min,
  Validate,
  type ValidationArguments,
  type ValidatorConstraintInterface,
  ValidatorConstraint,
} from 'class-validator';
import {
  PORTAL_ROLES,
  PORTAL_SCOPES,
  type PortalRole,
  type PortalScope,
} from '@hookport/contracts';
import { Optional } from '../common/optional';

@ValidatorConstraint({ name: 'sessionMetadata' })
export class SessionMetadataRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const entries = Object.entries(value);
    return (
      entries.length <= 10 &&
      entries.every(
        ([key, item]) => key.length <= 50 && typeof item === 'string' && item.length <= 500,
      )
    );
  }

  defaultMessage(_: ValidationArguments): string {
    return 'metadata takes at most 10 string values, keys up to 50 characters, values up to 500';
  }
}

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
  @Validate(SessionMetadataRule)
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
