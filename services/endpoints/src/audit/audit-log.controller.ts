import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { Actor, ListResponse } from '@hookport/contracts';
import { Database } from '@hookport/platform';
import { AuditLogQuery } from '@hookport/api-schema';

export interface AuditLogEntry {
  id: string;
  type: string;
  /** The changed resource: an application or endpoint id. */
  resource: string;
  /** Who did it: an API key, or a portal session with its metadata. */
  actor: Actor;
  /** The event's data, signing secrets left out. */
  data: Record<string, unknown>;
  occurredAt: string;
}

/**
 * The application's audit trail: every change to it and its endpoints, newest first, with the
 * actor (API key, or portal session and its metadata). Read from the event store itself.
 */
@Controller('internal/apps/:appId/audit-log')
export class AuditLogController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Get()
  async list(
    @Param('appId') appId: string,
    @Query() query: AuditLogQuery,
  ): Promise<ListResponse<AuditLogEntry>> {
    const { rows } = await this.db.query<{
      global_position: string;
      event_id: string;
      type: string;
      stream_id: string;
      actor: Actor;
      data: Record<string, unknown>;
      occurred_at: Date;
    }>(
      `SELECT global_position::text, event_id, type, stream_id, actor, data - 'secrets' AS data, occurred_at
         FROM endpoints.events
        WHERE application_id = $1 AND ($2::bigint IS NULL OR global_position < $2)
        ORDER BY global_position DESC LIMIT $3`,
      [appId, query.iterator ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    return {
      data: page.map((row) => ({
        id: row.event_id,
        type: row.type,
        resource: row.stream_id,
        actor: row.actor,
        data: row.data,
        occurredAt: row.occurred_at.toISOString(),
      })),
      iterator: page.length > 0 ? page[page.length - 1]!.global_position : null,
      prevIterator: query.iterator !== undefined ? String(query.iterator) : null,
      done: rows.length <= query.limit,
    };
  }
}
