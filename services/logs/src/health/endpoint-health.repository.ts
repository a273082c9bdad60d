import type { Sql } from '@hookport/platform';

/** An endpoint's circuit and health as the portal shows them; absent means closed and healthy. */
export interface EndpointHealthOut {
  endpointId: string;
  circuit: 'closed' | 'open' | 'half-open';
  nextProbeAt: string | null;
  consecutiveFailures: number;
  health: 'healthy' | 'failing' | 'disabled';
  healthReason: string | null;
}

interface EndpointHealthRow {
  endpoint_id: string;
  circuit_state: EndpointHealthOut['circuit'];
  next_probe_at: Date | null;
  consecutive_failures: number;
  health: EndpointHealthOut['health'];
  health_reason: string | null;
}

/** The application's endpoints with a known circuit or health; with `only`, those alone. */
export const listEndpointHealth = async (
  sql: Sql,
  appId: string,
  only: readonly string[] | null,
): Promise<EndpointHealthRow[]> => {
  const { rows } = await sql.query<EndpointHealthRow>(
    `SELECT * FROM logs.endpoint_health
      WHERE app_id = $1 ${only ? 'AND endpoint_id = ANY($2)' : ''}`,
    only ? [appId, only] : [appId],
  );
  return rows;
};
