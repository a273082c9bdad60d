import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NullAsAbsent, Optional } from '../common/optional';

const NAME = /^[a-zA-Z0-9\-_.]+$/;

/** Svix's `EventTypeIn`. */
export class EventTypeIn {
  /** e.g. `invoice.paid`: letters, digits, ".", "_" and "-", at most 256. */
  @NullAsAbsent()
  @IsString()
  @Length(1, 256)
  @Matches(NAME, { message: 'name may contain letters, digits, ".", "_" and "-"' })
  name!: string;

  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  groupName?: string | null;

  /** JSON Schemas keyed by version, e.g. `{ "1": { "type": "object", ... } }`. */
  @IsOptional()
  @IsObject()
  schemas?: Record<string, Record<string, unknown>> | null;

  /** The payload test sends use (an object, like every payload); derived from the newest schema when omitted. */
  @Optional()
  @IsObject()
  example?: Record<string, unknown>;

  @Optional()
  @IsBoolean()
  deprecated?: boolean;

  @Optional()
  @IsBoolean()
  archived?: boolean;
}

/** Svix's `EventTypePatch`: any field but the name; only those given change. */
export class EventTypePatch extends PartialType(OmitType(EventTypeIn, ['name'] as const)) {}

/** A whole catalogue to import: each type is created, or replaced when it exists. */
export class EventTypeImportIn {
  @NullAsAbsent()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => EventTypeIn)
  eventTypes!: EventTypeIn[];
}
