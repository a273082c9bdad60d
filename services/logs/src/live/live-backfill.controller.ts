import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { LiveEvent } from '@hookport/contracts';
import {
  CurrentPrincipal,
  Database,
  endpointRestrictionOf,
  type Principal,
} from '@hookport/platform';
import { listLiveEventsAfter } from './live-backfill.repository';

export class LiveBackfillQuery {
  /** The last event position the client saw (its `Last-Event-ID`). */
  @Matches(/^\d{1,19}$/, { message: 'after must be an event position' })
  after!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 500;
}

/**
 * What a live-stream client missed while disconnected: messages and attempts projected after
 * a position, and endpoints whose health or circuit changed since, in position order. A reader
 * restricted to some endpoints gets only theirs (filtered here, so that pages stay full).
 */
@Controller('internal/apps/:appId/live')
export class LiveBackfillController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Get()
  async backfill(
    @Param('appId') appId: string,
    @Query() query: LiveBackfillQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ data: LiveEvent[] }> {
    const only = endpointRestrictionOf(principal);
    const rows = await listLiveEventsAfter(this.db, appId, query.after, query.limit, only);
    const iso = (value: unknown) => (value ? new Date(String(value)).toISOString() : null);
    return {
      data: rows.map((row) => {
        const data = { ...row.payload, timestamp: iso(row.payload['timestamp']) };
        if ('nextProbeAt' in data) data['nextProbeAt'] = iso(data['nextProbeAt']);
        const type =
          row.kind === 'message'
            ? 'message'
            : row.kind === 'attempt'
              ? 'attempt'
              : 'endpoint-health';
        return { id: String(row.position), type, data } as LiveEvent;
      }),
    };
  }
}
