import type { Sql } from '@hookport/platform';

export interface LiveRow {
  kind: 'message' | 'attempt' | 'health' | 'circuit';
  position: string;
  payload: Record<string, unknown>;
}

/**
 * Up to `limit` of the application's messages, attempts, health and circuit changes projected
 * after the position `after`, in position order; with `only`, those of these endpoints alone.
 */
export const listLiveEventsAfter = async (
  sql: Sql,
  appId: string,
  after: string,
  limit: number,
  only: readonly string[] | null,
): Promise<LiveRow[]> => {
  const onlyEndpoint = (column: string) => (only ? `AND ${column} = ANY($4)` : '');
  const { rows } = await sql.query<LiveRow>(
    `(SELECT 'message' AS kind, m.position AS position, json_build_object(
        'messageId', m.id, 'eventType', m.event_type, 'eventId', m.event_id,
        'endpointIds', COALESCE((SELECT array_agg(d.endpoint_id) FROM logs.deliveries d
                                  WHERE d.message_id = m.id ${onlyEndpoint('d.endpoint_id')}), '{}'),
        'timestamp', m.created_at) AS payload
        FROM logs.messages m WHERE m.app_id = $1 AND m.position > $2::bigint
        ${only ? 'AND EXISTS (SELECT 1 FROM logs.deliveries d WHERE d.message_id = m.id AND d.endpoint_id = ANY($4))' : ''}
        ORDER BY m.position LIMIT $3)
     UNION ALL
     (SELECT 'attempt', a.position, json_build_object(
        'attemptId', a.id, 'messageId', a.message_id, 'endpointId', a.endpoint_id,
        'succeeded', a.succeeded, 'responseStatus', a.response_status,
        'durationMs', a.duration_ms, 'errorClass', a.error_class, 'trigger', a.trigger,
        'deliveryStatus', (SELECT d.status FROM logs.deliveries d
                            WHERE d.message_id = a.message_id AND d.endpoint_id = a.endpoint_id),
        'nextAttemptAt', NULL, 'timestamp', a.attempted_at)
        FROM logs.attempts a WHERE a.app_id = $1 AND a.position > $2::bigint
        ${onlyEndpoint('a.endpoint_id')}
        ORDER BY a.position LIMIT $3)
     UNION ALL
     (SELECT 'health', h.health_position, json_build_object(
        'endpointId', h.endpoint_id, 'health', h.health, 'reason', h.health_reason,
        'timestamp', h.updated_at)
        FROM logs.endpoint_health h WHERE h.app_id = $1 AND h.health_position > $2::bigint
        ${onlyEndpoint('h.endpoint_id')})
     UNION ALL
     (SELECT 'circuit', h.circuit_position, json_build_object(
        'endpointId', h.endpoint_id, 'circuit', h.circuit_state, 'nextProbeAt', h.next_probe_at,
        'timestamp', h.updated_at)
        FROM logs.endpoint_health h WHERE h.app_id = $1 AND h.circuit_position > $2::bigint
        ${onlyEndpoint('h.endpoint_id')})
     ORDER BY position LIMIT $3`,
    only ? [appId, after, limit, only] : [appId, after, limit],
  );
  return rows;
};
