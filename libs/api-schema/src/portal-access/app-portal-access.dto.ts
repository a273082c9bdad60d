import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApplicationIn } from '../applications/application-in.dto';
import type { PortalScope } from '@hookport/contracts';
import { Optional } from '../common/optional';

/** Svix's `AppPortalCapability`, mapped onto Hookport's scopes. */
export const CAPABILITY_SCOPES: Record<string, PortalScope[]> = {
  ViewBase: ['endpoints:read', 'messages:read', 'event-types:read', 'audit:read'],
  ViewEndpointSecret: ['secrets:read'],
  ManageEndpointSecret: ['secrets:rotate'],
  CreateAttempts: ['messages:retry'],
  ManageEndpoint: ['endpoints:write', 'endpoints:delete'],
  // Hookport has no transformations: the capability grants nothing.
  ManageTransformations: [],
};

/** Svix's `AppPortalAccessIn`. */
export class AppPortalAccessIn {
  /** Session lifetime in seconds: 60 s to 24 h (default 1 h). */
  @Optional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  expiry?: number;

  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(Object.keys(CAPABILITY_SCOPES), { each: true })
  capabilities?: string[];

  /** A read-only session (viewer), whatever the capabilities. */
  @Optional()
  @IsBoolean()
  readOnly?: boolean;

  /** The operator's own id for the session, usable with expire-all. */
  @Optional()
  @IsString()
  @Length(1, 256)
  sessionId?: string;

  /**
   * Creates the application while granting access when the id or uid in the path names none
   * (its uid is the path's, unless the path is an `app_` id); ignored when it exists, as Svix does.
   * Needs `applications:write` besides `portal-access:write`.
   */
  @Optional()
  @ValidateNested()
  @Type(() => ApplicationIn)
  application?: ApplicationIn | null;
}

/** Svix's `ApplicationTokenExpireIn`. */
export class ApplicationTokenExpireIn {
  @Optional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  sessionIds?: string[];

  /** Accepted for Svix compatibility: tokens stop at once here, there is no grace. */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  expiry?: number;
}
