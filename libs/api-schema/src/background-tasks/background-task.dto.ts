import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { NullAsAbsent, Optional } from '../common/optional';
import { PageQuery } from '../common/page.query';

/** Svix's `BackgroundTaskStatus`. */
export const BACKGROUND_TASK_STATUSES = ['running', 'finished', 'failed'] as const;
export type BackgroundTaskStatus = (typeof BACKGROUND_TASK_STATUSES)[number];

/** The task types Hookport runs (Svix's `BackgroundTaskType` names). */
export const BACKGROUND_TASK_TYPES = ['endpoint.recover', 'endpoint.replay'] as const;
export type BackgroundTaskType = (typeof BACKGROUND_TASK_TYPES)[number];

/** Svix's `BackgroundTaskOut`: a long operation's durable record, polled by id. */
export class BackgroundTaskOut {
  /** @example "qtask_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  @ApiProperty({ type: String, enum: BACKGROUND_TASK_STATUSES })
  status!: BackgroundTaskStatus;

  @ApiProperty({ type: String, enum: BACKGROUND_TASK_TYPES })
  task!: BackgroundTaskType;

  /** What the task did: `messagesSent` for a replay; `count`, `dryRun`, `more` for a recover. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;

  /** When the task last changed. */
  updatedAt!: string;
}

/** Svix's `ReplayIn`: every message since a time (and before `until`) the endpoint has not had. */
export class ReplayIn {
  @NullAsAbsent()
  @Type(() => Date)
  @IsDate()
  since!: Date;

  @Optional()
  @Type(() => Date)
  @IsDate()
  until?: Date;
}

/** Svix's `ReplayOut`: the task, finished when answered (Hookport replays within the call). */
export class ReplayOut {
  /** @example "qtask_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  @ApiProperty({ type: String, enum: BACKGROUND_TASK_STATUSES })
  status!: BackgroundTaskStatus;

  @ApiProperty({ type: String, enum: ['endpoint.replay'] })
  task!: 'endpoint.replay';

  updatedAt!: string;
}

/** Svix's background-task list filters: status, task type, keyset iterator, order. */
export class BackgroundTaskQuery extends PageQuery {
  @ApiPropertyOptional({ type: String, enum: BACKGROUND_TASK_STATUSES })
  @IsOptional()
  @IsIn(BACKGROUND_TASK_STATUSES)
  status?: BackgroundTaskStatus;

  /** Svix's other task types are accepted and match none: Hookport never runs them. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_.-]{1,64}$/)
  task?: string;

  /** The id of the last task of the previous page. */
  @IsOptional()
  @IsString()
  @Matches(/^qtask_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'iterator is not a valid cursor' })
  iterator?: string;

  /** Newest first (`descending`, the default) or oldest first. */
  @ApiPropertyOptional({ type: String, enum: ['ascending', 'descending'] })
  @IsOptional()
  @IsIn(['ascending', 'descending'])
  order?: 'ascending' | 'descending';
}
