import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Database } from '@hookport/platform';
import { endpointStats } from './endpoint-stats.query';
import { StatsQuery } from '@hookport/api-schema';

/** Internal route behind `.../endpoint/{id}/stats` and the portal's endpoint stats. */
@Controller('internal/apps/:appId/endpoints/:endpointId/stats')
export class EndpointStatsController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Get()
  stats(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Query() query: StatsQuery,
  ) {
    return endpointStats(this.db, appId, endpointId, query);
  }
}
