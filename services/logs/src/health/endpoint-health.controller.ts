import { Controller, Get, Inject, Param } from '@nestjs/common';
import {
  CurrentPrincipal,
  Database,
  endpointRestrictionOf,
  type Principal,
} from '@hookport/platform';

/** An endpoint's circuit and health as the portal shows them; absent means closed and healthy. */
export interface EndpointHealthOut {
  endpointId: string;
  circuit: 'closed' | 'open' | 'half-open';
  nextProbeAt: string | null;
  consecutiveFailures: number;
  health: 'healthy' | 'failing' | 'disabled';
  healthReason: string | null;
}

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
    const { rows } = await this.db.query<{
      endpoint_id: string;
      circuit_state: EndpointHealthOut['circuit'];
      next_probe_at: Date | null;
      consecutive_failures: number;
      health: EndpointHealthOut['health'];
      health_reason: string | null;
    }>(
      `SELECT * FROM logs.endpoint_health
        WHERE app_id = $1 ${only ? 'AND endpoint_id = ANY($2)' : ''}`,
      only ? [appId, only] : [appId],
    );
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
