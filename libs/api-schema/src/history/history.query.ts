import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ITERATOR_PATTERN } from './iterator';
import { PageQuery, WindowedPageQuery } from '../common/page.query';
import {
  MESSAGE_STATUSES,
  MessageStatusEnum,
  STATUS_CODE_CLASSES,
  StatusCodeClassEnum,
} from './history.enums';

// Svix SDKs send `event_types=a,b`; repeated parameters work too.
const toList = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value])
        .flatMap((item) => String(item).split(','))
        .filter(Boolean);

/** Svix's history filters: page size, keyset iterator, time window, event types. */
export class HistoryQuery extends WindowedPageQuery {
  /** The id of the last item of the previous page (newest first). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(ITERATOR_PATTERN, { message: 'iterator is not a valid cursor' })
  iterator?: string;

  /** Messages: a message id, an event id, or text in the payload (at least 3 characters). */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  search?: string;

  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  event_types?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(128)
  channel?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  tag?: string;

  /** Svix SDKs send it; payloads are always included here. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @IsIn(['true', 'false'])
  with_content?: string;
}

/**
 * Attempt filters on top: Svix's status (0 success, 1 pending, 2 fail, 3 sending, 4 canceled)
 * and status-code class.
 */
export class AttemptQuery extends HistoryQuery {
  @ApiPropertyOptional(MessageStatusEnum)
  @IsOptional()
  @Type(() => Number)
  @IsIn(MESSAGE_STATUSES)
  status?: number;

  @ApiPropertyOptional(StatusCodeClassEnum)
  @IsOptional()
  @Type(() => Number)
  @IsIn(STATUS_CODE_CLASSES)
  status_code_class?: number;

  /** Svix SDKs send these; accepted, not yet used. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @IsIn(['true', 'false'])
  with_msg?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @IsIn(['true', 'false'])
  expanded_statuses?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  endpoint_id?: string;
}

/** Svix's attempted-destinations page: by endpoint id, ascending. */
export class DestinationQuery extends PageQuery {
  /** The id of the last endpoint of the previous page. */
  @IsOptional()
  @IsString()
  @Matches(/^ep_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'iterator is not a valid cursor' })
  iterator?: string;
}
