import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  CurrentPrincipal,
  Database,
  endpointRestrictionOf,
  HookportError,
  mayAccessEndpoint,
  type Principal,
} from '@hookport/platform';
import { StatsQuery, SuccessRatesQuery } from '@hookport/api-schema';
import { endpointStats, endpointSuccessRates } from './endpoint-stats.repository';

/** Internal routes behind `.../endpoint/{id}/stats` and the portal's endpoint stats. */
@Controller('internal/apps/:appId')
export class EndpointStatsController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Get('endpoints/:endpointId/stats')
  stats(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Query() query: StatsQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    if (!mayAccessEndpoint(principal, endpointId))
      throw new HookportError('notFound', `Endpoint ${endpointId} not found`);
    return endpointStats(this.db, appId, endpointId, query);
  }

  @Get('endpoint-success-rates')
  async successRates(
    @Param('appId') appId: string,
    @Query() query: SuccessRatesQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    const rates = await endpointSuccessRates(this.db, appId, query);
    // A portal session restricted to some endpoints sees only theirs.
    const only = endpointRestrictionOf(principal);
    return only
      ? { ...rates, data: rates.data.filter((row) => only.includes(row.endpointId)) }
      : rates;
  }
}
