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

interface Row {
  kind: 'message' | 'attempt' | 'health' | 'circuit';
  position: string;
  payload: Record<string, unknown>;
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
    const onlyEndpoint = (column: string) => (only ? `AND ${column} = ANY($4)` : '');
    const { rows } = await this.db.query<Row>(
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
      only ? [appId, query.after, query.limit, only] : [appId, query.after, query.limit],
    );
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
