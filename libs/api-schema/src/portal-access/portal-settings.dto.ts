import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { PORTAL_THEMES, type PortalTheme } from '@hookport/contracts';

const webUrl = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** An origin exactly (`https://app.example.com[:port]`): no path, query or trailing slash. */
@ValidatorConstraint({ name: 'origin' })
class OriginRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'each allowed frame origin must be an origin such as https://app.example.com';
  }
}

/**
 * `PUT /api/v1/portal-settings` and `PUT /api/v1/app/{app_id}/portal-settings`: replaces the
 * settings. An absent or null field means "not set" (for an application: as the installation).
 */
export class PortalSettingsIn {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organizationName?: string | null;

  @IsOptional()
  @IsUrl(webUrl)
  @MaxLength(2000)
  logoUrl?: string | null;

  @IsOptional()
  @IsUrl(webUrl)
  @MaxLength(2000)
  logoDarkUrl?: string | null;

  @IsOptional()
  @IsUrl(webUrl)
  @MaxLength(2000)
  faviconUrl?: string | null;

  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'accentColor must be a colour such as #3355ff' })
  accentColor?: string | null;

  @ApiPropertyOptional({ type: String, enum: PORTAL_THEMES })
  @IsOptional()
  @IsIn(PORTAL_THEMES)
  theme?: PortalTheme | null;

  /** Applied after the portal's own styles; plain CSS, at most 20,000 characters. */
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  customCss?: string | null;

  @IsOptional()
  @IsBoolean()
  hidePoweredBy?: boolean | null;

  @IsOptional()
  @IsUrl(webUrl)
  @MaxLength(2000)
  refreshUrl?: string | null;

  @IsOptional()
  @IsUrl(webUrl)
  @MaxLength(2000)
  refererUrl?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Validate(OriginRule, { each: true })
  allowedFrameOrigins?: string[] | null;
}
