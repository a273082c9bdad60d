import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import type { PortalScope } from '@hookport/contracts';

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
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  expiry?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(Object.keys(CAPABILITY_SCOPES), { each: true })
  capabilities?: string[];

  /** A read-only session (viewer), whatever the capabilities. */
  @IsOptional()
  @IsBoolean()
  readOnly?: boolean;

  /** The operator's own id for the session, usable with expire-all. */
  @IsOptional()
  @IsString()
  @Length(1, 256)
  sessionId?: string;
}

/** Svix's `ApplicationTokenExpireIn`. */
export class ApplicationTokenExpireIn {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  sessionIds?: string[];

  /** Accepted for Svix compatibility: tokens stop at once here, there is no grace. */
  @IsOptional()
  @IsInt()
  @Min(0)
  expiry?: number;
}
