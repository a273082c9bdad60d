import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AlsoNamed, NullAsAbsent, Optional } from '../common/optional';
import { CUSTOM_HEADERS, IsChannels, IsStringMap, RESOURCE_METADATA } from '../common/string-map';

/** Svix's `EndpointIn`. */
export class EndpointIn {
  /** Where deliveries are POSTed: https (http only when the installation allows it). */
  @NullAsAbsent()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url!: string;

  @Optional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  /** Event types this endpoint receives; all when omitted. Svix 2.x calls it `eventTypes`. */
  @AlsoNamed('eventTypes')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  filterTypes?: string[] | null;

  /** Svix 2.x's name of `filterTypes` (either may be sent; this one wins). */
  @ApiPropertyOptional({ type: [String], nullable: true })
  eventTypes?: string[] | null;

  /** Channels this endpoint receives; all when omitted. */
  @IsChannels()
  channels?: string[] | null;

  /** Deliveries per second to this endpoint. Svix 2.x calls it `throttleRate`. */
  @AlsoNamed('throttleRate')
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  rateLimit?: number | null;

  /** Svix 2.x's name of `rateLimit` (either may be sent; this one wins). */
  @ApiPropertyOptional({ type: Number, nullable: true })
  throttleRate?: number | null;

  @Optional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @Optional()
  @IsStringMap(RESOURCE_METADATA)
  metadata?: Record<string, string>;

  /** Custom headers sent with every delivery. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @Optional()
  @IsStringMap(CUSTOM_HEADERS)
  headers?: Record<string, string>;

  @IsOptional()
  @IsString()
  @Length(1, 256)
  @Matches(/^[a-zA-Z0-9\-_.]+$/)
  uid?: string | null;

  @Optional()
  @IsInt()
  @Min(1)
  // The column is a Postgres integer.
  @Max(2_147_483_647)
  version?: number;

  /** A signing secret to use instead of a generated one: `whsec_` + base64 of 24 to 64 bytes. */
  @Optional()
  @Matches(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, {
    message: 'secret must be whsec_ followed by base64',
  })
  secret?: string;
}
