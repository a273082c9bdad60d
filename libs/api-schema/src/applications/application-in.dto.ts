import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AlsoNamed, NullAsAbsent, Optional } from '../common/optional';
import { IsStringMap, RESOURCE_METADATA } from '../common/string-map';

/** Svix's `ApplicationIn`: one application per customer of the operator. */
export class ApplicationIn {
  /** Display name of the customer. */
  @NullAsAbsent()
  @IsString()
  @Length(1, 256)
  name!: string;

  /** The operator's own identifier; usable wherever an application id is. */
  @IsOptional()
  @IsString()
  @Length(1, 256)
  @Matches(/^[a-zA-Z0-9\-_.]+$/, { message: 'uid may contain letters, digits, "-", "_" and "."' })
  uid?: string | null;

  /** Deliveries per second across the application's endpoints. Svix 2.x: `throttleRate`. */
  @AlsoNamed('throttleRate')
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  rateLimit?: number | null;

  /** Svix 2.x's name of `rateLimit` (either may be sent; this one wins). */
  @ApiPropertyOptional({ type: Number, nullable: true })
  throttleRate?: number | null;

  /** Free-form string metadata. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @Optional()
  @IsStringMap(RESOURCE_METADATA)
  metadata?: Record<string, string>;
}
