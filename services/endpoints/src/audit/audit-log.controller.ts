import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { Actor, ListResponse } from '@hookport/contracts';
import {
  CurrentPrincipal,
  Database,
  endpointRestrictionOf,
  headersFor,
  SecretBox,
  type Principal,
} from '@hookport/platform';
import { AuditLogQuery } from '@hookport/api-schema';
import { listAuditEvents } from './audit-log.repository';

export interface AuditLogEntry {
  id: string;
  type: string;
  /** The changed resource: an application or endpoint id. */
  resource: string;
  /** Who did it: an API key, or a portal session with its metadata. */
  actor: Actor;
  /** The event's data, signing secrets left out, header values masked without `secrets:read`. */
  data: Record<string, unknown>;
  occurredAt: string;
}

/**
 * The application's audit trail: every change to it and its endpoints, newest first, with the
 * actor (API key, or portal session and its metadata). Read from the event store itself. A
 * reader restricted to some endpoints sees the application's own entries and those endpoints'.
 */
@Controller('internal/apps/:appId/audit-log')
export class AuditLogController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  @Get()
  async list(
    @Param('appId') appId: string,
    @Query() query: AuditLogQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ListResponse<AuditLogEntry>> {
    const only = endpointRestrictionOf(principal);
    const rows = await listAuditEvents(
      this.db,
      appId,
      query.iterator ?? null,
      query.limit + 1,
      only,
    );
    const page = rows.slice(0, query.limit);
    return {
      data: page.map((row) => ({
        id: row.event_id,
        type: row.type,
        resource: row.stream_id,
        actor: row.actor,
        data: withHeadersFor(principal, row.data, this.box),
        occurredAt: row.occurred_at.toISOString(),
      })),
      iterator: page.length > 0 ? page[page.length - 1]!.position : null,
      prevIterator: query.iterator !== undefined ? String(query.iterator) : null,
      done: rows.length <= query.limit,
    };
  }
}

/** An endpoint's custom headers carry receivers' credentials: values only for who may read secrets. */
const withHeadersFor = (principal: Principal, data: Record<string, unknown>, box: SecretBox) => {
  const headers = data['headers'];
  if (!headers || typeof headers !== 'object') return data;
  return { ...data, headers: headersFor(principal, headers as Record<string, string>, box) };
};
