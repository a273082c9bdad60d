import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { DeliveryStatus } from '@hookport/contracts';
import { ITERATOR_PATTERN } from './iterator';
import { WindowedPageQuery } from '../common/page.query';
import {
  DELIVERY_STATUSES,
  DeliveryStatusEnum,
  RESPONSE_CLASSES,
  ResponseClassEnum,
} from './history.enums';

/** The portal's delivery log: keyset pages, newest first, with filters and search. */
export class ListMessagesQuery extends WindowedPageQuery {
  /** `iterator` (older) or `prevIterator` (newer) of a page. */
  @IsOptional()
  @Matches(ITERATOR_PATTERN, { message: 'iterator is not a valid message cursor' })
  iterator?: string;

  /** Messages with at least one delivery in this state. */
  @ApiPropertyOptional(DeliveryStatusEnum)
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  /** Messages delivered (or to be delivered) to this endpoint. */
  @IsOptional()
  @Matches(/^ep_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'endpointId is not an endpoint id' })
  endpointId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  eventType?: string;

  /** Whose last answer was in this class: 2xx, 4xx, 5xx (on any delivery). */
  @ApiPropertyOptional(ResponseClassEnum)
  @IsOptional()
  @IsIn(RESPONSE_CLASSES)
  statusCodeClass?: string;

  /** A message id, an event id, or text in the payload (at least 3 characters). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  search?: string;
}
