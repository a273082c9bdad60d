import { Controller, Get, Inject, Param } from '@nestjs/common';
import {
  CurrentPrincipal,
  Database,
  endpointRestrictionOf,
  type Principal,
} from '@hookport/platform';
import { listEndpointHealth, type EndpointHealthOut } from './endpoint-health.repository';

/** Internal route behind the portal's endpoint list: circuit and health of the app's endpoints. */
@Controller('internal/apps/:appId/endpoint-health')
export class EndpointHealthController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Get()
  async list(
    @Param('appId') appId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ data: EndpointHealthOut[] }> {
    const only = endpointRestrictionOf(principal);
    const rows = await listEndpointHealth(this.db, appId, only);
    return {
      data: rows.map((row) => ({
        endpointId: row.endpoint_id,
        circuit: row.circuit_state,
        nextProbeAt: row.next_probe_at?.toISOString() ?? null,
        consecutiveFailures: row.consecutive_failures,
        health: row.health,
        healthReason: row.health_reason,
      })),
    };
  }
}
